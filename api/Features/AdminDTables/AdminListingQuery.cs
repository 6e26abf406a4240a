using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using SeaTable.Grains.Accounts;
using SeaTable.Grains.Catalog;

namespace SeaTable.Api.Features.AdminDTables;

/// <summary>
/// Beyond SeaTable, on every admin listing: keyset paging (<c>cursor</c> in, <c>next_cursor</c> out) and the
/// filters <c>owner</c> (user id or contact email), <c>org_id</c>, <c>name</c> (substring, any case) and the
/// ISO date ranges <c>created_after</c>/<c>created_before</c>, <c>deleted_after</c>/<c>deleted_before</c>.
/// </summary>
public sealed record AdminListingQuery(DTableFilter Filter, DTableCursor? Cursor)
{
    /// <summary>The query's filter applied on top of <paramref name="fixedFilter"/>, or the 400 message.</summary>
    public static async Task<(AdminListingQuery? Query, string? Error)> ReadAsync(AdminListingRequest query, DTableFilter fixedFilter, IGrainFactory grains)
    {
        var filter = fixedFilter;
        if (query.Owner is { Length: > 0 } owner)
        {
            var user = await grains.GetGrain<IAccountDirectoryGrain>(0).FindUser(owner);
            // An unknown owner owns nothing: the listing is empty, as SeaTable's per-user listing is.
            filter = filter with { OwnerId = user?.Id ?? "" };
        }

        if (query.OrgId is { Length: > 0 } orgText)
        {
            if (!long.TryParse(orgText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var orgId))
            {
                return (null, "org_id invalid.");
            }

            filter = filter with { OrgId = orgId };
        }

        if (query.Name is { Length: > 0 } name)
        {
            filter = filter with { NameContains = name };
        }

        foreach (var (parameter, text, apply) in new (string, string?, Func<DTableFilter, DateTimeOffset, DTableFilter>)[]
        {
            ("created_after", query.CreatedAfter, (f, t) => f with { CreatedFrom = t }),
            ("created_before", query.CreatedBefore, (f, t) => f with { CreatedBefore = t }),
            ("deleted_after", query.DeletedAfter, (f, t) => f with { DeletedFrom = t }),
            ("deleted_before", query.DeletedBefore, (f, t) => f with { DeletedBefore = t }),
        })
        {
            if (text is { Length: > 0 })
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                {
                    return (null, $"{parameter} invalid.");
                }

                filter = apply(filter, time);
            }
        }

        DTableCursor? cursor = null;
        if (query.Cursor is { Length: > 0 } cursorText)
        {
            cursor = Decode(cursorText);
            if (cursor is null || (fixedFilter.Deleted && cursor.DeleteTime is null))
            {
                return (null, "cursor invalid.");
            }
        }

        return (new AdminListingQuery(filter, cursor), null);
    }

    /// <summary>The opaque cursor text: base64url of "id" or "id:deleteTime".</summary>
    public static string? Encode(DTableCursor? cursor) => cursor is null
        ? null
        : WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(cursor.DeleteTime is { } time
            ? string.Create(CultureInfo.InvariantCulture, $"{cursor.Id}:{time}")
            : cursor.Id.ToString(CultureInfo.InvariantCulture)));

    private static DTableCursor? Decode(string text)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(text)).Split(':');
            return parts.Length switch
            {
                1 when long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) => new DTableCursor(id, null),
                2 when long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                       && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var time) => new DTableCursor(id, time),
                _ => null,
            };
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
