using System.Globalization;
using System.Text;
using Superpower;
using Superpower.Model;

namespace SeaTable.Grains.Content.Sql.Syntax;

/// <summary>
/// Splits a statement into <see cref="SqlToken"/>s in one pass over the text (no backtracking, no regular
/// expressions). Texts keep their quotes and backticks; <see cref="SqlLiterals"/> decodes them. A character no
/// token starts with, an unterminated text or name, a number run into a name, or a lone surrogate outside a text
/// literal is a tokenizing error.
/// <para>
/// It also keeps the recursive parsers' stack shallow: parentheses nested deeper than the depth bound, or a run
/// of more prefix operators (NOT, -) than the bound, are refused as soon as they are read, before any parsing
/// (nested parentheses are the grammar's only recursion; a run of n prefix operators makes a node of depth n at
/// least).
/// </para>
/// </summary>
internal sealed class SqlTokenizer(int maxDepth) : Tokenizer<SqlToken>
{
    protected override IEnumerable<Result<SqlToken>> Tokenize(TextSpan span)
    {
        var source = span.Source!;
        var scanner = new Scanner(source);
        var depth = 0;
        var run = 0;
        while (true)
        {
            scanner.SkipBlanks();
            if (scanner.AtEnd)
            {
                yield break;
            }

            var start = scanner.Here;
            var (kind, error) = scanner.Next();
            if (error is not null)
            {
                yield return Result.Empty<SqlToken>(new TextSpan(source, start, source.Length - start.Absolute), error);
                yield break;
            }

            switch (kind)
            {
                case SqlToken.LParen when ++depth > maxDepth:
                    throw SqlSyntaxErrors.TooDeep(start.Absolute + 1, maxDepth);
                case SqlToken.RParen:
                    depth = Math.Max(0, depth - 1);
                    break;
            }

            run = kind is SqlToken.Not or SqlToken.Minus ? run + 1 : 0;
            if (run > maxDepth)
            {
                throw SqlSyntaxErrors.TooDeep(start.Absolute + 1, maxDepth);
            }

            yield return Result.Value(kind, new TextSpan(source, start, scanner.Offset - start.Absolute), scanner.Rest);
        }
    }

    /// <summary>The reading position with its line and column (for messages on multi-line statements).</summary>
    private struct Scanner(string source)
    {
        private int _offset;
        private int _line = 1;
        private int _lineStart;

        public readonly bool AtEnd => _offset >= source.Length;

        public readonly int Offset => _offset;

        public readonly Position Here => new(_offset, _line, _offset - _lineStart + 1);

        public readonly TextSpan Rest => new(source, Here, source.Length - _offset);

        private readonly char Peek(int ahead = 0) => _offset + ahead < source.Length ? source[_offset + ahead] : '\0';

        public void SkipBlanks()
        {
            while (_offset < source.Length && char.IsWhiteSpace(source[_offset]))
            {
                if (source[_offset] == '\n')
                {
                    _line++;
                    _lineStart = _offset + 1;
                }

                _offset++;
            }
        }

