using SeaTable.Grains.Content.Sql;
using SeaTable.Grains.Content.Sql.Engine;

namespace SeaTable.Grains.Content;

public sealed partial class BaseContentGrain : IBaseSqlGrain
{
    /// <summary>Decoded columns for statements that read every row; dropped by any write (their version moves on).</summary>
    private readonly SqlVectors _sqlVectors = new();

    async Task<SqlReply> IBaseSqlGrain.Query(SqlQuery query)
    {
        if (_content is not { } content)
        {
            return SqlReply.Fail(SqlError.NoContent, "base not found");
        }

        SqlOutcome? outcome = null;
        byte[] json;
        try
        {
            json = Json(writer => outcome = SqlEngine.Run(content, query, SqlLimits(), clock, writer, _sqlVectors));
        }
        catch (SqlException e)
        {
            return SqlReply.Fail(e.Error, e.Message);
        }

        if (outcome!.Operations is not { } operations)
        {
            return new SqlReply(SqlError.None, Json: json, Count: outcome.Count);
        }

        if (operations.Count > 0)
        {
            // One statement, one logged write: committed before the answer, fanned out as update-dtable.
            await CommitAsync(operations);
        }

        return new SqlReply(SqlError.None, Json: Json(writer => SqlEngine.WriteWriteAnswer(writer, outcome.Count)), Count: outcome.Count);
    }
}
