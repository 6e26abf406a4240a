using System.Globalization;
using System.Text;
using Superpower.Model;

namespace SeaTable.Grains.Content.Sql.Syntax;

/// <summary>The values of literal tokens: texts with their escapes, `names`, numbers.</summary>
internal static class SqlLiterals
{
    /// <summary>
    /// A '...' or "..." token's text: the quote doubled is one quote; a backslash escapes as MySQL's do (\n \t \r
    /// \b \0 \Z, \% and \_ kept with their backslash for LIKE, any other character stands for itself).
    /// </summary>
    public static string Text(TextSpan token)
    {
        var raw = token.AsReadOnlySpan()[1..^1];
        var quote = token.Source![token.Position.Absolute];
        if (raw.IndexOfAny('\\', quote) < 0)
        {
            return raw.ToString();
        }

        var text = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == quote)
            {
                i++;
            }
            else if (c == '\\' && i + 1 < raw.Length)
            {
                i++;
                c = raw[i] switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    'b' => '\b',
                    '0' => '\0',
                    'Z' => '\u001a',
                    '%' or '_' => AppendBackslash(text, raw[i]),
                    var other => other,
                };
            }

            text.Append(c);
        }

        return text.ToString();
    }

    private static char AppendBackslash(StringBuilder text, char c)
    {
        text.Append('\\');
        return c;
    }

    /// <summary>A name token: a plain word as written, or a `name` without its backticks (`` is one backtick).</summary>
    public static string Name(Token<SqlToken> token) =>
        token.Kind == SqlToken.QuotedIdentifier
            ? token.Span.AsReadOnlySpan()[1..^1].ToString().Replace("``", "`", StringComparison.Ordinal)
            : token.Span.ToStringValue();

    /// <summary>A number token's value, or null when it is too large for a double.</summary>
    public static double? Number(TextSpan token)
    {
        var value = double.Parse(token.AsReadOnlySpan(), NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(value) ? value : null;
    }
}
