using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace SeaTable.Grains.Content.Model;

/// <summary>One instance per distinct creator or modifier, so 100,000 rows share a handful of strings.</summary>
internal sealed class StringPool
{
    private const int MaxLookupChars = 256;
    private readonly Dictionary<string, string> _strings;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public StringPool()
    {
        _strings = new Dictionary<string, string>(StringComparer.Ordinal);
        _bySpan = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The pooled instance of a JSON string, found without allocating when it is already pooled; null for other kinds.</summary>
    public string? Intern(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var text = JsonMarshal.GetRawUtf8Value(value)[1..^1];
        if (text.Length <= MaxLookupChars && text.IndexOf((byte)'\\') < 0)
        {
            Span<char> chars = stackalloc char[MaxLookupChars];
            if (_bySpan.TryGetValue(chars[..Encoding.UTF8.GetChars(text, chars)], out var pooled))
            {
                return pooled;
            }
        }

        return Intern(value.GetString());
    }

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
