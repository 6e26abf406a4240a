using System.Text.Json;
using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Operations;
using SeaTable.Grains.Content.Sql.Functions;
using SeaTable.Grains.Content.Sql.Syntax;
using SeaTable.Grains.Content.Sql.Values;

namespace SeaTable.Grains.Content.Sql.Engine;

/// <summary>What a statement did: a SELECT's answer (written), or a write's operations to log and how many rows they touch.</summary>
internal sealed record SqlOutcome(IReadOnlyList<ContentOp>? Operations, int Count);

/// <summary>
/// One statement over a base's content: parsed, its names bound, compiled and run within the bounds. Throws
/// <see cref="SqlException"/> for anything the caller did wrong; never changes the content itself (writes
/// come back as operations for the grain to log).
/// </summary>
internal static class SqlEngine
{
    public static SqlOutcome Run(BaseContent content, SqlQuery query, SqlLimits limits, TimeProvider clock, Utf8JsonWriter writer, SqlVectors? vectors = null)
    {
        var guard = new SqlGuard(limits, clock);
        var statement = SqlParser.Parse(query.Sql, new SqlParserLimits(limits.MaxLength, limits.MaxDepth));
        var parameters = Parameters(query.ParametersJson);
        var functions = new SqlFunctionContext(clock.GetUtcNow().UtcDateTime);
        switch (statement)
        {
            case SelectStatement select:
            {
                var scope = new SqlScope(content, select.From);
                var run = new SqlSelect(select, scope, new SqlCompiler(scope, functions, parameters), guard, query.ConvertKeys, vectors);
                run.Run(writer);
                return new SqlOutcome(null, run.Count);
            }

            case UpdateStatement update:
            {
                CheckWrite(query);
                var scope = new SqlScope(content, [update.Table]);
                var operations = SqlWrite.Update(update, scope, new SqlCompiler(scope, functions, parameters), guard,
                    query.Actor, clock.GetUtcNow().ToUnixTimeMilliseconds(), vectors, out var count);
                return new SqlOutcome(operations, count);
            }

            case DeleteStatement delete:
            {
                CheckWrite(query);
                var scope = new SqlScope(content, [delete.Table]);
                var operations = SqlWrite.Delete(delete, scope, new SqlCompiler(scope, functions, parameters), guard, vectors, out var count);
                return new SqlOutcome(operations, count);
            }

            case InsertStatement:
                CheckWrite(query);
                throw new SqlException(SqlError.NotSupported,
                    "INSERT requires big data storage, which this server does not have: add rows with the row API (append_row / batch_append_rows).");
            default:
                throw new SqlException(SqlError.Syntax, "Only SELECT, UPDATE, DELETE and INSERT statements are supported.");
        }
    }

    /// <summary>The answer of an UPDATE or DELETE: SeaTable's, with the number of rows it changed besides.</summary>
    public static void WriteWriteAnswer(Utf8JsonWriter writer, int count)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("success", true);
        writer.WriteString("error_message", "");
        writer.WriteNull("metadata");
        writer.WriteNull("results");
        writer.WriteNumber("affected_rows", count);
        writer.WriteEndObject();
    }

    private static void CheckWrite(SqlQuery query)
    {
        if (!query.CanWrite)
        {
            throw new SqlException(SqlError.Forbidden, "Permission denied: this token may only read the base (UPDATE, DELETE and INSERT need read-write).");
        }
    }

    private static List<SqlValue> Parameters(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = ParseArray(json);
        var values = new List<SqlValue>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            values.Add(item.ValueKind switch
            {
                JsonValueKind.String => SqlValue.FromText(item.GetString()),
                JsonValueKind.Number when item.TryGetDouble(out var n) && double.IsFinite(n) => SqlValue.FromNumber(n),
                JsonValueKind.True => SqlValue.True,
                JsonValueKind.False => SqlValue.False,
                JsonValueKind.Null => SqlValue.Null,
                _ => throw SqlException.Invalid("parameters must be a list of texts, numbers, booleans or nulls."),
            });
        }

        return values;
    }

    private static JsonDocument ParseArray(string json)
    {
        try
        {
            var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Array)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
        }

        throw SqlException.Invalid("parameters must be a list of texts, numbers, booleans or nulls.");
    }
}
