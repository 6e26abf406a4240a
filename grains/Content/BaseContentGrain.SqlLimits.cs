using SeaTable.Grains.Content.Sql.Engine;

namespace SeaTable.Grains.Content;

public sealed partial class BaseContentGrain
{
    // Placeholder until the SQL settings land: SeaTable's defaults.
    private static SqlLimits SqlLimits() => new(TimeSpan.FromSeconds(5));

    Task<SqlReply> IBaseSqlGrain.LinkedRecords(LinkedRecordsQuery query) => Task.FromResult(SqlReply.Fail(SqlError.NotSupported, "not yet"));
}
