using System.Text.Json;
using FluentValidation;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Api.Infrastructure.Binding;

namespace SeaTable.Api.Features.Views;

/// <summary>A views call on one table: "table_name" in the query, for reads and writes alike, as the clients send it.</summary>
public record ViewTableRequest : BaseUuidRequest
{
    [InQuery, System.ComponentModel.DataAnnotations.Required]
    public string? TableName { get; init; }
}

/// <summary>A call on one view, named in the route (…/views/{view_name}/).</summary>
public record ViewRequest : ViewTableRequest
{
    [System.ComponentModel.Description("The view's name.")]
    public string ViewName { get; init; } = "";
}

public sealed record ListViewsRequest : ViewTableRequest;

public sealed record GetViewRequest : ViewRequest;

public sealed record DeleteViewRequest : ViewRequest;

public sealed record AddViewRequest : ViewTableRequest
{
    [System.ComponentModel.DataAnnotations.Required]
    public string? Name { get; init; }

    [System.ComponentModel.Description("\"table\" (the default) or \"archive\".")]
    public string? Type { get; init; }

    public Infrastructure.BoolField IsLocked { get; init; }
}

/// <summary>
/// PUT …/views/{view_name}/: any of name (rename), filters, filter_conjunction, sorts, groupbys,
/// hidden_columns, is_locked. Columns may be named by key or name.
/// </summary>
public sealed record UpdateViewRequest : ViewRequest
{
    [System.ComponentModel.Description("A new name for the view.")]
    public string? Name { get; init; }

    [System.ComponentModel.Description("[{column_key or column_name, filter_predicate, filter_term, filter_term_modifier}]")]
    public JsonElement Filters { get; init; }

    [System.ComponentModel.Description("\"And\" or \"Or\".")]
    public JsonElement FilterConjunction { get; init; }

    [System.ComponentModel.Description("[{column_key or column_name, sort_type: \"up\"|\"down\"}]")]
    public JsonElement Sorts { get; init; }

    [System.ComponentModel.Description("[{column_key or column_name, sort_type}], at most three.")]
    public JsonElement Groupbys { get; init; }

    [System.ComponentModel.Description("Column keys or names the view hides.")]
    public JsonElement HiddenColumns { get; init; }

    public JsonElement IsLocked { get; init; }
}

/// <summary>
/// GET …/filtered-rows/?table_name=[&amp;view_name=] with a JSON body {"filters": [...], "filter_conjunction"}: the
/// Python client sends this GET with a body.
/// </summary>
[BodyOnGet]
public sealed record FilteredRowsRequest : ViewTableRequest
{
    [InQuery, System.ComponentModel.Description("Filter within this view's rows (its filters and sorts apply too).")]
    public string? ViewName { get; init; }

    [System.ComponentModel.Description("[{column_name or column_key, filter_predicate, filter_term, filter_term_modifier}]")]
    public JsonElement Filters { get; init; }

    [System.ComponentModel.Description("\"And\" (the default) or \"Or\".")]
    public JsonElement FilterConjunction { get; init; }
}

internal static class ViewRules
{
    public static void RequireTableName<T>(this AbstractValidator<T> validator) where T : ViewTableRequest =>
        validator.RuleFor(r => r.TableName).Must(name => name is { Length: > 0 }).WithMessage("table_name invalid.");
}

public sealed class ListViewsValidator : FastEndpoints.Validator<ListViewsRequest>
{
    public ListViewsValidator() => this.RequireTableName();
}

public sealed class GetViewValidator : FastEndpoints.Validator<GetViewRequest>
{
    public GetViewValidator() => this.RequireTableName();
}

public sealed class DeleteViewValidator : FastEndpoints.Validator<DeleteViewRequest>
{
    public DeleteViewValidator() => this.RequireTableName();
}

public sealed class AddViewValidator : FastEndpoints.Validator<AddViewRequest>
{
    public AddViewValidator()
    {
        this.RequireTableName();
        RuleFor(r => r.Name).Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("name invalid.");
        RuleFor(r => r.IsLocked).NotEqual(Infrastructure.BoolField.Invalid).WithMessage("is_locked invalid.");
    }
}

public sealed class UpdateViewValidator : FastEndpoints.Validator<UpdateViewRequest>
{
    public UpdateViewValidator() => this.RequireTableName();
}

public sealed class FilteredRowsValidator : FastEndpoints.Validator<FilteredRowsRequest>
{
    public FilteredRowsValidator()
    {
        this.RequireTableName();
        RuleFor(r => r.Filters).Must(f => f.ValueKind == JsonValueKind.Array && f.GetArrayLength() > 0).WithMessage("filters invalid.");
        RuleFor(r => r.FilterConjunction).Must(c => c.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
            || (c.ValueKind == JsonValueKind.String && c.GetString()!.ToLowerInvariant() is "and" or "or"))
            .WithMessage("filter_conjunction invalid.");
    }
}

/// <summary>The documented shape of GET …/views/.</summary>
public sealed record ViewsDoc(IReadOnlyList<JsonElement> Views);

/// <summary>The documented shape of GET …/filtered-rows/: rows keyed by column name.</summary>
public sealed record FilteredRowsDoc(IReadOnlyList<JsonElement> Rows);
