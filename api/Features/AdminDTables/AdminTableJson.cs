using SeaTable.Grains.Accounts;
using SeaTable.Grains.Catalog;
using SeaTable.Grains.DTables;
using SeaTable.Grains.Organizations;

namespace SeaTable.Api.Features.AdminDTables;

/// <summary>
/// The base objects of the admin listings (reference E9-E12): the table object plus org_id (and org_name),
/// owner (display name), email (the owner's id), group_id and rows_count, built from catalog rows only.
/// </summary>
public static class AdminTableJson
{
    /// <param name="purgeAfter">For trash listings: the retention and now, to show the days left before the purge.</param>
    public static async Task<List<Dictionary<string, object?>>> FromAsync(
        IGrainFactory grains, IReadOnlyList<CatalogDTable> rows, bool trash, (TimeSpan Retention, DateTimeOffset Now)? purgeAfter = null)
    {
        var names = await UserNames.ResolveAsync(grains, rows.SelectMany(r => new[] { r.CreatorId, r.ModifierId, r.OwnerId }));
        var orgIds = rows.Select(r => r.OrgId).Where(id => id > 0).Distinct().ToList();
        var orgs = (await Task.WhenAll(orgIds.Select(id => grains.GetGrain<IOrganizationGrain>(id).GetInfo())))
            .OfType<OrganizationInfo>().ToDictionary(o => o.Id, o => o.Name);

        return [.. rows.Select(row =>
        {
            var info = new DTableInfo(row.Id, row.Uuid, row.WorkspaceId, row.OwnerId, row.OrgId, row.Name, row.CreatorId, row.ModifierId,
                row.CreatedAt, row.UpdatedAt, row.Deleted, row.DeleteTime, null, null, null, row.RowsCount);
            var json = trash ? TableJson.WithTrash(info, names) : TableJson.From(info, names);
            json["org_id"] = row.OrgId;
            if (orgs.TryGetValue(row.OrgId, out var orgName))
            {
                json["org_name"] = orgName;
            }

            json["owner"] = names.NameOf(row.OwnerId);
            json["email"] = row.OwnerId;
            json["group_id"] = -1;
            json["owner_deleted"] = !names.ContainsKey(row.OwnerId) || names[row.OwnerId] is null;
            json["rows_count"] = row.RowsCount;
            if (purgeAfter is { } purge && row.DeleteTime is { } deleted)
            {
                json["days_left"] = Math.Max(0, (int)Math.Ceiling((deleted + purge.Retention - purge.Now).TotalDays));
            }

            return json;
        })];
    }
}
