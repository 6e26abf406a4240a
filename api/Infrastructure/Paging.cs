using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace SeaTable.Api.Infrastructure;

/// <summary>SeaTable's page / per_page query parameters, with per_page capped so no call loads everything.</summary>
public sealed record Paging(int Page, int PerPage)
{
    public const int MaxPerPage = 1000;

    public int Offset => (int)Math.Min(int.MaxValue, ((long)Page - 1) * PerPage);

    /// <summary>SeaTable's lenient listings: values that are not positive integers fall back to the defaults.</summary>
    public static Paging ParseOrDefault(IQueryCollection query, int defaultPerPage) =>
        TryParse(query, defaultPerPage, out var paging) ? paging : new Paging(1, defaultPerPage);

    public static bool TryParse(IQueryCollection query, int defaultPerPage, out Paging paging)
    {
        paging = new Paging(1, defaultPerPage);
        if (!TryRead(query, "page", 1, out var page) || !TryRead(query, "per_page", defaultPerPage, out var perPage))
        {
            return false;
        }

        paging = new Paging(page, Math.Min(perPage, MaxPerPage));
        return true;
    }

    private static bool TryRead(IQueryCollection query, string name, int fallback, out int value)
    {
        value = fallback;
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
    }
}
