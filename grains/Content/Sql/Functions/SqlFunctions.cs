namespace SeaTable.Grains.Content.Sql.Functions;

/// <summary>
/// The scalar functions of SeaTable's SQL, by name ignoring case. The aggregates (COUNT, SUM, MIN, MAX, AVG)
/// are the engine's, not here.
/// </summary>
internal static class SqlFunctions
{
    private static readonly Dictionary<string, SqlFunction> ByName = TextFunctions.All()
        .Concat(NumberFunctions.All())
        .Concat(DateFunctions.All())
        .Concat(LogicalFunctions.All())
        .Concat(StatisticalFunctions.All())
        .ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    public static SqlFunction? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>Every function's name, as registered (for listings and tests).</summary>
    public static IEnumerable<string> Names => ByName.Keys;
}
