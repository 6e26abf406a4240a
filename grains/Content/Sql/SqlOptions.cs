using SeaTable.Grains.Settings;

namespace SeaTable.Grains.Content.Sql;

/// <summary>
/// The bounds of one SQL statement (configuration "SeaTable:Sql"): over any of them the statement answers a 4xx
/// (SqlError.LimitExceeded) instead of holding the base's grain, which serves every other call of the base too.
/// </summary>
public sealed class SqlOptions
{
    public const string Section = "SeaTable:Sql";

    /// <summary>How long one statement may run in the grain before it is stopped.</summary>
    [Duration]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Rows one SELECT may answer, whatever its LIMIT (SeaTable's 10,000).</summary>
    [AtLeast(1)]
    public int MaxResultRows { get; set; } = 10_000;

    /// <summary>Rows a SELECT without LIMIT answers (SeaTable's 100).</summary>
    [AtLeast(1)]
    public int DefaultLimit { get; set; } = 100;

    /// <summary>Row combinations a join may visit before it is refused.</summary>
    [AtLeast(1)]
    public long MaxJoinRows { get; set; } = 1_000_000;

    /// <summary>Characters of one statement.</summary>
    [AtLeast(1)]
    public int MaxSqlLength { get; set; } = 100_000;

    /// <summary>Nesting of expressions (parentheses, function calls) the parser follows.</summary>
    [AtLeast(1)]
    public int MaxDepth { get; set; } = 100;
}
