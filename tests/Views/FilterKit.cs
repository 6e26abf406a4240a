using System.Globalization;
using System.Text.Json.Nodes;
using SeaTable.Tests.Rows;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Rows.RowCalls;

namespace SeaTable.Tests.Views;

/// <summary>
/// A table "Things" with a column of each filterable type and four rows (dates relative to today, UTC):
/// alpha (1, done, today, open, red+blue, the app), Beta (5, today-3, closed, red), gamma (10, today+10,
/// blue+green, someone), delta (nothing but its title).
/// </summary>
public static class FilterKit
{
    public const string Table = "Things";

    public static string Day(int offset) => DateTime.UtcNow.Date.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task AddThingsAsync(HttpClient client, RowBase b)
    {
        JsonObject Column(string name, string type) => new() { ["column_name"] = name, ["column_type"] = type };
        await client.SendJsonAsync(HttpMethod.Post, b.V1("tables/"), new JsonObject
        {
            ["table_name"] = Table,
            ["columns"] = new JsonArray(Column("Title", "text"), Column("Count", "number"), Column("Done", "checkbox"), Column("Due", "date"),
                Column("Status", "single-select"), Column("Tags", "multiple-select"), Column("People", "collaborator"),
                Column("Made by", "creator"), Column("Created", "ctime"), Column("Web", "url"), Column("Stars", "rate")),
        });
        await client.SendJsonAsync(HttpMethod.Post, b.V1("batch-append-rows/"), new JsonObject
        {
            ["table_name"] = Table,
            ["rows"] = new JsonArray(
                new JsonObject
                {
                    ["Title"] = "alpha", ["Count"] = 1, ["Done"] = true, ["Due"] = Day(0), ["Status"] = "open", ["Tags"] = new JsonArray("red", "blue"),
                    ["People"] = new JsonArray(b.AppName), ["Web"] = "https://alpha.example", ["Stars"] = 3,
                },
                new JsonObject { ["Title"] = "Beta", ["Count"] = 5, ["Done"] = false, ["Due"] = Day(-3) + " 23:59", ["Status"] = "closed", ["Tags"] = new JsonArray("red") },
                new JsonObject { ["Title"] = "gamma", ["Count"] = 10, ["Due"] = Day(10), ["Tags"] = new JsonArray("blue", "green"), ["People"] = new JsonArray("someone@example.com") },
                new JsonObject { ["Title"] = "delta" }),
        });
    }
}
