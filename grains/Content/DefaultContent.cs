using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content;

/// <summary>
/// The content SeaTable gives a new base (reference 7.5): table "Table1" with the text column "Name",
/// the view "Default View" and three empty rows. Ids of the first table, column and view are "0000".
/// </summary>
public static class DefaultContent
{
    public const int RowCount = 3;

    public static JsonObject Create(string creatorId, DateTimeOffset now)
    {
        var rows = new JsonArray();
        for (var i = 0; i < RowCount; i++)
        {
            rows.Add(NewRow(creatorId, now));
        }

        return new JsonObject
        {
            ["version"] = 1,
            ["format_version"] = 9,
            ["statistics"] = new JsonArray(),
            ["links"] = new JsonArray(),
            ["description"] = new JsonObject { ["text"] = "" },
            ["plugin_settings"] = new JsonObject(),
            ["plugins"] = new JsonArray(),
            ["scripts"] = new JsonArray(),
            ["settings"] = new JsonObject(),
            ["collaborators"] = new JsonArray(),
            ["tables"] = new JsonArray
            {
                new JsonObject
                {
                    ["_id"] = "0000",
                    ["name"] = "Table1",
                    ["columns"] = new JsonArray
                    {
                        new JsonObject
                        {
                            ["key"] = "0000", ["name"] = "Name", ["type"] = "text", ["width"] = 200,
                            ["editable"] = true, ["resizable"] = true,
                        },
                    },
                    ["rows"] = rows,
                    ["views"] = new JsonArray { NewView("0000", "Default View") },
                    ["view_structure"] = new JsonObject { ["folders"] = new JsonArray(), ["view_ids"] = new JsonArray { "0000" } },
                    ["id_row_map"] = new JsonObject(),
                },
            },
        };
    }

    /// <summary>A row id: 22 characters of URL-safe base64 (16 random bytes), as SeaTable's ids look.</summary>
    public static string NewRowId() => Model.RowIds.New();

    /// <summary>A view as SeaTable creates it: no filters, sorts, groups or hidden columns.</summary>
    public static JsonObject NewView(string id, string name) => new()
    {
        ["_id"] = id, ["name"] = name, ["type"] = "table", ["is_locked"] = false,
        ["rows"] = new JsonArray(), ["formula_rows"] = new JsonObject(), ["summaries"] = new JsonObject(),
        ["filter_conjunction"] = "And", ["filters"] = new JsonArray(), ["sorts"] = new JsonArray(),
        ["hidden_columns"] = new JsonArray(), ["groupbys"] = new JsonArray(), ["groups"] = new JsonArray(),
        ["colors"] = new JsonObject(), ["column_colors"] = new JsonObject(), ["link_rows"] = new JsonObject(),
    };

    /// <summary>Row times are ISO 8601 with milliseconds and an offset, as dtable-server writes them.</summary>
    public static string FormatRowTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+00:00'", System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject NewRow(string creatorId, DateTimeOffset now) => new()
    {
        ["_id"] = NewRowId(),
        ["_participants"] = new JsonArray(),
        ["_creator"] = creatorId,
        ["_ctime"] = FormatRowTime(now),
        ["_last_modifier"] = creatorId,
        ["_mtime"] = FormatRowTime(now),
    };
}
