using Superpower.Display;

namespace SeaTable.Grains.Content.Sql.Syntax;

/// <summary>
/// The tokens of SeaTable's SQL. Words are classified by <see cref="SqlKeywords"/>; the examples are what a
/// syntax error names as expected.
/// </summary>
internal enum SqlToken
{
    None,

    [Token(Description = "name")]
    Identifier,
    [Token(Description = "`name`")]
    QuotedIdentifier,
    [Token(Description = "number")]
    Number,
    [Token(Description = "text")]
    String,

    [Token(Example = ",")]
    Comma,
    [Token(Example = ".")]
    Dot,
    [Token(Example = "(")]
    LParen,
    [Token(Example = ")")]
    RParen,
    [Token(Example = "*")]
    Star,
    [Token(Example = "+")]
    Plus,
    [Token(Example = "-")]
    Minus,
    [Token(Example = "/")]
    Slash,
    [Token(Example = "%")]
    Percent,
    [Token(Example = "=")]
    Equal,
    [Token(Example = "!=")]
    NotEqual,
    [Token(Example = "<")]
    Less,
    [Token(Example = ">")]
    Greater,
    [Token(Example = "<=")]
    LessOrEqual,
    [Token(Example = ">=")]
    GreaterOrEqual,
    [Token(Example = "?")]
    Question,
    [Token(Example = ";")]
    Semicolon,

    // Keywords from here on (SqlKeywords.IsFunctionName relies on the order). Reserved words first: never a
    // plain name (a column of that name is written `in` backticks).
    [Token(Example = "SELECT")]
    Select,
    [Token(Example = "DISTINCT")]
    Distinct,
    [Token(Example = "FROM")]
    From,
    [Token(Example = "WHERE")]
    Where,
    [Token(Example = "GROUP")]
    Group,
    [Token(Example = "BY")]
    By,
    [Token(Example = "HAVING")]
    Having,
    [Token(Example = "ORDER")]
    Order,
    [Token(Example = "ASC")]
    Asc,
    [Token(Example = "DESC")]
    Desc,
    [Token(Example = "LIMIT")]
    Limit,
    [Token(Example = "OFFSET")]
    Offset,
    [Token(Example = "AS")]
    As,
    [Token(Example = "UPDATE")]
    Update,
    [Token(Example = "SET")]
    Set,
    [Token(Example = "DELETE")]
    Delete,
    [Token(Example = "INSERT")]
    Insert,
    [Token(Example = "INTO")]
    Into,
    [Token(Example = "AND")]
    And,
    [Token(Example = "OR")]
    Or,
    [Token(Example = "NOT")]
    Not,
    [Token(Example = "LIKE")]
    Like,
    [Token(Example = "ILIKE")]
    Ilike,
    [Token(Example = "IN")]
    In,
    [Token(Example = "BETWEEN")]
    Between,
    [Token(Example = "IS")]
    Is,
    [Token(Example = "NULL")]
    Null,
    [Token(Example = "TRUE")]
    True,
    [Token(Example = "FALSE")]
    False,

    // Words of SeaTable's set operators: keywords only in their place, otherwise plain names (a column "None").
    [Token(Example = "HAS")]
    Has,
    [Token(Example = "ANY")]
    Any,
    [Token(Example = "ALL")]
    All,
    [Token(Example = "NONE")]
    NoneOf,
    [Token(Example = "OF")]
    Of,
    [Token(Example = "EXACTLY")]
    Exactly,
}
