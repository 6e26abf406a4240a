using System.Text.Json;
using FluentValidation;
using SeaTable.Api.Infrastructure;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Columns;

/// <summary>A call on one table, named by "table_name" or "table_id" (the Python client sends both when a name looks like an id).</summary>
public abstract record ColumnTableRequest : BaseUuidRequest
{
    public string? TableName { get; init; }

    [System.ComponentModel.Description("The table's _id; it wins over table_name when it names a table.")]
    public string? TableId { get; init; }

    public TableRef Table => new(TableName, TableId);
}

public static class ColumnRequestRules
{
    public static void RequireTable<T>(this AbstractValidator<T> validator) where T : ColumnTableRequest =>
        validator.RuleFor(r => r).Must(r => r.TableName is { Length: > 0 } || r.TableId is { Length: > 0 })
            .WithName("table_name").WithMessage("table_name invalid.");

    public static void RequireText<T>(this AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, string?>> field, string name) =>
        validator.RuleFor(field).Must(v => v is { Length: > 0 }).WithMessage($"{name} invalid.");
}

public sealed record InsertColumnRequest : ColumnTableRequest
{
    [System.ComponentModel.DataAnnotations.Required]
    public string? ColumnName { get; init; }

    [System.ComponentModel.Description("One of SeaTable's column types (text, number, date, single-select, link, formula, ...); text when absent.")]
    public string? ColumnType { get; init; }

    [System.ComponentModel.Description("The type's settings: number format, date format, options, rate_max_number, other_table of a link, formula, ...")]
    public JsonElement ColumnData { get; init; }

    [System.ComponentModel.Description("Insert after this column (key or name) instead of at the end.")]
    public string? AnchorColumn { get; init; }

    [System.ComponentModel.Description("Same as anchor_column.")]
    public string? ColumnKey { get; init; }
}

public sealed class InsertColumnValidator : Validator<InsertColumnRequest>
{
    public InsertColumnValidator()
    {
        this.RequireTable();
        this.RequireText(r => r.ColumnName, "column_name");
        RuleFor(r => r.ColumnData).Must(d => d.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object)
            .WithMessage("column_data invalid.");
    }
}

public sealed record BatchAppendColumnsRequest : ColumnTableRequest
{
    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.Description("[{column_name, column_type, column_data}], all added or none.")]
    public JsonElement Columns { get; init; }
}

public sealed class BatchAppendColumnsValidator : Validator<BatchAppendColumnsRequest>
{
    public BatchAppendColumnsValidator()
    {
        this.RequireTable();
        RuleFor(r => r.Columns).Must(c => c.ValueKind == JsonValueKind.Array && c.GetArrayLength() > 0).WithMessage("columns invalid.");
    }
}

public sealed record UpdateColumnRequest : ColumnTableRequest
{
    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.Description("rename_column, resize_column, freeze_column, move_column or modify_column_type.")]
    public string? OpType { get; init; }

    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.Description("The column's key (or name).")]
    public string? Column { get; init; }

    public string? NewColumnName { get; init; }

    public int? NewColumnWidth { get; init; }

    public BoolField Frozen { get; init; }

    [System.ComponentModel.Description("move_column: the column (key or name) whose place the column takes.")]
    public string? TargetColumn { get; init; }

    public string? NewColumnType { get; init; }

    [System.ComponentModel.Description("modify_column_type: the new type's settings (its defaults when absent).")]
    public JsonElement ColumnData { get; init; }
}

public sealed class UpdateColumnValidator : Validator<UpdateColumnRequest>
{
    private static readonly HashSet<string> OpTypes = new(StringComparer.Ordinal)
    {
        "rename_column", "resize_column", "freeze_column", "move_column", "modify_column_type",
    };

    public UpdateColumnValidator()
    {
        this.RequireTable();
        RuleFor(r => r.OpType).Must(o => o is not null && OpTypes.Contains(o)).WithMessage("op_type invalid.");
        this.RequireText(r => r.Column, "column");
        RuleFor(r => r.NewColumnName).Must(n => n is { Length: > 0 }).When(r => r.OpType == "rename_column").WithMessage("new_column_name invalid.");
        RuleFor(r => r.NewColumnWidth).NotNull().When(r => r.OpType == "resize_column").WithMessage("new_column_width invalid.");
        RuleFor(r => r.Frozen).Must(f => f is BoolField.True or BoolField.False).When(r => r.OpType == "freeze_column").WithMessage("frozen invalid.");
        RuleFor(r => r.TargetColumn).Must(t => t is { Length: > 0 }).When(r => r.OpType == "move_column").WithMessage("target_column invalid.");
        RuleFor(r => r.NewColumnType).Must(t => t is { Length: > 0 }).When(r => r.OpType == "modify_column_type").WithMessage("new_column_type invalid.");
        RuleFor(r => r.ColumnData).Must(d => d.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object)
            .WithMessage("column_data invalid.");
    }
}

public sealed record DeleteColumnRequest : ColumnTableRequest
{
    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.Description("The column's key (or name).")]
    public string? Column { get; init; }
}

public sealed class DeleteColumnValidator : Validator<DeleteColumnRequest>
{
    public DeleteColumnValidator()
    {
        this.RequireTable();
        this.RequireText(r => r.Column, "column");
    }
}

public sealed record ColumnOptionsRequest : ColumnTableRequest
{
    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.Description("The single- or multiple-select column's key (or name).")]
    public string? Column { get; init; }

    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.Description("POST: [{name, color, textColor}]; PUT: [{id or name, name, color, textColor}]; DELETE: [option name or id].")]
    public JsonElement Options { get; init; }
}

public sealed class ColumnOptionsValidator : Validator<ColumnOptionsRequest>
{
    public ColumnOptionsValidator()
    {
        this.RequireTable();
        this.RequireText(r => r.Column, "column");
        RuleFor(r => r.Options).Must(o => o.ValueKind == JsonValueKind.Array && o.GetArrayLength() > 0).WithMessage("options invalid.");
    }
}

public sealed record CascadeSettingsRequest : ColumnTableRequest
{
    [System.ComponentModel.DataAnnotations.Required]
    public string? ChildColumn { get; init; }

    [System.ComponentModel.DataAnnotations.Required]
    public string? ParentColumn { get; init; }

    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.Description("{parent option name: [child option names]}.")]
    public JsonElement CascadeSettings { get; init; }
}

public sealed class CascadeSettingsValidator : Validator<CascadeSettingsRequest>
{
    public CascadeSettingsValidator()
    {
        this.RequireTable();
        this.RequireText(r => r.ChildColumn, "child_column");
        this.RequireText(r => r.ParentColumn, "parent_column");
        RuleFor(r => r.CascadeSettings).Must(s => s.ValueKind == JsonValueKind.Object).WithMessage("cascade_settings invalid.");
    }
}

/// <summary>The documented shape of a column as SeaTable answers it (the grain writes it raw).</summary>
public sealed record ColumnDoc(string Key, string Name, string Type, int Width, bool Editable, bool Resizable, JsonElement? Data);

/// <summary>The documented shape of POST …/batch-append-columns/.</summary>
public sealed record ColumnListDoc(IReadOnlyList<ColumnDoc> Columns);
