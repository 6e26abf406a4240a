using System.Globalization;
using System.Text.Json.Serialization;
using FluentValidation;
using SeaTable.Grains.Accounts;
using SeaTable.Api.Infrastructure.Binding;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.DTables;

/// <summary>
/// The base ("table") object of dtable-web: the V2020 fields plus the later ones clients read (reference 1.6),
/// with creator and modifier as display names. The trailing fields belong to one listing each (trash, the
/// personal workspace, shared bases) and are absent elsewhere; color, text_color and icon are null when unset.
/// </summary>
public sealed record TableResponse(
    long Id,
    long WorkspaceId,
    string Uuid,
    string Name,
    string Creator,
    string Modifier,
    string CreatedAt,
    string UpdatedAt,
    string? Color,
    string? TextColor,
    string? Icon,
    bool IsEncrypted,
    bool InStorage)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Deleted { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DeleteTime { get; init; }

    /// <summary>Beyond SeaTable, in the caller's trash: whole days before the purge (as the admin listing says).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? DaysLeft { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Starred { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FromUser { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FromUserName { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FromUserType { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Permission { get; init; }

    public static TableResponse From(DTableInfo table, IReadOnlyDictionary<string, AccountProfile?> names) => new(
        table.Id, table.WorkspaceId, table.Uuid.ToString(), table.Name, names.NameOf(table.CreatorId), names.NameOf(table.ModifierId),
        IsoTime.Format(table.CreatedAt), IsoTime.Format(table.UpdatedAt), table.Color, table.TextColor, table.Icon,
        IsEncrypted: false, InStorage: false);

    /// <summary>The object with the trash fields of the trash listings.</summary>
    public static TableResponse WithTrash(DTableInfo table, IReadOnlyDictionary<string, AccountProfile?> names) =>
        From(table, names) with { Deleted = table.Deleted, DeleteTime = IsoTime.Format(table.DeleteTime) ?? "" };

    /// <summary>The trash object with the days left before the purge that <paramref name="retention"/> makes.</summary>
    public static TableResponse WithTrash(DTableInfo table, IReadOnlyDictionary<string, AccountProfile?> names, TimeSpan retention, DateTimeOffset now) =>
        WithTrash(table, names) with
        {
            DaysLeft = table.DeleteTime is { } deleted ? Math.Max(0, (int)Math.Ceiling((deleted + retention - now).TotalDays)) : null,
        };

    public static async Task<TableResponse> FromAsync(IGrainFactory grains, DTableInfo table) =>
        From(table, await UserNames.ResolveAsync(grains, [table.CreatorId, table.ModifierId]));
}

/// <summary>{"table": {...}}: the answer of a create or rename.</summary>
public sealed record TableEnvelope(TableResponse Table);

/// <summary>
/// POST /api/v2.1/dtables/: the workspace is named by workspace_id, or by owner (V2020 clients send the owner's
/// user id), or is the caller's own.
/// </summary>
public sealed record CreateDTableRequest
{
    [System.ComponentModel.Description("The new base's name, unique in the workspace.")]
    [System.ComponentModel.DataAnnotations.Required]
    public string? Name { get; init; }

    /// <summary>A string, parsed here: a bad value answers "workspace_id invalid." after the name's check.</summary>
    [System.ComponentModel.Description("The workspace to create the base in (default: the caller's own).")]
    public string? WorkspaceId { get; init; }

    [System.ComponentModel.Description("V2020 clients: the owner's user id or contact email; must be the caller.")]
    public string? Owner { get; init; }

    public string? Color { get; init; }

    public string? TextColor { get; init; }

    public string? Icon { get; init; }

    /// <summary>The body as sent: an owner sent empty is refused, an owner not sent is not.</summary>
    public RequestFields Body { get; init; } = RequestFields.Empty;

    public long? ParsedWorkspaceId =>
        long.TryParse(WorkspaceId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}

public sealed class CreateDTableValidator : FastEndpoints.Validator<CreateDTableRequest>
{
    public CreateDTableValidator()
    {
        RuleFor(r => r).Must(r => !r.Body.Has("owner") || !string.IsNullOrWhiteSpace(r.Owner)).WithMessage("owner invalid.");
        RuleFor(r => r.Name).Must(BaseNames.IsValid).WithMessage("name invalid.");
        RuleFor(r => r).Must(r => string.IsNullOrEmpty(r.WorkspaceId) || r.ParsedWorkspaceId is not null).WithMessage("workspace_id invalid.");
    }
}

/// <summary>PUT /api/v2.1/workspace/{workspace_id}/dtable/: the current name and the new one.</summary>
public sealed record RenameDTableRequest
{
    public long WorkspaceId { get; init; }

    [System.ComponentModel.Description("The base's current name (V2020 clients).")]
    public string? OldName { get; init; }

    [System.ComponentModel.Description("The base's current name (later clients; old_name wins).")]
    public string? Name { get; init; }

    [System.ComponentModel.DataAnnotations.Required]
    public string? NewName { get; init; }

    public string? CurrentName => OldName ?? Name;
}

public sealed class RenameDTableValidator : FastEndpoints.Validator<RenameDTableRequest>
{
    public RenameDTableValidator()
    {
        RuleFor(r => r.CurrentName).Must(name => !string.IsNullOrEmpty(name)).WithMessage("name invalid.");
        RuleFor(r => r.NewName).Must(BaseNames.IsValid).WithMessage("new_name invalid.");
    }
}

/// <summary>DELETE /api/v2.1/workspace/{workspace_id}/dtable/: the base's name in the body, or in the query.</summary>
public sealed record DeleteDTableRequest
{
    public long WorkspaceId { get; init; }

    [System.ComponentModel.Description("The base's name.")]
    public string? Name { get; init; }

    [FastEndpoints.BindFrom("name"), InQuery]
    [System.ComponentModel.Description("The base's name, when the body does not send it.")]
    public string? QueryName { get; init; }

    public string? TargetName => Name ?? QueryName;
}

public sealed class DeleteDTableValidator : FastEndpoints.Validator<DeleteDTableRequest>
{
    public DeleteDTableValidator()
    {
        RuleFor(r => r.TargetName).Must(name => !string.IsNullOrEmpty(name)).WithMessage("name invalid.");
    }
}
