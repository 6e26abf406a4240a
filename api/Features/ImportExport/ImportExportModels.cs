using System.Text.Json.Serialization;
using FluentValidation;
using SeaTable.Api.Infrastructure.Binding;
using SeaTable.Grains.Accounts;
using SeaTable.Grains.DTables;
using SeaTable.Grains.ImportExport;

namespace SeaTable.Api.Features.ImportExport;

/// <summary>Task and base ids of the task calls: a uuid dashed or as 32 hex digits, else "&lt;name&gt; invalid.".</summary>
public static class IoUuid
{
    public static bool TryParse(string? text, out Guid uuid)
    {
        text = text?.Trim() ?? "";
        uuid = default;
        return (text.Length == 36 && Guid.TryParseExact(text, "D", out uuid)) || (text.Length == 32 && Guid.TryParseExact(text, "N", out uuid));
    }

    public static Guid Parse(string? text) => TryParse(text, out var uuid) ? uuid : throw new FormatException("Not a task uuid.");

    public static IRuleBuilderOptions<T, string?> MustBeUuid<T>(this IRuleBuilder<T, string?> rule, string name) =>
        rule.Must(text => TryParse(text, out _)).WithMessage($"{name} invalid.");
}

public sealed record IoStatusRequest
{
    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.Description("The task's id (from export-dtable or import-dtable).")]
    public string? TaskId { get; init; }
}

public sealed class IoStatusValidator : Validator<IoStatusRequest>
{
    public IoStatusValidator() => RuleFor(r => r.TaskId).MustBeUuid("task_id");
}

/// <summary>DELETE …?task_id=&amp;dtable_uuid=&amp;task_type=: every field in the query string.</summary>
public sealed record CancelIoTaskRequest
{
    [InQuery, System.ComponentModel.DataAnnotations.Required]
    public string? TaskId { get; init; }

    [InQuery, System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.Description("\"export\" or \"import\".")]
    public string? TaskType { get; init; }

    [InQuery, System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.Description("The task's base.")]
    public string? DtableUuid { get; init; }
}

public sealed class CancelIoTaskValidator : Validator<CancelIoTaskRequest>
{
    public CancelIoTaskValidator()
    {
        RuleFor(r => r.TaskId).MustBeUuid("task_id");
        RuleFor(r => r.TaskType).Must(type => type is "export" or "import").WithMessage("task_type invalid.");
        RuleFor(r => r.DtableUuid).MustBeUuid("dtable_uuid");
    }
}

public sealed record ExportContentRequest
{
    [System.ComponentModel.DataAnnotations.Required]
    public string? TaskId { get; init; }

    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.Description("The exported base.")]
    public string? DtableUuid { get; init; }
}

public sealed class ExportContentValidator : Validator<ExportContentRequest>
{
    public ExportContentValidator()
    {
        RuleFor(r => r.TaskId).MustBeUuid("task_id");
        RuleFor(r => r.DtableUuid).MustBeUuid("dtable_uuid");
    }
}

public sealed record ExportDTableRequest
{
    public long WorkspaceId { get; init; }

    [System.ComponentModel.Description("The base's name (URL-encoded).")]
    public string Name { get; init; } = "";

    /// <summary>From the body of a POST, else from the query (the handler looks there too).</summary>
    [System.ComponentModel.Description("Leave the assets out of the archive (query or body).")]
    public BoolField IgnoreAsset { get; init; }
}

/// <summary>The multipart file field <c>dtable</c> is streamed by the endpoint, never buffered.</summary>
[ReadsBodyItself]
public sealed record ImportDTableRequest
{
    public long WorkspaceId { get; init; }
}

/// <summary>The task id and the table object of dtable-web (reference 1.6).</summary>
public sealed record IoTaskStartedResponse(string TaskId, DTables.TableResponse Table);

/// <summary>SeaTable's is_finished, then beyond SeaTable the task's phase, progress (0-100), rows, type and base.</summary>
public sealed record IoStatusResponse(
    bool IsFinished,
    string Phase,
    int Progress,
    long RowsDone,
    string TaskType,
    [property: JsonPropertyName("dtable_uuid")] string DTableUuid);

/// <summary>A failed task: the status with its error (400).</summary>
public sealed record IoFailedStatusResponse(
    bool IsFinished,
    string Phase,
    int Progress,
    long RowsDone,
    string TaskType,
    [property: JsonPropertyName("dtable_uuid")] string DTableUuid,
    string? ErrorMsg);

public sealed record IoSuccessResponse(bool Success);
