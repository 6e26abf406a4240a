namespace SeaTable.Grains.Content;

// Temporary: lets the sql-api branch build before the SQL engine's Query is merged; deleted at that merge.
public sealed partial class BaseContentGrain
{
    Task<SqlReply> IBaseSqlGrain.Query(SqlQuery query) =>
        Task.FromResult(SqlReply.Fail(SqlError.NotSupported, "not yet"));
}
