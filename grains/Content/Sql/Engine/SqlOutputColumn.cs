using System.Text.Json;
using System.Text.Json.Nodes;
using SeaTable.Grains.Content.Sql.Values;

namespace SeaTable.Grains.Content.Sql.Engine;

/// <summary>
/// One column of a result: the key its values go under, its metadata entry, and how a tuple's value is
/// written — a field's cell as stored (<see cref="Cell"/>) or an evaluated expression (<see cref="Value"/>).
/// </summary>
internal sealed class SqlOutputColumn
{
    private string? _inferredType;

    public SqlOutputColumn(string key, string metadataKey, string name, BoundField field, SqlCellWriter cell, JsonNode? data, string? tableName = null)
    {
        Key = key;
        MetadataKey = metadataKey;
        Name = name;
        Type = field.Field.Type;
        Data = data;
        Source = field.Source;
        Cell = cell;
        Read = tuple => tuple.Read(field.Slot, field.Source, field.Field);
        TableName = tableName;
    }

    public SqlOutputColumn(string key, SqlEvaluator value, string? type, JsonNode? data)
    {
        Key = key;
        MetadataKey = key;
        Name = key;
        Type = type;
        Data = data;
        Value = value;
        Read = value;
    }

    /// <summary>The key in each result row (for a join, the metadata id).</summary>
    public string Key { get; }

    public string Name { get; }

    /// <summary>The column type for the metadata; null for an expression whose type shows in its values.</summary>
    public string? Type { get; }

    public JsonNode? Data { get; }

    public int Source { get; }

    public SqlCellWriter? Cell { get; }

    public SqlEvaluator? Value { get; }

    /// <summary>The value as a <see cref="SqlValue"/> (DISTINCT, sorting).</summary>
    public SqlEvaluator Read { get; }

    /// <summary>The metadata's "key": the column's own key (results are keyed by name with convert_keys), else the result key.</summary>
    public string MetadataKey { get; }

    public string? TableName { get; }

    public void Write(Utf8JsonWriter writer, SqlTuple tuple)
    {
        if (Cell is not null)
        {
            Cell.Write(writer, tuple.Rows[Source]);
            return;
        }

        var value = Value!(tuple);
        if (_inferredType is null && !value.IsNull)
        {
            _inferredType = value.Kind switch
            {
                SqlKind.Number => "number",
                SqlKind.Bool => "checkbox",
                SqlKind.Date => "date",
                SqlKind.List => "multiple-select",
                _ => "text",
            };
        }

        SqlJson.Write(writer, value);
    }

    public void WriteMetadata(Utf8JsonWriter writer, bool join)
    {
        writer.WriteStartObject();
        if (join)
        {
            writer.WriteString("id", Key);
            if (TableName is not null)
            {
                writer.WriteString("table_name", TableName);
            }
        }

        writer.WriteString("key", MetadataKey);
        writer.WriteString("name", Name);
        writer.WriteString("type", Type ?? _inferredType ?? "text");
        writer.WritePropertyName("data");
        if (Data is null && (Type ?? _inferredType) == "date")
        {
            writer.WriteStartObject();
            writer.WriteString("format", "YYYY-MM-DD HH:mm");
            writer.WriteEndObject();
        }
        else if (Data is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            Data.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}
