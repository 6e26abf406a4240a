namespace SeaTable.Grains.Content.Sql.Functions;

/// <summary>
/// The scalar functions of SeaTable's SQL, by name ignoring case. The aggregates (COUNT, SUM, MIN, MAX, AVG)
/// are the engine's, not here.
/// </summary>
internal static class SqlFunctions
{
    private static readonly Dictionary<string, SqlFunction> ByName = new(StringComparer.OrdinalIgnoreCase);

    public static SqlFunction? Find(string name) => ByName.GetValueOrDefault(name);
}
