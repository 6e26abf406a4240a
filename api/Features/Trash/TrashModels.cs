using System.Globalization;
using System.Text.Json.Serialization;
using FluentValidation;
using SeaTable.Api.Features.DTables;

namespace SeaTable.Api.Features.Trash;

/// <summary>GET /api/v2.1/trash-dtables/?page&amp;per_page (read by <see cref="Paging"/>, which answers its own text).</summary>
public sealed record ListTrashRequest
{
    [System.ComponentModel.Description("The page, from 1 (default 1).")]
    public string? Page { get; init; }

    [System.ComponentModel.Description("Bases per page (default 25, at most 1000).")]
    public string? PerPage { get; init; }
}

/// <summary>The caller's trashed bases of one page, and how many there are in all.</summary>
public sealed record TrashListResponse(
    int Count,
    [property: JsonPropertyName("trash_dtable_list")] IReadOnlyList<TableResponse> TrashDTableList);

/// <summary>PUT /api/v2.1/trash-dtables/{dtable_id}/.</summary>
public sealed record RestoreTrashRequest
{
    /// <summary>A string: a bad id answers "dtable_id invalid" (without the binder's period).</summary>
    [FastEndpoints.BindFrom("dtable_id")]
    [System.ComponentModel.Description("The trashed base's id.")]
    public string? DTableId { get; init; }

    public long? ParsedId => long.TryParse(DTableId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}

public sealed class RestoreTrashValidator : FastEndpoints.Validator<RestoreTrashRequest>
{
    public RestoreTrashValidator()
    {
        RuleFor(r => r.ParsedId).NotNull().WithMessage("dtable_id invalid");
    }
}
