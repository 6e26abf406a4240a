using System.Text.Json;
using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.Rows;

/// <summary>The row writes: an "rw" base token, a JSON body with "table_name", arrays within SeaTable's limits.</summary>
public abstract class RowWriteEndpoint : BaseServerEndpoint
{
    /// <summary>The caller, the body and its table name, or null after answering.</summary>
    protected async Task<(BaseCaller Caller, RequestFields Fields, string Table)?> BeginWriteAsync(CancellationToken ct)
    {
        if (Caller is not { } caller || await ReadFieldsAsync(ct, RowBodyMaxBytes) is not { } fields
            || await TableNameAsync(fields) is not { } table)
        {
            return null;
        }

        return (caller, fields, table);
    }

    /// <summary>The body's array field with 1..limit items, or null after answering 400.</summary>
    protected async Task<JsonElement?> ArrayAsync(RequestFields fields, string name, int limit)
    {
        if (fields.Json(name) is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() == 0)
        {
            await BadRequestAsync($"{name} invalid.");
            return null;
        }

        if (array.GetArrayLength() > limit)
        {
            await BadRequestAsync(RowLimits.TooMany(limit));
            return null;
        }

        return array;
    }

    /// <summary>The body's object field, or null after answering 400.</summary>
    protected async Task<JsonElement?> ObjectAsync(RequestFields fields, string name)
    {
        if (fields.Json(name) is { ValueKind: JsonValueKind.Object } value)
        {
            return value;
        }

        await BadRequestAsync($"{name} invalid.");
        return null;
    }

    /// <summary>The row ids of a delete: strings only, or null after answering 400.</summary>
    protected async Task<List<string>?> RowIdsAsync(RequestFields fields, int limit)
    {
        if (await ArrayAsync(fields, "row_ids", limit) is not { } array)
        {
            return null;
        }

        if (array.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
        {
            await BadRequestAsync("row_ids invalid.");
            return null;
        }

        return [.. array.EnumerateArray().Select(i => i.GetString()!)];
    }

    protected bool ApplyDefault(RequestFields fields) => fields.Bool("apply_default") == BoolField.True;

    /// <summary>{"success": true, "deleted_rows": n}.</summary>
    protected Task DeletedAsync(long count) =>
        JsonAsync(new Dictionary<string, object> { ["success"] = true, ["deleted_rows"] = count });
}
