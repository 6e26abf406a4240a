namespace SeaTable.Grains.Content.Model;

/// <summary>One instance per distinct creator or modifier, so 100,000 rows share a handful of strings.</summary>
internal sealed class StringPool
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

    public string? Intern(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (_strings.TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        _strings[value] = value;
        return value;
    }
}
