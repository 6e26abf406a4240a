namespace SeaTable.Grains.Content.Sql.Syntax;

/// <summary>Bounds on a statement's text: its length in characters and the depth of its expressions.</summary>
internal sealed record SqlParserLimits(int MaxLength = 100_000, int MaxDepth = 100);

/// <summary>SeaTable's SQL dialect parsed into a <see cref="SqlStatement"/> (placeholder: replaced by the parser's own file).</summary>
internal static class SqlParser
{
    /// <summary>Throws <see cref="SqlException"/>: Syntax with the position, or LimitExceeded over a bound.</summary>
    public static SqlStatement Parse(string sql, SqlParserLimits limits) => throw new SqlException(SqlError.Syntax, "not yet");
}
