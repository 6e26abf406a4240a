using SeaTable.Grains.Accounts;
using SeaTable.Grains.Catalog;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.AdminDTables;

/// <summary>
/// The base objects of the admin listings (reference E9-E12): the table object plus org_id (and org_name),
/// owner (display name), email (the owner's id), group_id and rows_count, built from catalog rows only.
/// </summary>
public static class AdminTableJson
{
    /// <param name="purgeAfter">For trash listings: the retention and now, to show the days left before the purge.</param>
    public static async Task<List<Dictionary<string, object?>>> FromAsync(
        ICatalog catalog, IReadOnlyList<CatalogDTable> rows, bool trash, (TimeSpan Retention, DateTimeOffset Now)? purgeAfter = null,
        CancellationToken cancellationToken = default)
    {
        // Names come from the catalog too (one query each for users and organizations), not from a grain per
        // owner: a page of 100 bases by 100 owners would otherwise cost 100 grain calls.
        var userIds = rows.SelectMany(r => new[] { r.CreatorId, r.ModifierId, r.OwnerId }).ToHashSet(StringComparer.Ordinal);
        var users = await catalog.GetUsersAsync(userIds, cancellationToken);
        var names = userIds.ToDictionary(id => id, id => users.TryGetValue(id, out var user) ? ToProfile(user) : null, StringComparer.Ordinal);
        var orgIds = rows.Select(r => r.OrgId).Where(id => id > 0).ToHashSet();
        var orgs = (await catalog.GetOrganizationsAsync(orgIds, cancellationToken)).ToDictionary(o => o.Key, o => o.Value.Name);

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

    /// <summary>The catalog's copy of an account, in the shape the table JSON takes names from.</summary>
    private static AccountProfile ToProfile(CatalogUser user) =>
        new(user.Id, user.ContactEmail, user.Name, user.IsStaff, user.IsActive, user.OrgId, IsOrgStaff: false, WorkspaceId: 0, user.CreatedAt);
}
