using System.Globalization;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace SeaTable.Api.Features.AdminDTables;

/// <summary>
/// The query of every admin base listing: SeaTable's page / per_page (kept as text: some listings refuse a bad
/// value with their own text, others fall back to the defaults) and the filters beyond SeaTable of
/// <see cref="AdminListingQuery"/>.
/// </summary>
public record AdminListingRequest
{
    [System.ComponentModel.Description("The page, from 1.")]
    public string? Page { get; init; }

    [System.ComponentModel.Description("Bases per page (at most 1000).")]
    public string? PerPage { get; init; }

    [System.ComponentModel.Description("Beyond SeaTable: keyset paging, the next_cursor of the previous page.")]
    public string? Cursor { get; init; }

    [System.ComponentModel.Description("Beyond SeaTable: only bases of this owner (user id or contact email).")]
    public string? Owner { get; init; }

    [System.ComponentModel.Description("Beyond SeaTable: only bases of this organization.")]
    public string? OrgId { get; init; }

    [System.ComponentModel.Description("Beyond SeaTable: only bases whose name contains this (any case).")]
    public string? Name { get; init; }

    [System.ComponentModel.Description("Beyond SeaTable: ISO date, created at or after.")]
    public string? CreatedAfter { get; init; }

    [System.ComponentModel.Description("Beyond SeaTable: ISO date, created before.")]
    public string? CreatedBefore { get; init; }

    [System.ComponentModel.Description("Beyond SeaTable: ISO date, deleted at or after (trash).")]
    public string? DeletedAfter { get; init; }

    [System.ComponentModel.Description("Beyond SeaTable: ISO date, deleted before (trash).")]
    public string? DeletedBefore { get; init; }

    /// <summary>The paging through the same parser the other listings use.</summary>
    public bool TryGetPaging(int defaultPerPage, out Paging paging) =>
        Paging.TryParse(new QueryCollection(new Dictionary<string, StringValues>
        {
            ["page"] = Page ?? "",
            ["per_page"] = PerPage ?? "",
        }), defaultPerPage, out paging);

    /// <summary>SeaTable's lenient listings: values that are not positive integers fall back to the defaults.</summary>
    public Paging PagingOrDefault(int defaultPerPage) => TryGetPaging(defaultPerPage, out var paging) ? paging : new Paging(1, defaultPerPage);
}

public sealed record ListAllDTablesRequest : AdminListingRequest;

public sealed record ListTrashDTablesRequest : AdminListingRequest;

/// <summary>…/organizations/{org_id}/dtables/: the route's org_id (the query's org_id filter is the same).</summary>
public sealed record ListOrganizationDTablesRequest : AdminListingRequest;

public sealed record ListUserDTablesRequest : AdminListingRequest
{
    [System.ComponentModel.Description("The user's id or contact email.")]
    public string Email { get; init; } = "";
}

public sealed class ListTrashDTablesValidator : Validator<ListTrashDTablesRequest>
{
    public ListTrashDTablesValidator() =>
        RuleFor(r => r).Must(r => r.TryGetPaging(25, out _)).WithMessage("per_page or page invalid");
}

public sealed class ListOrganizationDTablesValidator : Validator<ListOrganizationDTablesRequest>
{
    public ListOrganizationDTablesValidator()
    {
        RuleFor(r => r).Must(r => r.TryGetPaging(25, out _)).WithMessage("per_page or page invalid");
        RuleFor(r => r.OrgId).Must(text => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id != 0)
            .WithMessage("org_id invalid.");
    }
}

public sealed record RestoreTrashDTableRequest
{
    /// <summary>Text: a bad id answers "dtable_id invalid" (no period), not the binder's text.</summary>
    [System.ComponentModel.Description("The trashed base's id.")]
    public string? DtableId { get; init; }

    public long Id => long.Parse(DtableId!, NumberStyles.None, CultureInfo.InvariantCulture);
}

public sealed class RestoreTrashDTableValidator : Validator<RestoreTrashDTableRequest>
{
    public RestoreTrashDTableValidator() =>
        RuleFor(r => r.DtableId).Must(text => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .WithMessage("dtable_id invalid");
}

public sealed record AdminPageInfo(bool HasNextPage, int CurrentPage);

/// <summary>GET /admin/dtables/: SeaTable's page_info, then beyond SeaTable the cursor of the next page.</summary>
public sealed record AllDTablesResponse(AdminPageInfo PageInfo, IReadOnlyList<AdminTableResponse> Dtables, string? NextCursor);

public sealed record DTableListResponse(
    [property: JsonPropertyName("dtable_list")] IReadOnlyList<AdminTableResponse> DTableList, long Count, string? NextCursor);

public sealed record TrashDTableListResponse(
    long Count, [property: JsonPropertyName("trash_dtable_list")] IReadOnlyList<AdminTableResponse> TrashDTableList, string? NextCursor);

public sealed record SuccessResponse(bool Success);

/// <summary>
/// The base object of the admin listings: the table object of dtable-web (deleted and delete_time in the
/// trash), then org_id, org_name (when the organization is known), owner, email, group_id, owner_deleted,
/// rows_count and, in the trash, days_left.
/// </summary>
public sealed record AdminTableResponse(
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
    bool InStorage,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Deleted,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DeleteTime,
    long OrgId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OrgName,
    string Owner,
    string Email,
    int GroupId,
    bool OwnerDeleted,
    long RowsCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DaysLeft);
