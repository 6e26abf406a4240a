using System.Text.Json;
using System.Text.Json.Nodes;
using SeaTable.Grains.Content.Model;

namespace SeaTable.Grains.Content;

/// <summary>
/// dtable-db's linked-records (the clients' get_linked_records / getLinkedRecords): the linked rows of many rows
/// through one link column, each row's list paged by its own offset and limit, answered as
/// {row_id: [{"row_id", "display_value"}]}: a plain object, no "success" wrapper (sql-reference.md 1.3). The linked
/// rows come by creation time (_ctime), as SeaTable documents it, not in the order they were linked.
/// </summary>
public sealed partial class BaseContentGrain : IBaseSqlGrain
{
    /// <summary>Rows one call may ask for (the row API's batch bound).</summary>
    public const int MaxLinkedRecordsRows = 1000;

    /// <summary>Linked rows one row's page may hold (SeaTable's "limit" maximum, 100): a larger limit is lowered to it.</summary>
    public const int MaxLinkedRecordsLimit = 100;

    private const int DefaultLinkedRecordsLimit = 10;

    Task<SqlReply> IBaseSqlGrain.LinkedRecords(LinkedRecordsQuery query)
    {
        if (_content is not { } content)
        {
            return Task.FromResult(SqlReply.Fail(SqlError.NoContent, "dtable not found."));
        }

        if (TableByNameOrId(content, query.TableId) is not { } table)
        {
            return Task.FromResult(SqlReply.Fail(SqlError.Invalid, $"table {query.TableId} not found"));
        }

        // The clients send the column's key; a name is taken too, as the other calls take either.
        if ((table.ColumnByKey(query.LinkColumn) ?? table.ColumnByName(query.LinkColumn)) is not { } column)
        {
            return Task.FromResult(SqlReply.Fail(SqlError.Invalid, $"column {query.LinkColumn} not found"));
        }

        if (column.Type != ColumnTypes.Link || column.LinkId is not { } linkId || content.LinkById(linkId) is not { } link)
        {
            return Task.FromResult(SqlReply.Fail(SqlError.Invalid, $"column {query.LinkColumn} is not a link column"));
        }

        if (LinkedRecordsPages.Parse(query.RowsJson) is not { } pages)
        {
            return Task.FromResult(SqlReply.Fail(SqlError.Invalid, "rows invalid"));
        }

        if (pages.Count > MaxLinkedRecordsRows)
        {
            return Task.FromResult(SqlReply.Fail(SqlError.LimitExceeded, $"at most {MaxLinkedRecordsRows} rows per request"));
        }

        var otherTable = content.TableById(link.Table1Id == table.Id ? link.Table2Id : link.Table1Id);
        var display = otherTable is null ? null : LinkDisplay.For(column, otherTable);
        CreationOrder? order = null;
        var json = Json(writer =>
        {
            writer.WriteStartObject();
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var page in pages)
            {
                if (!written.Add(page.RowId))
                {
                    continue;
                }

                writer.WriteStartArray(page.RowId);
                if (otherTable is not null && table.Rows.Contains(page.RowId))
                {
                    // Ids the other table no longer holds are not links any more: they take no place in a page.
                    var linked = link.Linked(table.Id, page.RowId)
                        .Select(otherTable.Rows.Find).OfType<ContentRow>()
                        .Order(order ??= new CreationOrder(otherTable))
                        .Skip(page.Offset).Take(page.Limit);
                    foreach (var other in linked)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("row_id", other.Id);
                        writer.WritePropertyName("display_value");
                        display!.Write(writer, other);
                        writer.WriteEndObject();
                    }
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        });
        return Task.FromResult(new SqlReply(SqlError.None, Json: json, Count: pages.Count));
    }

    /// <summary>
    /// Rows by creation time; rows created in the same millisecond (a batch append) by their place in the table, which
    /// costs one pass over the table, made only when such a tie comes up.
    /// </summary>
    private sealed class CreationOrder(ContentTable table) : IComparer<ContentRow>
    {
        private Dictionary<ContentRow, int>? _positions;

