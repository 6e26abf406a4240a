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
/// 4180 quotes, one table named after the base. Two streaming passes over the stored file: the first checks
/// the limits and the shape and infers the column types, the second writes content.json row by row
/// straight into the base's content grain (<see cref="ContentUpload"/>).
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
            var plan = Analyze(context, input, delimiter, cancellationToken);
            long rows;
            await using (var upload = await ContentUpload.BeginAsync(context.Grains.GetGrain<IBaseContentGrain>(context.Task.DTableUuid)))
            {
                await WriteContentAsync(context, input, delimiter, plan, upload, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                context.Progress.Report(80, plan.Rows);
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

    private static CsvPlan Analyze(IoJobContext context, string input, string delimiter, CancellationToken cancellationToken)
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
        var options_ = header.Select(_ => new List<string>()).ToArray();
        var seen = header.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToArray();
        string[]? types = null;
        long rows = 0;
        long dataRows = 0;
        var length = reader.BaseStream.Length;
        while (parser.Read())
        {
            if (parser.Count != header.Length)
            {
                throw new IoTaskFailedException(
                    $"Line {parser.RawRow} of the CSV file has {parser.Count} fields, but the header has {header.Length}: every row needs one field per column.");
            }

            rows++;
            if (rows + 1 > options.CsvMaxRows)
            {
                throw new IoTaskFailedException($"The number of rows exceeds the limit of {options.CsvMaxRows}.");
            }

            var hasValue = false;
            for (var i = 0; i < header.Length; i++)
            {
                var value = parser[i];
                if (string.IsNullOrEmpty(value))
                {
                    continue;
                }

                hasValue = true;
                if (types is null)
                {
                    tallies[i].Add(value);
                }

                if (types is null || types[i] == CsvColumns.MultipleSelect)
                {
                    foreach (var option in CsvColumns.SplitOptions(value))
                    {
                        if (seen[i].Add(option))
                        {
                            options_[i].Add(option);
                        }
                    }
                }
            }

            if (hasValue)
            {
                dataRows++;
            }

            if (types is null && rows == CsvColumns.TypeSampleRows)
            {
                types = Decide(tallies, named, options_, seen);
            }

            if (rows % RowsPerReport == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                context.Progress.ReportPart(0, 30, reader.BaseStream.Position, length, 0);
            }
        }

        types ??= Decide(tallies, named, options_, seen);
        var columns = new List<CsvColumn>();
        for (var i = 0; i < header.Length; i++)
        {
            if (types[i] is not null)
            {
                columns.Add(new CsvColumn(i, columns.Count == 0 ? "0000" : NewKey(columns), names[i], types[i], options_[i]));
            }
        }

        return new CsvPlan(columns, dataRows);
    }

    /// <summary>Column types once sampled: null drops the column (no header and no value), as SeaTable does.</summary>
    private static string[] Decide(CsvTypeTally[] tallies, bool[] named, List<string>[] options, HashSet<string>[] seen)
    {
        var types = new string[tallies.Length];
        for (var i = 0; i < tallies.Length; i++)
        {
            types[i] = tallies[i].HasValues ? tallies[i].Decide() : named[i] ? CsvColumns.Text : null!;
            if (types[i] != CsvColumns.MultipleSelect)
            {
                options[i].Clear();
                seen[i].Clear();
            }
        }

        return types;
    }

    private static async Task WriteContentAsync(IoJobContext context, string input, string delimiter, CsvPlan plan, ContentUpload upload,
        CancellationToken cancellationToken)
    {
        var task = context.Task;
        var now = context.Clock.GetUtcNow();
        var template = DefaultContent.Create(task.OwnerId, now);
        var templateTable = template["tables"]![0]!.AsObject();
        var time = JsonEncodedText.Encode(DefaultContent.FormatRowTime(now));
        var creator = JsonEncodedText.Encode(task.OwnerId);
        var optionIds = plan.Columns.ToDictionary(c => c.Index, c => c.Options.Select((o, n) => (o, Id: OptionId(n))).ToDictionary(p => p.o, p => p.Id, StringComparer.Ordinal));

        var writer = upload.Writer;
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
        writer.WriteString("name", TableName(task.BaseName));
        writer.WriteStartArray("columns");
        foreach (var column in plan.Columns)
        {
            WriteColumn(writer, column, optionIds[column.Index]);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("rows");
        using (var reader = OpenText(context, input))
        using (var parser = new CsvParser(reader, Configuration(delimiter)))
        {
            parser.Read();
            long written = 0;
            while (parser.Read())
            {
                if (!plan.Columns.Any(c => !string.IsNullOrEmpty(parser[c.Index])))
                {
                    continue;
                }

                // Names and the row's fixed values are encoded once: this loop runs once per row.
                writer.WriteStartObject();
                writer.WriteString(IdName, DefaultContent.NewRowId());
                writer.WriteStartArray(ParticipantsName);
                writer.WriteEndArray();
                writer.WriteString(CreatorName, creator);
                writer.WriteString(CtimeName, time);
                writer.WriteString(ModifierName, creator);
                writer.WriteString(MtimeName, time);
                foreach (var column in plan.Columns)
                {
                    var value = parser[column.Index];
                    if (!string.IsNullOrEmpty(value))
                    {
                        WriteCell(writer, column, value, optionIds[column.Index]);
                    }
                }

                writer.WriteEndObject();
                if (++written % RowsPerBlockCheck == 0)
                {
                    await upload.SendFullBlocksAsync();
                }

                if (written % RowsPerReport == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    context.Progress.ReportPart(30, 80, written, plan.Rows, written);
                }
            }
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
    }

    private static void WriteColumn(Utf8JsonWriter writer, CsvColumn column, Dictionary<string, string> optionIds)
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
            foreach (var option in column.Options)
            {
                writer.WriteStartObject();
                writer.WriteString("name", option);
                writer.WriteString("color", OptionColors[n++ % OptionColors.Length]);
                writer.WriteString("textColor", "#212529");
                writer.WriteString("id", optionIds[option]);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteCell(Utf8JsonWriter writer, CsvColumn column, string value, Dictionary<string, string> optionIds)
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
                    writer.WriteStringValue(optionIds[option]);
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

    private static string OptionId(int index) => (100000 + index).ToString(CultureInfo.InvariantCulture);

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

    private sealed record CsvColumn(int Index, string Key, string Name, string Type, List<string> Options)
    {
        public JsonEncodedText EncodedKey { get; } = JsonEncodedText.Encode(Key);
    }

    private sealed record CsvPlan(List<CsvColumn> Columns, long Rows);
}
