namespace SeaTable.Grains.Content.Sql.Engine;

/// <summary>
/// A LIKE pattern: % any run of characters, _ exactly one, \ escapes the next character. Matched greedily,
/// going back only to the last %, so the time is at most text length × pattern length with no exponential
/// blow-up (a regular expression per row would cost more to build than to run here).
/// </summary>
internal sealed class LikePattern
{
    private const char AnyRun = '\uFFFF';
    private const char AnyOne = '\uFFFE';
    private readonly string _pattern;
    private readonly bool _ignoreCase;

    public LikePattern(string pattern, bool ignoreCase)
    {
        _ignoreCase = ignoreCase;
        var chars = new System.Text.StringBuilder(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                chars.Append(Fold(pattern[++i]));
            }
            else
            {
                chars.Append(c switch { '%' => AnyRun, '_' => AnyOne, _ => Fold(c) });
            }
        }

        _pattern = chars.ToString();
    }

    public bool Matches(string text)
    {
        var (t, p) = (0, 0);
        var (starP, starT) = (-1, -1);
        while (t < text.Length)
        {
            if (p < _pattern.Length && (_pattern[p] == AnyOne || (_pattern[p] != AnyRun && _pattern[p] == Fold(text[t]))))
            {
                t++;
                p++;
            }
            else if (p < _pattern.Length && _pattern[p] == AnyRun)
            {
                starP = p++;
                starT = t;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }

        while (p < _pattern.Length && _pattern[p] == AnyRun)
        {
            p++;
        }

        return p == _pattern.Length;
    }

    private char Fold(char c) => _ignoreCase ? char.ToLowerInvariant(c) : c;
}
