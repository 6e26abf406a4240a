using System.Collections.Frozen;

namespace SeaTable.Grains.Content.Sql.Syntax;

/// <summary>Which words are keywords (ignoring case), and which of them may still be names.</summary>
internal static class SqlKeywords
{
    private static readonly FrozenDictionary<string, SqlToken> Words = new Dictionary<string, SqlToken>(StringComparer.OrdinalIgnoreCase)
    {
        ["SELECT"] = SqlToken.Select,
        ["DISTINCT"] = SqlToken.Distinct,
        ["FROM"] = SqlToken.From,
        ["WHERE"] = SqlToken.Where,
        ["GROUP"] = SqlToken.Group,
        ["BY"] = SqlToken.By,
        ["HAVING"] = SqlToken.Having,
        ["ORDER"] = SqlToken.Order,
        ["ASC"] = SqlToken.Asc,
        ["DESC"] = SqlToken.Desc,
        ["LIMIT"] = SqlToken.Limit,
        ["OFFSET"] = SqlToken.Offset,
        ["AS"] = SqlToken.As,
        ["UPDATE"] = SqlToken.Update,
        ["SET"] = SqlToken.Set,
        ["DELETE"] = SqlToken.Delete,
        ["INSERT"] = SqlToken.Insert,
        ["INTO"] = SqlToken.Into,
        ["AND"] = SqlToken.And,
        ["OR"] = SqlToken.Or,
        ["NOT"] = SqlToken.Not,
        ["LIKE"] = SqlToken.Like,
        ["ILIKE"] = SqlToken.Ilike,
        ["IN"] = SqlToken.In,
        ["BETWEEN"] = SqlToken.Between,
        ["IS"] = SqlToken.Is,
        ["NULL"] = SqlToken.Null,
        ["TRUE"] = SqlToken.True,
        ["FALSE"] = SqlToken.False,
        ["HAS"] = SqlToken.Has,
        ["ANY"] = SqlToken.Any,
        ["ALL"] = SqlToken.All,
        ["NONE"] = SqlToken.NoneOf,
        ["OF"] = SqlToken.Of,
        ["EXACTLY"] = SqlToken.Exactly,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, SqlToken>.AlternateLookup<ReadOnlySpan<char>> BySpan =
        Words.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The keyword a word is, or <see cref="SqlToken.Identifier"/>.</summary>
    public static SqlToken Classify(ReadOnlySpan<char> word) =>
        BySpan.TryGetValue(word, out var keyword) ? keyword : SqlToken.Identifier;

    /// <summary>Keywords that are also plain names where no operator is expected.</summary>
    public static bool IsNonReserved(SqlToken kind) =>
        kind is SqlToken.Has or SqlToken.Any or SqlToken.All or SqlToken.NoneOf or SqlToken.Of or SqlToken.Exactly;

    /// <summary>Words that may name a function before "(": every keyword except those that begin an expression.</summary>
    public static bool IsFunctionName(SqlToken kind) =>
        kind == SqlToken.Identifier || (kind >= SqlToken.Select && kind is not (SqlToken.Not or SqlToken.Null or SqlToken.True or SqlToken.False));
}
