using System.Text.Json;
using SeaTable.Grains.Content.Sql.Values;
using static SeaTable.Grains.Content.Sql.Functions.FunctionArguments;

namespace SeaTable.Grains.Content.Sql.Functions;

/// <summary>
/// SeaTable's statistical functions over their arguments within one row (developer.seatable.com/sql/functions,
/// "Statistical functions"); not the SQL aggregates COUNT, SUM, MIN, MAX, AVG, which are the engine's.
/// </summary>
internal static class StatisticalFunctions
{
    public static IEnumerable<SqlFunction> All() =>
    [
        new("average", 1, -1, Average),
        new("counta", 1, -1, (a, _) => SqlValue.FromNumber(Count(a, empty: false))),
        new("countall", 1, -1, (a, _) => SqlValue.FromNumber(a.Length)),
        new("countblank", 1, -1, (a, _) => SqlValue.FromNumber(Count(a, empty: true))),
        new("countItems", 1, 1, (a, _) => SqlValue.FromNumber(a[0].Kind == SqlKind.List ? a[0].Items.Count : a[0].IsEmpty ? 0 : 1)),
        new("country", 1, 1, Country),
    ];

    /// <summary>
    /// country(geolocation): the country or region of a geolocation cell. The cell arrives as its text: the
    /// country_region itself, or the cell's JSON ({"country_region": "Germany"}; a lat/lng point has none and
    /// gives empty). (A geo function; it lives here for want of a group of one.)
    /// </summary>
    private static SqlValue Country(ReadOnlySpan<SqlValue> arguments, SqlFunctionContext context)
    {
        if (Text(arguments, 0).Trim() is not { Length: > 0 } text)
        {
            return SqlValue.Null;
        }

        if (!text.StartsWith('{'))
        {
            return SqlValue.FromText(text);
        }

        try
        {
            using var cell = JsonDocument.Parse(text);
            return cell.RootElement.ValueKind == JsonValueKind.Object
                && cell.RootElement.TryGetProperty("country_region", out var country)
                && country.ValueKind == JsonValueKind.String
                ? SqlValue.FromText(country.GetString())
                : SqlValue.Null;
        }
        catch (JsonException)
        {
            return SqlValue.FromText(text);
        }
    }

    private static int Count(ReadOnlySpan<SqlValue> arguments, bool empty)
    {
        var count = 0;
        foreach (var argument in arguments)
        {
            count += argument.IsEmpty == empty ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// average(number1, ...): the mean of the arguments that are not empty (a list's items each count), as
    /// counta counts them: empty cells are left out rather than read as 0; empty when all are; a text that is
    /// not a number is refused.
    /// </summary>
    private static SqlValue Average(ReadOnlySpan<SqlValue> arguments, SqlFunctionContext context)
    {
        var (sum, count) = (0.0, 0);
        for (var i = 0; i < arguments.Length; i++)
        {
            var items = arguments[i].Kind == SqlKind.List ? arguments[i].Items.ToArray() : [arguments[i]];
            for (var j = 0; j < items.Length; j++)
            {
                if (OptionalNumber("average", items.AsSpan(j, 1), 0) is { } n)
                {
                    sum += n;
                    count++;
                }
                else if (!items[j].IsEmpty)
                {
                    throw NotA("average", i, "a number");
                }
            }
        }

        return count == 0 ? SqlValue.Null : SqlValue.FromNumber(sum / count);
    }
}
