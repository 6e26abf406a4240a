using System.Globalization;
using System.Text;
using SeaTable.Grains.Content.Sql.Values;
using static SeaTable.Grains.Content.Sql.Functions.FunctionArguments;

namespace SeaTable.Grains.Content.Sql.Functions;

/// <summary>
/// SeaTable's text functions (developer.seatable.com/sql/functions, "Text functions"). A non-text argument is
/// read as its text (numbers invariant, dates ISO); an empty argument is "" and a required number that is
/// empty is 0 (sql-reference.md 4.4), so upper(empty) is "" and len(empty) is 0. Positions and counts are
/// 1-based and rounded down.
/// Characters are UTF-16 code units, as in SeaTable's formula engine (JavaScript strings).
/// </summary>
internal static class TextFunctions
{
    public static IEnumerable<SqlFunction> All() =>
    [
        new("concatenate", 1, -1, Concatenate),
        new("exact", 2, 2, (a, _) => SqlValue.FromBool(string.Equals(Text(a, 0), Text(a, 1), StringComparison.Ordinal))),
        new("find", 2, 3, (a, _) => Find("find", a, StringComparison.Ordinal)),
        new("search", 2, 3, (a, _) => Find("search", a, StringComparison.OrdinalIgnoreCase)),
        new("left", 2, 2, (a, _) => Take("left", a, fromEnd: false)),
        new("right", 2, 2, (a, _) => Take("right", a, fromEnd: true)),
        new("mid", 3, 3, Mid),
        new("len", 1, 1, (a, _) => SqlValue.FromNumber(Text(a, 0).Length)),
        new("lower", 1, 1, (a, _) => SqlValue.FromText(Text(a, 0).ToLowerInvariant())),
        new("upper", 1, 1, (a, _) => SqlValue.FromText(Text(a, 0).ToUpperInvariant())),
        new("proper", 1, 1, (a, _) => SqlValue.FromText(Proper(Text(a, 0)))),
        new("trim", 1, 1, (a, _) => SqlValue.FromText(Text(a, 0).Trim())),
        new("replace", 4, 4, Replace),
        new("rept", 2, 2, Rept),
        new("substitute", 3, 4, Substitute),
        new("T", 1, 1, (a, _) => At(a, 0) is { Kind: SqlKind.Text } v ? v : SqlValue.FromText("")),
        new("text", 1, 2, TextOf),
        new("value", 1, 1, Value),
    ];

    private static SqlValue Concatenate(ReadOnlySpan<SqlValue> arguments, SqlFunctionContext context)
    {
        long length = 0;
        var parts = new string[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            parts[i] = Text(arguments, i);
            length += parts[i].Length;
        }

        CheckLength("concatenate", length);
        return SqlValue.FromText(string.Concat(parts));
    }

    /// <summary>
    /// find/search(findString, sourceString, startPosition): the 1-based position, 0 when not found (or the
    /// start is past it); an empty findString finds at 1, an empty sourceString gives '' (both as documented).
    /// The start (default 1) is rounded down; a start below 1 is read as 1.
    /// </summary>
    private static SqlValue Find(string name, ReadOnlySpan<SqlValue> arguments, StringComparison comparison)
    {
        var source = Text(arguments, 1);
        if (source.Length == 0)
        {
            return SqlValue.FromText("");
        }

        var sought = Text(arguments, 0);
        if (sought.Length == 0)
        {
            return SqlValue.FromNumber(1);
        }

        var start = Math.Max(1, OptionalWhole(name, arguments, 2) ?? 1);
        if (start > source.Length)
        {
            return SqlValue.FromNumber(0);
        }

        return SqlValue.FromNumber(source.IndexOf(sought, (int)start - 1, comparison) + 1);
    }

    /// <summary>left/right(string, count): a negative count is refused; a count over the length takes the whole text.</summary>
    private static SqlValue Take(string name, ReadOnlySpan<SqlValue> arguments, bool fromEnd)
    {
        var text = Text(arguments, 0);
        var count = Whole(name, arguments, 1);
        if (count < 0)
        {
            throw Refused(name, 1, "must not be negative");
        }

        var n = (int)Math.Min(count, text.Length);
        return SqlValue.FromText(fromEnd ? text[^n..] : text[..n]);
    }

    /// <summary>
    /// mid(string, startPosition, count): both at least 1 (SeaTable: "must not be empty, negative or zero"):
    /// an empty one gives '' (an empty cell does not fail the statement), a zero or negative one is refused; a
    /// count past the end is ignored.
    /// </summary>
    private static SqlValue Mid(ReadOnlySpan<SqlValue> arguments, SqlFunctionContext context)
    {
        var text = Text(arguments, 0);
        var start = OptionalWhole("mid", arguments, 1);
        var count = OptionalWhole("mid", arguments, 2);
        if (start is null || count is null)
        {
            return SqlValue.FromText("");
        }

        if (start < 1)
        {
            throw Refused("mid", 1, "must be at least 1");
        }

        if (count < 1)
        {
            throw Refused("mid", 2, "must be at least 1");
        }

        if (start > text.Length)
        {
            return SqlValue.FromText("");
        }

        var from = (int)start.Value - 1;
        return SqlValue.FromText(text.Substring(from, (int)Math.Min(count.Value, text.Length - from)));
    }

