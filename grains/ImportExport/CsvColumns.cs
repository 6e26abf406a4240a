namespace SeaTable.Grains.ImportExport;

/// <summary>
/// SeaTable's rules for turning CSV text into columns (reference 7 E15, from dtable-events' CSV parser):
/// header cleaning and de-duplication, and the column type inferred from the first 200 values.
/// </summary>
public static class CsvColumns
{
    public const int TypeSampleRows = 200;
    public const int MaxOptionLength = 20;
    public const int PreviewLength = 150;

    public const string Text = "text";
    public const string LongText = "long-text";
    public const string Checkbox = "checkbox";
    public const string MultipleSelect = "multiple-select";

    private static readonly HashSet<string> CheckboxWords = new(StringComparer.Ordinal)
    {
        "√", "x", "checked", "unchecked", "y", "n", "yes", "no", "enabled", "disabled", "on", "off",
        "是", "否", "完成", "未完成", "True", "False", "true", "false",
    };

    private static readonly HashSet<string> CheckedWords = new(StringComparer.Ordinal)
    {
        "√", "checked", "y", "yes", "enabled", "on", "是", "完成", "True", "true",
    };

    /// <summary>
    /// Column names from the header: trimmed, BOM removed, empty ones named "Field&lt;n&gt;" (1-based), the
    /// characters ` { } . replaced by _, and repeated names suffixed " (1)", " (2)" ….
    /// </summary>
    public static string[] CleanNames(IReadOnlyList<string> header, out bool[] named)
    {
        var names = new string[header.Count];
        named = new bool[header.Count];
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Replace("\uFEFF", "", StringComparison.Ordinal).Trim();
            named[i] = name.Length > 0;
            if (name.Length == 0)
            {
                name = $"Field{i + 1}";
            }

            name = name.Replace('`', '_').Replace('{', '_').Replace('}', '_').Replace('.', '_');
            var unique = name;
            for (var n = 1; !taken.Add(unique); n++)
            {
                unique = $"{name} ({n})";
            }

            names[i] = unique;
        }

        return names;
    }

    /// <summary>The type one non-empty value suggests.</summary>
    public static string TypeOf(string value)
    {
        if (value.Contains('\n'))
        {
            return LongText;
        }

        if (CheckboxWords.Contains(value))
        {
            return Checkbox;
        }

        if ((value.Contains(',') || value.Contains('，')) && !value.Contains('{'))
        {
            return SplitOptions(value).Any(o => o.Length > MaxOptionLength) ? Text : MultipleSelect;
        }

        return Text;
    }

    public static bool IsChecked(string value) => CheckedWords.Contains(value);

    /// <summary>The options of a multiple-select value: split on , or ，, trimmed, empty parts dropped.</summary>
    public static IEnumerable<string> SplitOptions(string value) =>
        value.Split([',', '，']).Select(o => o.Trim()).Where(o => o.Length > 0);
}

/// <summary>Tallies the sampled values of one column, then names its type: the most frequent, ties to the first seen.</summary>
public sealed class CsvTypeTally
{
    private readonly List<(string Type, int Count)> _counts = [];

    public bool HasValues => _counts.Count > 0;

    public void Add(string value)
    {
        var type = CsvColumns.TypeOf(value);
        var index = _counts.FindIndex(c => c.Type == type);
        if (index < 0)
        {
            _counts.Add((type, 1));
        }
        else
        {
            _counts[index] = (type, _counts[index].Count + 1);
        }
    }

    public string Decide()
    {
        var best = (Type: CsvColumns.Text, Count: 0);
        foreach (var count in _counts)
        {
            if (count.Count > best.Count)
            {
                best = count;
            }
        }

        return best.Type;
    }
}
