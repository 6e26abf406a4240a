namespace SeaTable.Grains.ImportExport;

/// <summary>Where a task keeps its files in the blob store: everything under io/&lt;task id&gt;/, deleted with the task.</summary>
public static class IoPaths
{
    public const string InputName = "input";
    public const string ResultName = "result.dtable";

    public static string Folder(Guid taskId) => "io/" + taskId.ToString("N");

    public static string Input(Guid taskId) => $"{Folder(taskId)}/{InputName}";

    public static string Result(Guid taskId) => $"{Folder(taskId)}/{ResultName}";

    /// <summary>A scratch file of the task (a content.json being built, a result being written).</summary>
    public static string Work(Guid taskId, string name) => $"{Folder(taskId)}/work/{name}";
}
