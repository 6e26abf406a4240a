using SeaTable.Grains.Accounts;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Infrastructure;

/// <summary>
/// The base ("table") object of dtable-web: the V2020 fields plus the later ones clients read
/// (reference 1.6), with creator and modifier as display names.
/// </summary>
public static class TableJson
{
    public static Dictionary<string, object?> From(DTableInfo table, IReadOnlyDictionary<string, AccountProfile?> names) => new()
    {
        ["id"] = table.Id,
        ["workspace_id"] = table.WorkspaceId,
        ["uuid"] = table.Uuid.ToString(),
        ["name"] = table.Name,
        ["creator"] = names.NameOf(table.CreatorId),
        ["modifier"] = names.NameOf(table.ModifierId),
        ["created_at"] = IsoTime.Format(table.CreatedAt),
        ["updated_at"] = IsoTime.Format(table.UpdatedAt),
        ["color"] = table.Color,
        ["text_color"] = table.TextColor,
        ["icon"] = table.Icon,
        ["is_encrypted"] = false,
        ["in_storage"] = false,
    };

    /// <summary>The object with the trash fields of the trash listings.</summary>
    public static Dictionary<string, object?> WithTrash(DTableInfo table, IReadOnlyDictionary<string, AccountProfile?> names)
    {
        var json = From(table, names);
        json["deleted"] = table.Deleted;
        json["delete_time"] = IsoTime.Format(table.DeleteTime) ?? "";
        return json;
    }

    public static async Task<Dictionary<string, object?>> FromAsync(IGrainFactory grains, DTableInfo table) =>
        From(table, await UserNames.ResolveAsync(grains, [table.CreatorId, table.ModifierId]));
}