        public int Compare(ContentRow? x, ContentRow? y)
        {
            var byTime = (x!.CreatedAt ?? long.MinValue).CompareTo(y!.CreatedAt ?? long.MinValue);
            if (byTime != 0 || ReferenceEquals(x, y))
            {
                return byTime;
            }

            _positions ??= table.Rows.InOrder.Select((row, index) => (row, index)).ToDictionary(p => p.row, p => p.index);
            return _positions.GetValueOrDefault(x).CompareTo(_positions.GetValueOrDefault(y));
        }
    }

    /// <summary>One row's page of the request: {"row_id", "offset" (0), "limit" (10)}.</summary>
    private sealed record LinkedRecordsPage(string RowId, int Offset, int Limit);

    private static class LinkedRecordsPages
    {
        /// <summary>The pages of a JSON array of {row_id, offset, limit}, or null when it is not one.</summary>
        public static List<LinkedRecordsPage>? Parse(string rowsJson)
        {
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(rowsJson);
            }
            catch (JsonException)
            {
                return null;
            }

            if (node is not JsonArray rows)
            {
                return null;
            }

            var pages = new List<LinkedRecordsPage>(rows.Count);
            foreach (var row in rows)
            {
                if (row is not JsonObject item || item["row_id"] is not JsonValue id || !id.TryGetValue<string>(out var rowId) || rowId.Length == 0
                    || Whole(item["offset"], 0) is not { } offset || offset < 0
                    || Whole(item["limit"], DefaultLinkedRecordsLimit) is not { } limit || limit < 0)
                {
                    return null;
                }

                pages.Add(new LinkedRecordsPage(rowId, offset, Math.Min(limit, MaxLinkedRecordsLimit)));
            }

            return pages;
        }

        /// <summary>A whole number (or its digits as a string, as form-like bodies send), the default when absent or null.</summary>
        private static int? Whole(JsonNode? node, int absent) => node switch
        {
            null => absent,
            JsonValue value when value.TryGetValue<int>(out var number) => number,
            JsonValue value when value.TryGetValue<double>(out var real) && real == Math.Floor(real) && real is >= 0 and <= int.MaxValue => (int)real,
            JsonValue value when value.TryGetValue<string>(out var text) && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }

    /// <summary>
    /// The display value of a linked row: its cell of the link column's display column (data.display_column_key,
    /// else the other table's first column), as the row API shows cells: select options by name, "" when empty.
    /// </summary>
    private sealed class LinkDisplay(string? key, Dictionary<string, string>? optionNames)
    {
        public static LinkDisplay For(ContentColumn linkColumn, ContentTable otherTable)
        {
            var key = linkColumn.Data?["display_column_key"] is JsonValue d && d.TryGetValue<string>(out var k) && otherTable.ColumnByKey(k) is not null
                ? k
                : otherTable.Columns.FirstOrDefault()?.Key;
            var displayColumn = key is null ? null : otherTable.ColumnByKey(key);
            Dictionary<string, string>? names = null;
            if (displayColumn?.Type is ColumnTypes.SingleSelect or ColumnTypes.MultipleSelect)
            {
                names = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var option in displayColumn.Options.OfType<JsonObject>())
                {
                    if (option["id"] is JsonValue id && option["name"] is JsonValue name)
                    {
                        names.TryAdd(id.ToString(), name.ToString());
                    }
                }
            }

            return new LinkDisplay(key, names);
        }

        public void Write(Utf8JsonWriter writer, ContentRow row)
        {
            var raw = key is null ? [] : RowCells.Find(row.Cells, key);
            if (raw.IsEmpty)
            {
                writer.WriteStringValue("");
                return;
            }

            if (optionNames is null)
            {
                writer.WriteRawValue(raw, skipInputValidation: true);
                return;
            }

            var reader = new Utf8JsonReader(raw);
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                var id = reader.GetString()!;
                writer.WriteStringValue(optionNames.GetValueOrDefault(id, id));
                return;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                writer.WriteRawValue(raw, skipInputValidation: true);
                return;
            }

            writer.WriteStartArray();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.String)
                {
                    var item = reader.GetString()!;
                    writer.WriteStringValue(optionNames.GetValueOrDefault(item, item));
                }
                else
                {
                    reader.Skip();
                }
            }

            writer.WriteEndArray();
        }
    }
}
