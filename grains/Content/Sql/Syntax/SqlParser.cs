namespace SeaTable.Grains.Content.Sql.Syntax;

/// <summary>Bounds on a statement's text: its length in characters and the depth of its expressions.</summary>
internal sealed record SqlParserLimits(int MaxLength = 100_000, int MaxDepth = 100);

/// <summary>
/// SeaTable's SQL dialect parsed into a <see cref="SqlStatement"/>: tokens (<see cref="SqlTokenizer"/>, which
/// also bounds their nesting), the grammar (<see cref="SqlGrammar"/>), then the
/// placeholders numbered. Positions in the tree and in messages are 1-based character offsets in the statement
/// (the column, on a one-line statement).
/// </summary>
internal static class SqlParser
{
    /// <summary>Throws <see cref="SqlException"/>: Syntax with the position, or LimitExceeded over a bound.</summary>
    public static SqlStatement Parse(string sql, SqlParserLimits limits)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(limits);
        if (sql.Length > limits.MaxLength)
        {
            throw SqlSyntaxErrors.TooLong(sql.Length, limits.MaxLength);
        }

        var tokens = new SqlTokenizer(limits.MaxDepth).TryTokenize(sql);
        if (!tokens.HasValue)
        {
            throw SqlSyntaxErrors.At(tokens.ErrorPosition, sql, tokens.ErrorMessage ?? "unexpected character");
        }

        var list = tokens.Value;
        if (list.IsAtEnd || (list.ConsumeToken() is { Value.Kind: SqlToken.Semicolon } only && only.Remainder.IsAtEnd))
        {
            throw SqlSyntaxErrors.Empty();
        }

        var placeholders = sql.Contains('?', StringComparison.Ordinal) ? SqlPlaceholders.Positions(list) : [];
        var result = SqlGrammar.For(limits.MaxDepth).Statement(list);
        if (!result.HasValue)
        {
            throw SqlSyntaxErrors.From(result, sql);
        }

        return placeholders.Length == 0 ? result.Value : SqlPlaceholders.Number(result.Value, placeholders);
    }
}