        public (SqlToken Kind, string? Error) Next()
        {
            var c = source[_offset];
            if (IdentifierStartLength(source, _offset) is var length and > 0)
            {
                var start = _offset;
                _offset += length;
                while (IdentifierPartLength(source, _offset) is var more and > 0)
                {
                    _offset += more;
                }

                return (SqlKeywords.Classify(source.AsSpan(start, _offset - start)), null);
            }

            if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1))))
            {
                return Number();
            }

            switch (c)
            {
                case '\'' or '"':
                    return Quoted(c, SqlToken.String, "text");
                case '`':
                    return Quoted(c, SqlToken.QuotedIdentifier, "name");
                case ',':
                    return One(SqlToken.Comma);
                case '.':
                    return One(SqlToken.Dot);
                case '(':
                    return One(SqlToken.LParen);
                case ')':
                    return One(SqlToken.RParen);
                case '*':
                    return One(SqlToken.Star);
                case '+':
                    return One(SqlToken.Plus);
                case '-':
                    return One(SqlToken.Minus);
                case '/':
                    return One(SqlToken.Slash);
                case '%':
                    return One(SqlToken.Percent);
                case '=':
                    return One(SqlToken.Equal);
                case '?':
                    return One(SqlToken.Question);
                case ';':
                    return One(SqlToken.Semicolon);
                case '!' when Peek(1) == '=':
                    return Two(SqlToken.NotEqual);
                case '<' when Peek(1) == '=':
                    return Two(SqlToken.LessOrEqual);
                case '<' when Peek(1) == '>':
                    return Two(SqlToken.NotEqual);
                case '<':
                    return One(SqlToken.Less);
                case '>' when Peek(1) == '=':
                    return Two(SqlToken.GreaterOrEqual);
                case '>':
                    return One(SqlToken.Greater);
                default:
                    return (SqlToken.None, $"unexpected character {SqlSyntaxErrors.Show(source, _offset)}");
            }
        }

        private (SqlToken, string?) One(SqlToken kind)
        {
            _offset++;
            return (kind, null);
        }

        private (SqlToken, string?) Two(SqlToken kind)
        {
            _offset += 2;
            return (kind, null);
        }

        /// <summary>123, 1.5, .5, 1., 1e3, 2.5E-3; a number may not run into a name ("12abc").</summary>
        private (SqlToken, string?) Number()
        {
            var start = _offset;
            SkipDigits();
            if (Peek() == '.')
            {
                _offset++;
                SkipDigits();
            }

            if (Peek() is 'e' or 'E' && (char.IsAsciiDigit(Peek(1)) || (Peek(1) is '+' or '-' && char.IsAsciiDigit(Peek(2)))))
            {
                _offset += char.IsAsciiDigit(Peek(1)) ? 1 : 2;
                SkipDigits();
            }

            if (IdentifierPartLength(source, _offset) > 0 || Peek() == '.')
            {
                _offset = start;
                return (SqlToken.None, $"invalid number {SqlSyntaxErrors.Quote(ReadWord(source, start))}");
            }

            return (SqlToken.Number, null);
        }

        private void SkipDigits()
        {
            while (char.IsAsciiDigit(Peek()))
            {
                _offset++;
            }
        }

        /// <summary>
        /// A text ('...' or "...": the quote doubled, or any character after a backslash) or a `name` (the
        /// backtick doubled). Newlines inside count for line numbers; lone surrogates are allowed in texts only.
        /// </summary>
        private (SqlToken, string?) Quoted(char quote, SqlToken kind, string what)
        {
            var start = _offset;
            var startPosition = Here;
            _offset++;
            while (_offset < source.Length)
            {
                var c = source[_offset];
                if (c == quote)
                {
                    if (Peek(1) == quote)
                    {
                        _offset += 2;
                        continue;
                    }

                    _offset++;
                    if (kind == SqlToken.QuotedIdentifier && _offset - start == 2)
                    {
                        _offset = start;
                        return (SqlToken.None, "empty name ``");
                    }

                    return (kind, null);
                }

                if (c == '\\' && kind == SqlToken.String && _offset + 1 < source.Length)
                {
                    _offset++;
                    c = source[_offset];
                }

                if (c == '\n')
                {
                    _line++;
                    _lineStart = _offset + 1;
                }
                else if (kind == SqlToken.QuotedIdentifier && char.IsSurrogate(c))
                {
                    if (!char.IsHighSurrogate(c) || !char.IsLowSurrogate(Peek(1)))
                    {
                        _offset = start;
                        return (SqlToken.None, $"invalid character U+{(int)c:X4} in a name");
                    }

                    _offset++;
                }

                _offset++;
            }

            _offset = start;
            _line = startPosition.Line;
            _lineStart = start - startPosition.Column + 1;
            return (SqlToken.None, $"unterminated {what} starting with {quote}");
        }
    }

    /// <summary>The length (1, or 2 for a surrogate pair) of a letter or "_" at index; 0 otherwise.</summary>
    private static int IdentifierStartLength(string source, int index)
    {
        if (index >= source.Length)
        {
            return 0;
        }

        var c = source[index];
        if (c == '_' || char.IsLetter(c))
        {
            return 1;
        }

        return Rune.TryGetRuneAt(source, index, out var rune) && !rune.IsBmp && Rune.IsLetter(rune) ? 2 : 0;
    }

    /// <summary>As <see cref="IdentifierStartLength"/>, also digits and combining marks (needed by Indic scripts).</summary>
    private static int IdentifierPartLength(string source, int index)
    {
        if (IdentifierStartLength(source, index) is var length and > 0)
        {
            return length;
        }

        if (index >= source.Length)
        {
            return 0;
        }

        var c = source[index];
        if (char.IsDigit(c))
        {
            return 1;
        }

        return Rune.TryGetRuneAt(source, index, out var rune)
            && Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber
            ? rune.Utf16SequenceLength
            : 0;
    }

    private static string ReadWord(string source, int start)
    {
        var end = start;
        while (end < source.Length && end - start < 40 && (char.IsLetterOrDigit(source[end]) || source[end] is '_' or '.'))
        {
            end++;
        }

        return source[start..Math.Max(end, start + 1)];
    }
}
