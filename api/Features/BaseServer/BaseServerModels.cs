using FluentValidation;
using System.Text.Json;
using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.BaseServer;

public sealed record ListColumnsRequest : BaseTableRequest
{
    [System.ComponentModel.Description("Leave out the columns this view hides.")]
    public string? ViewName { get; init; }
}

public sealed class ListColumnsValidator : FastEndpoints.Validator<ListColumnsRequest>
{
    public ListColumnsValidator() => this.RequireTableName();
}

public sealed record AddTableRequest : BaseTableRequest
{
    [System.ComponentModel.Description("The client's language (accepted, not used: the default column is \"Name\").")]
    public string? Lang { get; init; }

    [System.ComponentModel.Description("[{column_name, column_type, column_data}]; a link column names its other table in column_data.other_table. Without it: one text column \"Name\".")]
    public JsonElement Columns { get; init; }
}

public sealed class AddTableValidator : FastEndpoints.Validator<AddTableRequest>
{
    public AddTableValidator()
    {
        this.RequireTableName();
        RuleFor(r => r.Columns).Must(c => c.ValueKind is JsonValueKind.Undefined or JsonValueKind.Array or JsonValueKind.Null)
            .WithMessage("columns invalid.");
    }
}

public sealed record DeleteTableRequest : BaseTableRequest;

public sealed class DeleteTableValidator : FastEndpoints.Validator<DeleteTableRequest>
{
    public DeleteTableValidator() => this.RequireTableName();
}

public sealed record RenameTableRequest : BaseTableRequest
{
    [System.ComponentModel.DataAnnotations.Required]
    public string? NewTableName { get; init; }
}

public sealed class RenameTableValidator : FastEndpoints.Validator<RenameTableRequest>
{
    public RenameTableValidator()
    {
        this.RequireTableName();
        RuleFor(r => r.NewTableName).Must(name => name is { Length: > 0 }).WithMessage("new_table_name invalid.");
    }
}

/// <summary>The documented shape of a table as content.json holds it (the grain writes it raw).</summary>
public sealed record TableDoc(
    [property: System.Text.Json.Serialization.JsonPropertyName("_id")] string Id,
    string Name,
    IReadOnlyList<JsonElement> Columns,
    IReadOnlyList<JsonElement> Views);

/// <summary>The documented shape of GET …/metadata/.</summary>
public sealed record MetadataDoc(MetadataBodyDoc Metadata);

public sealed record MetadataBodyDoc(IReadOnlyList<TableDoc> Tables, long Version, long FormatVersion);

/// <summary>The documented shape of GET …/columns/.</summary>
public sealed record ColumnsDoc(IReadOnlyList<JsonElement> Columns);
