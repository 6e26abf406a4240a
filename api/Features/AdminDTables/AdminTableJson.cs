using SeaTable.Grains.Accounts;
using SeaTable.Grains.Catalog;

namespace SeaTable.Api.Features.AdminDTables;

/// <summary>
/// The base objects of the admin listings (reference E9-E12): the table object plus org_id (and org_name),
/// owner (display name), email (the owner's id), group_id and rows_count, built from catalog rows only.
/// </summary>
public static class AdminTableJson
{
    /// <param name="purgeAfter">For trash listings: the retention and now, to show the days left before the purge.</param>
    public static List<AdminTableResponse> From(
        IReadOnlyList<CatalogDTable> rows, bool trash, (TimeSpan Retention, DateTimeOffset Now)? purgeAfter = null)
    {
        // Names come with the catalog rows (one query), not from a grain per owner: a page of 100 bases by
        // 100 owners would otherwise cost 100 grain calls.
        var names = new Dictionary<string, AccountProfile?>(StringComparer.Ordinal);
        var orgs = new Dictionary<long, string>();
        foreach (var row in rows)
        {
            AddName(names, row.OwnerId, row.Names?.Owner);
            AddName(names, row.CreatorId, row.Names?.Creator);
            AddName(names, row.ModifierId, row.Names?.Modifier);
            if (row.OrgId > 0 && row.Names?.Organization is { } orgName)
            {
                orgs[row.OrgId] = orgName;
            }
        }

        return [.. rows.Select(row => new AdminTableResponse(
            row.Id, row.WorkspaceId, row.Uuid.ToString(), row.Name, names.NameOf(row.CreatorId), names.NameOf(row.ModifierId),
            IsoTime.Format(row.CreatedAt), IsoTime.Format(row.UpdatedAt), Color: null, TextColor: null, Icon: null,
            IsEncrypted: false, InStorage: false,
            Deleted: trash ? row.Deleted : null,
            DeleteTime: trash ? IsoTime.Format(row.DeleteTime) ?? "" : null,
            row.OrgId,
            orgs.TryGetValue(row.OrgId, out var orgName) ? orgName : null,
            names.NameOf(row.OwnerId),
            row.OwnerId,
            GroupId: -1,
            OwnerDeleted: !names.ContainsKey(row.OwnerId) || names[row.OwnerId] is null,
            row.RowsCount,
            purgeAfter is { } purge && row.DeleteTime is { } deleted
                ? Math.Max(0, (int)Math.Ceiling((deleted + purge.Retention - purge.Now).TotalDays))
                : null))];
    }

    /// <summary>A user's display name in the shape the table JSON takes names from (null: not in the catalog).</summary>
    private static void AddName(Dictionary<string, AccountProfile?> names, string userId, string? name)
    {
        if (!names.TryGetValue(userId, out var known) || known is null)
        {
            names[userId] = name is null ? null : new AccountProfile(userId, "", name, false, true, -1, false, 0, default);
        }
    }
}
