using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using CsvHelper.Configuration;
using SeaTable.Grains.Content;
using SeaTable.Grains.DTables;

namespace SeaTable.Grains.ImportExport;

/// <summary>
/// A CSV file into the new base that waits for it (reference 7 E15): UTF-8 (BOM allowed), ',' or ';', RFC
/// 4180 quotes, one table named after the base. One streaming pass over the stored file: the first rows are
/// held until they have decided the column types, then every row is written as content.json straight into
/// the base's content grain (<see cref="ContentUpload"/>); the columns follow the rows, once every
/// multiple-select option has been seen. A limit or shape error part-way drops the upload, so nothing stays.
/// </summary>
public static class CsvImportJob
{
    private const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const int RowsPerReport = 2000;
    private const int RowsPerBlockCheck = 32;
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("_id");
    private static readonly JsonEncodedText ParticipantsName = JsonEncodedText.Encode("_participants");
    private static readonly JsonEncodedText CreatorName = JsonEncodedText.Encode("_creator");
    private static readonly JsonEncodedText CtimeName = JsonEncodedText.Encode("_ctime");
    private static readonly JsonEncodedText ModifierName = JsonEncodedText.Encode("_last_modifier");
    private static readonly JsonEncodedText MtimeName = JsonEncodedText.Encode("_mtime");
    private static readonly string[] OptionColors = ["#FFFCB5", "#FFEAB6", "#FFD9C8", "#DCFFFE", "#D1F1FF", "#E6DCFF", "#F9D7FF", "#E9F7E9"];

