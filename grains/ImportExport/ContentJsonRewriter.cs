using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using SeaTable.Grains.Content.Model;

namespace SeaTable.Grains.ImportExport;

/// <summary>
/// Copies a content.json (reference 7.5) piece by piece as a <see cref="ContentJsonParser"/> hands it over,
/// refusing content that is not a base (tables with _id and name, columns with key/name/type, rows with
/// _id) and rewriting asset URLs; for exports also settings.enable_archive off, as SeaTable exports it.
/// Pieces without asset URLs are copied as raw bytes.
/// </summary>
internal sealed class ContentJsonRewriter : IContentJsonHandler
{
    private const int RowsPerReport = 2000;

    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly Utf8JsonWriter _writer;
    private readonly AssetUrls _urls;
    private readonly bool _archiveOff;
    private readonly Action<long> _reportRows;
    private readonly CancellationToken _cancellationToken;
    private string _where = "";
    private bool _hasId;
    private bool _hasName;
    private bool _hasColumns;
    private bool _hasRows;
    private int _row;

    private ContentJsonRewriter(Utf8JsonWriter writer, AssetUrls urls, bool archiveOff, Action<long> reportRows, CancellationToken cancellationToken)
    {
        _writer = writer;
        _urls = urls;
        _archiveOff = archiveOff;
        _reportRows = reportRows;
        _cancellationToken = cancellationToken;
        writer.WriteStartObject();
    }

    public long Rows { get; private set; }

    /// <summary>
    /// Copies the content.json in <paramref name="source"/> into <paramref name="writer"/>, checked and rewritten
    /// piece by piece; <paramref name="afterBlock"/> runs after each block read, with the bytes read so far.
    /// Returns the row count. Throws <see cref="JsonException"/> or <see cref="ContentFormatException"/> for
    /// text that is not JSON, <see cref="IoTaskFailedException"/> for JSON that is not a base.
    /// </summary>
    public static async Task<long> CopyAsync(Stream source, Utf8JsonWriter writer, AssetUrls urls, bool archiveOff,
        Action<long> reportRows, Func<long, ValueTask> afterBlock, CancellationToken cancellationToken)
    {
        var rewriter = new ContentJsonRewriter(writer, urls, archiveOff, reportRows, cancellationToken);
        var parser = new ContentJsonParser(rewriter);
        await parser.ReadAsync(source, cancellationToken, afterBlock);
        rewriter.Finish(parser.SawTables);
        return rewriter.Rows;
    }

    /// <summary>Closes the document once the parser has completed it.</summary>
    private void Finish(bool sawTables)
    {
        if (!sawTables)
        {
            throw Invalid("\"tables\" is missing or not a list");
        }

        _writer.WriteEndObject();
        _reportRows(Rows);
    }

    public void Member(string name, JsonElement value)
    {
        _writer.WritePropertyName(name);
        if (_archiveOff && name == "settings" && value.ValueKind == JsonValueKind.Object)
        {
            _writer.WriteStartObject();
            foreach (var setting in value.EnumerateObject())
            {
                WriteName(setting);
                if (setting.NameEquals("enable_archive"u8))
                {
                    _writer.WriteBooleanValue(false);
                }
                else
                {
                    WriteValue(setting.Value);
                }
            }

            _writer.WriteEndObject();
            return;
        }

        WriteValue(value);
    }

    public void TablesStart() => _writer.WriteStartArray("tables");

    public void TablesEnd() => _writer.WriteEndArray();

    public void TableStart(int index)
    {
        _where = $"tables[{index}]";
        _hasId = _hasName = _hasColumns = _hasRows = false;
        _row = 0;
        _writer.WriteStartObject();
    }

    public void TableMember(string name, JsonElement value)
    {
        switch (name)
        {
            case "_id":
                _hasId = RequireString(value, name, _where);
                break;
            case "name":
                _hasName = RequireString(value, name, _where);
                break;
            case "columns":
                _hasColumns = CheckColumns(value);
                break;
            case "views" when value.ValueKind != JsonValueKind.Array:
                throw Invalid($"{_where}.views is not a list");
        }

        _writer.WritePropertyName(name);
        WriteValue(value);
    }

    public void RowsStart()
    {
        _hasRows = true;
        _writer.WriteStartArray("rows");
    }

    public void Row(JsonElement row)
    {
        var index = _row++;
        if (row.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"{_where}.rows[{index}] is not an object");
        }

        if (!row.TryGetProperty("_id"u8, out var id) || !IsText(id))
        {
            throw Invalid($"{_where}.rows[{index}] has no \"_id\"");
        }

        WriteValue(row);
        if (++Rows % RowsPerReport == 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            _reportRows(Rows);
        }
    }

    public void RowsEnd() => _writer.WriteEndArray();

    public void TableEnd()
    {
        if (!_hasId || !_hasName)
        {
            throw Invalid($"{_where} has no \"{(_hasId ? "name" : "_id")}\"");
        }

        if (!_hasColumns)
        {
            throw Invalid($"{_where}.columns is missing or not a list");
        }

        if (!_hasRows)
        {
            throw Invalid($"{_where}.rows is missing or not a list");
        }

        _writer.WriteEndObject();
    }

    private bool CheckColumns(JsonElement columns)
    {
        if (columns.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"{_where}.columns is missing or not a list");
        }

        var c = 0;
        foreach (var column in columns.EnumerateArray())
        {
            var at = $"{_where}.columns[{c++}]";
            if (column.ValueKind != JsonValueKind.Object)
            {
                throw Invalid($"{at} is not an object");
            }

            foreach (var required in (ReadOnlySpan<string>)["key", "name", "type"])
            {
                if (!column.TryGetProperty(required, out var value))
                {
                    throw Invalid($"{at} has no \"{required}\"");
                }

                RequireString(value, required, at);
            }
        }

        return true;
    }

    private void WriteValue(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        if (raw.IndexOf(_urls.Marker) < 0)
        {
            _writer.WriteRawValue(raw, skipInputValidation: true);
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                _writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    WriteName(property);
                    WriteValue(property.Value);
                }

                _writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                _writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteValue(item);
                }

                _writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                _writer.WriteStringValue(_urls.Rewrite(element.GetString()!));
                break;
            default:
                _writer.WriteRawValue(raw, skipInputValidation: true);
                break;
        }
    }

    private void WriteName(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.IndexOf((byte)'\\') < 0)
        {
            _writer.WritePropertyName(raw);
        }
        else
        {
            _writer.WritePropertyName(property.Name);
        }
    }

    private static bool RequireString(JsonElement value, string name, string where) =>
        IsText(value) ? true : throw Invalid($"{where} has no \"{name}\"");

    /// <summary>A non-empty string (checked on the raw text: no string is made for it).</summary>
    private static bool IsText(JsonElement value) => value.ValueKind == JsonValueKind.String && !value.ValueEquals(""u8);

    public static IoTaskFailedException Invalid(string why) => new($"content.json is not a SeaTable base: {why}.");
}