    /// <summary>Each word's first letter upper case, the rest lower case; a word is a run of letters and digits.</summary>
    private static string Proper(string text)
    {
        var result = new StringBuilder(text.Length);
        var inWord = false;
        foreach (var c in text)
        {
            result.Append(inWord ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
            inWord = char.IsLetterOrDigit(c);
        }

        return result.ToString();
    }

    /// <summary>
    /// replace(sourceString, startPosition, count, newString): count characters from the start are replaced
    /// (0: newString is inserted). A start past the end appends; an empty start or count leaves the text as it
    /// is; a start below 1 or a negative count is refused.
    /// </summary>
    private static SqlValue Replace(ReadOnlySpan<SqlValue> arguments, SqlFunctionContext context)
    {
        var source = Text(arguments, 0);
        var start = OptionalWhole("replace", arguments, 1);
        var count = OptionalWhole("replace", arguments, 2);
        var replacement = Text(arguments, 3);
        if (start is null || count is null)
        {
            return SqlValue.FromText(source);
        }

        if (start < 1)
        {
            throw Refused("replace", 1, "must be at least 1");
        }

        if (count < 0)
        {
            throw Refused("replace", 2, "must not be negative");
        }

        var from = (int)Math.Min(start.Value - 1, source.Length);
        var removed = (int)Math.Min(count.Value, source.Length - from);
        CheckLength("replace", (long)source.Length - removed + replacement.Length);
        return SqlValue.FromText(string.Concat(source.AsSpan(0, from), replacement, source.AsSpan(from + removed)));
    }

    /// <summary>rept(string, number): the number rounded down; negative refused; a result over 1,000,000 characters refused (LimitExceeded) before it is built.</summary>
    private static SqlValue Rept(ReadOnlySpan<SqlValue> arguments, SqlFunctionContext context)
    {
        var text = Text(arguments, 0);
        var times = Whole("rept", arguments, 1);
        if (times < 0)
        {
            throw Refused("rept", 1, "must not be negative");
        }

        if (text.Length == 0 || times == 0)
        {
            return SqlValue.FromText("");
        }

        CheckLength("rept", times > MaxTextLength ? times : times * text.Length);
        return SqlValue.FromText(new StringBuilder(text.Length * (int)times).Insert(0, text, (int)times).ToString());
    }

    /// <summary>
    /// substitute(sourceString, oldString, newString, index): case-sensitive; index 0 or omitted replaces every
    /// occurrence, index n only the n-th; an empty oldString leaves the text as it is; a negative index is refused.
    /// </summary>
    private static SqlValue Substitute(ReadOnlySpan<SqlValue> arguments, SqlFunctionContext context)
    {
        var source = Text(arguments, 0);
        var old = Text(arguments, 1);
        var replacement = Text(arguments, 2);
        var index = OptionalWhole("substitute", arguments, 3) ?? 0;
        if (index < 0)
        {
            throw Refused("substitute", 3, "must not be negative");
        }

        if (old.Length == 0)
        {
            return SqlValue.FromText(source);
        }

        var result = new StringBuilder();
        var at = 0;
        var seen = 0L;
        while (at <= source.Length && source.IndexOf(old, at, StringComparison.Ordinal) is var found and >= 0)
        {
            seen++;
            result.Append(source, at, found - at);
            result.Append(index == 0 || seen == index ? replacement : old);
            CheckLength("substitute", result.Length + (long)source.Length - found - old.Length);
            at = found + old.Length;
            if (index != 0 && seen == index)
            {
                break;
            }
        }

        result.Append(source, at, source.Length - at);
        return SqlValue.FromText(result.ToString());
    }

    /// <summary>
    /// text(number, format): format 'number' (or none) writes the number plainly, 'percent' multiplies by 100
    /// (50 -> "5000%"), 'dollar', 'euro' and 'yuan' prefix the currency sign ("€150"). A date argument is
    /// written as its ISO date (or date and time); an empty one as ''. An unknown format is refused.
    /// </summary>
    private static SqlValue TextOf(ReadOnlySpan<SqlValue> arguments, SqlFunctionContext context)
    {
        var value = At(arguments, 0);
        if (value.IsEmpty)
        {
            return SqlValue.FromText("");
        }

        if (value.Kind == SqlKind.Date)
        {
            return SqlValue.FromText(value.HasTime
                ? value.Date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
                : value.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        var format = Text(arguments, 1).Trim().ToLowerInvariant();
        if (format.Length == 0)
        {
            return SqlValue.FromText(value.ToText());
        }

        var number = Number("text", arguments, 0);
        var sign = number < 0 ? "-" : "";
        var magnitude = SqlValue.FormatNumber(Math.Abs(number));
        return format switch
        {
            "number" => SqlValue.FromText(SqlValue.FormatNumber(number)),
            "percent" => SqlValue.FromText(SqlValue.FormatNumber(NumberFunctions.RoundDigits(number * 100, 10)) + "%"),
            "dollar" => SqlValue.FromText(sign + "$" + magnitude),
            "euro" => SqlValue.FromText(sign + "€" + magnitude),
            "yuan" => SqlValue.FromText(sign + "¥" + magnitude),
            _ => throw Refused("text", 1, "is not a format (number, percent, dollar, euro, yuan)"),
        };
    }

    /// <summary>value(string): the number a text reads as ("123", " 1.5e3 "), 0 for an empty one; a text that is not a number is refused.</summary>
    private static SqlValue Value(ReadOnlySpan<SqlValue> arguments, SqlFunctionContext context) =>
        SqlValue.FromNumber(Number("value", arguments, 0));
}