    public static async Task<IoJobOutcome> RunAsync(IoJobContext context, CancellationToken cancellationToken)
    {
        var dtable = context.Grains.GetGrain<IDTableGrain>(context.Task.DTableUuid);
        if (await ImportTarget.CheckAsync(context, dtable) is { } done)
        {
            return done;
        }

        var input = IoPaths.Input(context.TaskId);
        try
        {
            var delimiter = DetectDelimiter(context, input);
            long rows;
            await using (var upload = await ContentUpload.BeginAsync(context.Grains.GetGrain<IBaseContentGrain>(context.Task.DTableUuid)))
            {
                var written = await WriteContentAsync(context, input, delimiter, upload, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                context.Progress.Report(80, written);
                rows = await upload.CommitAsync();
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (!await dtable.CompleteImport(context.TaskId, rows))
            {
                throw new IoTaskFailedException("The base of this import no longer exists.");
            }

            context.Progress.Report(100, rows);
            return new IoJobOutcome(null, rows);
        }
        catch (Exception e) when (e is DecoderFallbackException || e.InnerException is DecoderFallbackException)
        {
            throw new IoTaskFailedException("File content invalid: the CSV file is not UTF-8 text. Save it as UTF-8 (with or without BOM) and import it again.");
        }
    }

    /// <summary>',' unless the first line holds more ';' than ',' (SeaTable's rule).</summary>
    private static string DetectDelimiter(IoJobContext context, string input)
    {
        using var reader = OpenText(context, input);
        var first = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(first?.Replace("\uFEFF", "", StringComparison.Ordinal)))
        {
            throw new IoTaskFailedException("Sheet is empty: the CSV file has no header line.");
        }

        return first.Count(c => c == ';') > first.Count(c => c == ',') ? ";" : ",";
    }

    /// <summary>Writes the whole content.json into the upload; the rows written.</summary>
    private static async Task<long> WriteContentAsync(IoJobContext context, string input, string delimiter, ContentUpload upload,
        CancellationToken cancellationToken)
    {
        var options = context.Options;
        using var reader = OpenText(context, input);
        using var parser = new CsvParser(reader, Configuration(delimiter));
        if (!parser.Read())
        {
            throw new IoTaskFailedException("Sheet is empty: the CSV file has no header line.");
        }

        var header = parser.Record!;
        if (header.Length > options.CsvMaxColumns)
        {
            throw new IoTaskFailedException($"The number of columns exceeds the limit of {options.CsvMaxColumns}.");
        }

        var names = CsvColumns.CleanNames(header, out var named);
        var tallies = header.Select(_ => new CsvTypeTally()).ToArray();
        var sample = new List<string[]>(CsvColumns.TypeSampleRows);
        CsvColumn[]? columns = null;
        var rows = new CsvRowWriter(context);
        var writer = upload.Writer;
        var templateTable = rows.WriteStart(writer);
        long read = 0;
        var length = reader.BaseStream.Length;
        while (parser.Read())
        {
            if (parser.Count != header.Length)
            {
                throw new IoTaskFailedException(
                    $"Line {parser.RawRow} of the CSV file has {parser.Count} fields, but the header has {header.Length}: every row needs one field per column.");
            }

            if (++read + 1 > options.CsvMaxRows)
            {
                throw new IoTaskFailedException($"The number of rows exceeds the limit of {options.CsvMaxRows}.");
            }

            var record = parser.Record!;
            if (columns is null)
            {
                // The first rows wait here until they have decided the types.
                for (var i = 0; i < record.Length; i++)
                {
                    if (!string.IsNullOrEmpty(record[i]))
                    {
                        tallies[i].Add(record[i]);
                    }
                }

                sample.Add(record);
                if (sample.Count == CsvColumns.TypeSampleRows)
                {
                    columns = Decide(tallies, named, names);
                    rows.WriteAll(writer, columns, sample);
                    sample.Clear();
                }

                continue;
            }

            if (rows.Write(writer, columns, record) % RowsPerBlockCheck == 0)
            {
                await upload.SendFullBlocksAsync();
            }

            if (read % RowsPerReport == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                context.Progress.ReportPart(0, 80, reader.BaseStream.Position, length, rows.Written);
            }
        }

        if (columns is null)
        {
            columns = Decide(tallies, named, names);
            rows.WriteAll(writer, columns, sample);
        }

        // The columns after the rows: the multiple-select options are complete only now.
        writer.WriteEndArray();
        writer.WriteStartArray("columns");
        foreach (var column in columns)
        {
            WriteColumn(writer, column);
        }

        writer.WriteEndArray();
        foreach (var name in new[] { "views", "view_structure", "id_row_map" })
        {
            writer.WritePropertyName(name);
            WriteNode(writer, templateTable[name]);
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        return rows.Written;
    }

    /// <summary>The columns the sampled values decide; a column with no header and no value is left out, as SeaTable does.</summary>
    private static CsvColumn[] Decide(CsvTypeTally[] tallies, bool[] named, string[] names)
    {
        var columns = new List<CsvColumn>();
        for (var i = 0; i < tallies.Length; i++)
        {
            var type = tallies[i].HasValues ? tallies[i].Decide() : named[i] ? CsvColumns.Text : null;
            if (type is not null)
            {
                columns.Add(new CsvColumn(i, columns.Count == 0 ? "0000" : NewKey(columns), names[i], type));
            }
        }

        return [.. columns];
    }

    /// <summary>Writes the rows, with the values that are the same in every row encoded once.</summary>
    private sealed class CsvRowWriter(IoJobContext context)
    {
        private readonly DateTimeOffset _now = context.Clock.GetUtcNow();
        private readonly JsonEncodedText _creator = JsonEncodedText.Encode(context.Task.OwnerId);
        private JsonEncodedText _time;

        public long Written { get; private set; }

        /// <summary>The top-level members, then the table up to its rows; the template table for the members after them.</summary>
        public JsonObject WriteStart(Utf8JsonWriter writer)
        {
            var template = DefaultContent.Create(context.Task.OwnerId, _now);
            _time = JsonEncodedText.Encode(DefaultContent.FormatRowTime(_now));
            writer.WriteStartObject();
            foreach (var (name, value) in template)
            {
                if (name != "tables")
                {
                    writer.WritePropertyName(name);
                    WriteNode(writer, value);
                }
            }

            writer.WriteStartArray("tables");
            writer.WriteStartObject();
            writer.WriteString("_id", "0000");
            writer.WriteString("name", TableName(context.Task.BaseName));
            writer.WriteStartArray("rows");
            return template["tables"]![0]!.AsObject();
        }

        public void WriteAll(Utf8JsonWriter writer, CsvColumn[] columns, List<string[]> records)
        {
            foreach (var record in records)
            {
                Write(writer, columns, record);
            }
        }

        /// <summary>Writes a row unless all its kept cells are empty; the rows written so far.</summary>
        public long Write(Utf8JsonWriter writer, CsvColumn[] columns, string[] record)
        {
            if (!Array.Exists(columns, c => !string.IsNullOrEmpty(record[c.Index])))
            {
                return Written;
            }

            writer.WriteStartObject();
            writer.WriteString(IdName, DefaultContent.NewRowId());
            writer.WriteStartArray(ParticipantsName);
            writer.WriteEndArray();
            writer.WriteString(CreatorName, _creator);
            writer.WriteString(CtimeName, _time);
            writer.WriteString(ModifierName, _creator);
            writer.WriteString(MtimeName, _time);
            foreach (var column in columns)
            {
                var value = record[column.Index];
                if (!string.IsNullOrEmpty(value))
                {
                    WriteCell(writer, column, value);
                }
            }

            writer.WriteEndObject();
            return ++Written;
        }
    }

    private static void WriteColumn(Utf8JsonWriter writer, CsvColumn column)
    {
        writer.WriteStartObject();
        writer.WriteString("key", column.Key);
        writer.WriteString("name", column.Name);
        writer.WriteString("type", column.Type);
        writer.WriteNumber("width", 200);
        writer.WriteBoolean("editable", true);
        writer.WriteBoolean("resizable", true);
        if (column.Type == CsvColumns.MultipleSelect)
        {
            writer.WriteStartObject("data");
            writer.WriteStartArray("options");
            var n = 0;
            foreach (var (option, id) in column.Options)
            {
                writer.WriteStartObject();
                writer.WriteString("name", option);
                writer.WriteString("color", OptionColors[n++ % OptionColors.Length]);
                writer.WriteString("textColor", "#212529");
                writer.WriteString("id", id);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteCell(Utf8JsonWriter writer, CsvColumn column, string value)
    {
        writer.WritePropertyName(column.EncodedKey);
        switch (column.Type)
        {
            case CsvColumns.Checkbox:
                writer.WriteBooleanValue(CsvColumns.IsChecked(value));
                break;
            case CsvColumns.MultipleSelect:
                writer.WriteStartArray();
                foreach (var option in CsvColumns.SplitOptions(value).Distinct(StringComparer.Ordinal))
                {
                    writer.WriteStringValue(column.OptionId(option));
                }

                writer.WriteEndArray();
                break;
            case CsvColumns.LongText:
                writer.WriteStartObject();
                writer.WriteString("text", value);
                writer.WriteString("preview", value.Length > CsvColumns.PreviewLength ? value[..CsvColumns.PreviewLength] : value);
                writer.WriteStartObject("checklist");
                writer.WriteNumber("completed", 0);
                writer.WriteNumber("total", 0);
                writer.WriteEndObject();
                writer.WriteStartArray("images");
                writer.WriteEndArray();
                writer.WriteStartArray("links");
                writer.WriteEndArray();
                writer.WriteEndObject();
                break;
            default:
                writer.WriteStringValue(value);
                break;
        }
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer);
        }
    }

    /// <summary>Strict UTF-8: a file in another encoding fails instead of importing as mojibake. A BOM is left to the header cleaning.</summary>
    private static StreamReader OpenText(IoJobContext context, string input)
    {
        var stream = context.Blobs.OpenRead(input) ?? throw new IoTaskFailedException("The uploaded file is no longer there; please import it again.");
        return new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
            detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
    }

    private static CsvConfiguration Configuration(string delimiter) => new(CultureInfo.InvariantCulture)
    {
        Delimiter = delimiter,
        HasHeaderRecord = false,
        // Python's csv reader, which SeaTable uses, accepts stray quotes; so does this.
        BadDataFound = null,
        MissingFieldFound = null,
        IgnoreBlankLines = true,
        DetectColumnCountChanges = false,
        Mode = CsvMode.RFC4180,
    };

    /// <summary>The table takes the base's name with ` \ / replaced, as SeaTable names it.</summary>
    private static string TableName(string baseName) => baseName.Replace('`', '_').Replace('\\', '_').Replace('/', '_');

    private static string NewKey(List<CsvColumn> columns)
    {
        while (true)
        {
            var key = new string(RandomNumberGenerator.GetItems<char>(KeyAlphabet, 4));
            if (key != "0000" && columns.All(c => c.Key != key))
            {
                return key;
            }
        }
    }

    /// <summary>A kept column; a multiple-select one numbers its options in the order they first appear.</summary>
    private sealed record CsvColumn(int Index, string Key, string Name, string Type)
    {
        public JsonEncodedText EncodedKey { get; } = JsonEncodedText.Encode(Key);

        public OrderedDictionary<string, string> Options { get; } = new(StringComparer.Ordinal);

        public string OptionId(string option)
        {
            if (!Options.TryGetValue(option, out var id))
            {
                id = (100000 + Options.Count).ToString(CultureInfo.InvariantCulture);
                Options.Add(option, id);
            }

            return id;
        }
    }
}
