using System.Text.Json.Serialization;
using FluentValidation;
using SeaTable.Api.Features.DTables;

namespace SeaTable.Api.Features.Workspaces;

/// <summary>GET /api/v2.1/workspaces/[?detail=true|false].</summary>
public sealed record ListWorkspacesRequest
{
    [System.ComponentModel.Description("\"true\" (default) lists the bases of each entry; \"false\" only the entries.")]
    public string? Detail { get; init; }
}

public sealed class ListWorkspacesValidator : FastEndpoints.Validator<ListWorkspacesRequest>
{
    public ListWorkspacesValidator()
    {
        RuleFor(r => r.Detail).Must(detail => detail is null or "" or "true" or "false").WithMessage("detail invalid");
    }
}

/// <summary>
/// The starred entry, the shared entry and the personal workspace, in that order. Their shapes differ (the
/// virtual entries' id is ""), so the list holds each as its own record.
/// </summary>
public sealed record WorkspaceListResponse(IReadOnlyList<object> WorkspaceList);

/// <summary>The starred bases (none: starring is not kept). table_list only with detail.</summary>
public sealed record StarredWorkspaceEntry(
    string Id,
    string Name,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TableResponse>? TableList);

/// <summary>The bases shared with the caller. The lists only with detail.</summary>
public sealed record SharedWorkspaceEntry(
    string Id,
    string Name,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TableResponse>? SharedTableList,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<object>? SharedViewList);

/// <summary>The caller's personal workspace. table_list only with detail.</summary>
public sealed record PersonalWorkspaceEntry(
    long Id,
    string Name,
    string Type,
    string OwnerName,
    string OwnerType,
    IReadOnlyList<object> Folders,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TableResponse>? TableList);
