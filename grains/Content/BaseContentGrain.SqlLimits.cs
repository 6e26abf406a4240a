using SeaTable.Grains.Content.Sql.Engine;

namespace SeaTable.Grains.Content;

public sealed partial class BaseContentGrain
{
    private SqlLimits SqlLimits()
    {
        var sql = sqlOptions.Value;
        return new SqlLimits(sql.Timeout, sql.DefaultLimit, sql.MaxResultRows, sql.MaxJoinRows, sql.MaxSqlLength, sql.MaxDepth);
    }
}
