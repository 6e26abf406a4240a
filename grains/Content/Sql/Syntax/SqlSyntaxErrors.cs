using System.Text;
using Superpower.Model;

namespace SeaTable.Grains.Content.Sql.Syntax;

/// <summary>
/// The messages of refused statements: "Syntax error at position 15: unexpected 'FORM', expected FROM". The
/// position is the 1-based character offset in the statement; on a statement of several lines the line and
/// column follow it.
/// </summary>
internal static class SqlSyntaxErrors
{
    private const int MaxShown = 40;

    public static SqlException At(Position position, string source, string message) =>
        new(SqlError.Syntax, $"Syntax error at {Where(position, source)}: {message}");

    public static SqlException Empty() => new(SqlError.Syntax, "Syntax error: empty statement");

    public static SqlException TooLong(int length, int max) =>
        new(SqlError.LimitExceeded, $"SQL statement too long: {length} characters, the limit is {max}");

    public static SqlException TooDeep(int position, int max) =>
        new(SqlError.LimitExceeded, $"Expression nested too deeply at position {position}: the limit is a depth of {max}");

    public static SqlException StackTooShort(int position) =>
        new(SqlError.LimitExceeded, $"Expression nested too deeply at position {position} for the server's stack");

    public static string Where(Position position, string source) =>
        source.Contains('\n', StringComparison.Ordinal)
            ? $"position {position.Absolute + 1} (line {position.Line}, column {position.Column})"
            : $"position {position.Absolute + 1}";

    /// <summary>A failed parse as a message: what was found where, and what the grammar expected there.</summary>
    public static SqlException From<T>(TokenListParserResult<SqlToken, T> result, string source)
    {
        var found = result.Remainder.IsAtEnd ? null : (Token<SqlToken>?)result.Remainder.ConsumeToken().Value;
        var position = found?.Span.Position ?? EndOf(source);
        var message = new StringBuilder();
        message.Append("unexpected ").Append(found is { } token ? Found(token) : "end of statement");
        if (result.Expectations is { Length: > 0 } expectations)
        {
            message.Append(", expected ").Append(Expected(expectations));
        }
        else if (result.ErrorMessage is { } text)
        {
            message.Append(": ").Append(text);
        }

        return At(position, source, message.ToString());
    }

    /// <summary>A token as a message shows it: a text literal with its own quotes, anything else in quotes.</summary>
    private static string Found(Token<SqlToken> token) =>
        token.Kind == SqlToken.String ? "text " + Quote(token.Span.ToStringValue()[1..^1]) : Quote(token.Span.ToStringValue());

    /// <summary>"a", "a or b", "a, b or c", without Superpower's backticks around keywords.</summary>
    private static string Expected(string[] expectations)
    {
        var names = expectations
            .Select(e => e.Length > 2 && e[0] == '`' && e[^1] == '`' && e != "`name`" ? e[1..^1] : e)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}";
    }

    private static Position EndOf(string source)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new Position(source.Length, line, source.Length - lineStart + 1);
    }

    /// <summary>A piece of the statement in quotes, shortened, with control characters and lone surrogates as U+XXXX.</summary>
    public static string Quote(string text)
    {
        var shown = new StringBuilder("'");
        for (var i = 0; i < text.Length && i < MaxShown; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                shown.Append(c).Append(text[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                shown.Append($"U+{(int)c:X4}");
            }
            else
            {
                shown.Append(c);
            }
        }

        return shown.Append(text.Length > MaxShown ? "...'" : "'").ToString();
    }

    /// <summary>The character (or surrogate pair) at index, quoted.</summary>
    public static string Show(string source, int index) =>
        Quote(char.IsHighSurrogate(source[index]) && index + 1 < source.Length && char.IsLowSurrogate(source[index + 1])
            ? source.Substring(index, 2)
            : source[index].ToString());
}
