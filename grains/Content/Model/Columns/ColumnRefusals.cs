namespace SeaTable.Grains.Content.Model.Columns;

/// <summary>The refusals the column calls share (400 with the text as error_msg).</summary>
internal static class ColumnRefusals
{
    public const string ColumnTypeInvalid = "column_type invalid.";

    public static ContentReply Invalid(string message) => ContentReply.Fail(ContentError.ParamsInvalid, message);
}
