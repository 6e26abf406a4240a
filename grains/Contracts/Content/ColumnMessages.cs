namespace SeaTable.Grains.Content;

/// <summary>A table named by id (preferred when it names a table) or by name, as the clients send either.</summary>
[GenerateSerializer, Immutable, Alias("seatable.TableRef")]
public sealed record TableRef([property: Id(0)] string? Name, [property: Id(1)] string? Id = null)
{
    public override string ToString() => Id is { Length: > 0 } && Name is not { Length: > 0 } ? Id : Name ?? Id ?? "";
}

/// <summary>New columns: a JSON array of {column_name, column_type, column_data}, after the anchor column (key or name) when given.</summary>
[GenerateSerializer, Immutable, Alias("seatable.AddColumnsCommand")]
public sealed record AddColumnsCommand(
    [property: Id(0)] TableRef Table,
    [property: Id(1)] string ColumnsJson,
    [property: Id(2)] string? AnchorColumn = null);

/// <summary>
/// A PUT …/columns/ change of one column (key or name): op_type rename_column (NewName), resize_column
/// (NewWidth), freeze_column (Frozen), move_column (TargetColumn), modify_column_type (NewType, NewDataJson).
/// </summary>
[GenerateSerializer, Immutable, Alias("seatable.UpdateColumnCommand")]
public sealed record UpdateColumnCommand(
    [property: Id(0)] TableRef Table,
    [property: Id(1)] string OpType,
    [property: Id(2)] string Column,
    [property: Id(3)] string? NewName = null,
    [property: Id(4)] int? NewWidth = null,
    [property: Id(5)] bool? Frozen = null,
    [property: Id(6)] string? TargetColumn = null,
    [property: Id(7)] string? NewType = null,
    [property: Id(8)] string? NewDataJson = null);

/// <summary>What a column-options call does with its options.</summary>
[GenerateSerializer]
public enum ColumnOptionsChange
{
    Add,
    Update,
    Delete,
}

/// <summary>
/// Options of a select column: for Add and Update a JSON array of option objects ({name, color, textColor}, and
/// for Update the id or the name of the option changed), for Delete a JSON array of option names (or ids).
/// </summary>
[GenerateSerializer, Immutable, Alias("seatable.ColumnOptionsCommand")]
public sealed record ColumnOptionsCommand(
    [property: Id(0)] TableRef Table,
    [property: Id(1)] string Column,
    [property: Id(2)] ColumnOptionsChange Change,
    [property: Id(3)] string OptionsJson);

/// <summary>The child select column's options by option of the parent select column: {parent option name or id: [child option names or ids]}.</summary>
[GenerateSerializer, Immutable, Alias("seatable.CascadeSettingsCommand")]
public sealed record CascadeSettingsCommand(
    [property: Id(0)] TableRef Table,
    [property: Id(1)] string ChildColumn,
    [property: Id(2)] string ParentColumn,
    [property: Id(3)] string SettingsJson);
