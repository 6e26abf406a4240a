using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Rows;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Rows.RowCalls;
using static SeaTable.Tests.Views.ViewCalls;

namespace SeaTable.Tests.Views;

[Collection(SharedServerCollection.Name)]
public sealed class FilterTests_Sqlite(SharedServer server, ClassUsers users) : FilterTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class FilterTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : FilterTests(server, users);

/// <summary>
/// GET filtered-rows/ (the Python client's filter_rows, a GET with a JSON body) over every filterable column
/// type and predicate SeaTable offers, and its errors.
/// </summary>
public abstract class FilterTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    /// <summary>One "Things" base per server for all these read-only tests (xunit makes an instance per test).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ServerFixture, Lazy<Task<RowBase>>> Bases = new();

    private async Task<(HttpClient Client, RowBase Base)> ThingsAsync()
    {
        var b = await Bases.GetOrAdd(Server, _ => new Lazy<Task<RowBase>>(async () =>
        {
            var owner = await users.GetAsync(Server, "owner");
            var created = await owner.NewBaseAsync(prefix: "filters");
            using var setup = Server.Factory.BaseClient(created.Jwt);
            await FilterKit.AddThingsAsync(setup, created);
            return created;
        })).Value;
        return (Server.Factory.BaseClient(b.Jwt), b);
    }

    private async Task AssertRows(string[] expected, params JsonObject[] filters)
    {
        var (client, b) = await ThingsAsync();
        using (client)
        {
            Assert.Equal(expected, await client.FilterAsync(b, [.. filters], table: FilterKit.Table));
        }
    }

    [SkippableFact]
    public async Task Text_predicates()
    {
        await AssertRows(["Beta"], Filter("Title", "contains", "ET"));
        await AssertRows(["alpha", "Beta", "delta"], Filter("Title", "does_not_contain", "m"));
        await AssertRows(["alpha"], Filter("Title", "is", "alpha"));
        await AssertRows(["Beta", "gamma", "delta"], Filter("Title", "is_not", "alpha"));
        await AssertRows([], Filter("Title", "is_empty"));
        await AssertRows(["alpha"], Filter("Web", "is_not_empty"));
        await AssertRows(["alpha"], Filter("Web", "contains", "ALPHA"));
        // A filter without its term is incomplete: SeaTable leaves it out.
        await AssertRows(["alpha", "Beta", "gamma", "delta"], Filter("Title", "contains"));
    }

    [SkippableFact]
    public async Task Number_predicates()
    {
        await AssertRows(["Beta"], Filter("Count", "equal", 5));
        await AssertRows(["Beta"], Filter("Count", "equal", "5"));
        await AssertRows(["alpha", "gamma", "delta"], Filter("Count", "not_equal", 5));
        await AssertRows(["alpha"], Filter("Count", "less", 5));
        await AssertRows(["Beta", "gamma"], Filter("Count", "greater", 1));
        await AssertRows(["alpha", "Beta"], Filter("Count", "less_or_equal", 5));
        await AssertRows(["Beta", "gamma"], Filter("Count", "greater_or_equal", 5));
        await AssertRows(["delta"], Filter("Count", "is_empty"));
        await AssertRows(["alpha", "Beta", "gamma"], Filter("Count", "is_not_empty"));
        await AssertRows(["alpha"], Filter("Stars", "greater", 2));
    }

    [SkippableFact]
    public async Task Checkbox_predicate()
    {
        await AssertRows(["alpha"], Filter("Done", "is", true));
        await AssertRows(["Beta", "gamma", "delta"], Filter("Done", "is", false));
        await AssertRows(["alpha"], Filter("Done", "is", "true"));
    }

    [SkippableFact]
    public async Task Date_predicates_with_their_modifiers()
    {
        await AssertRows(["alpha"], Filter("Due", "is", modifier: "today"));
        await AssertRows(["Beta"], Filter("Due", "is", 3, "number_of_days_ago"));
        await AssertRows(["gamma"], Filter("Due", "is", 10, "number_of_days_from_now"));
        await AssertRows(["gamma"], Filter("Due", "is", FilterKit.Day(10), "exact_date"));
        await AssertRows(["gamma"], Filter("Due", "is", FilterKit.Day(10)));
        await AssertRows(["Beta", "gamma", "delta"], Filter("Due", "is_not", modifier: "today"));
        await AssertRows(["Beta"], Filter("Due", "is_before", modifier: "today"));
        await AssertRows(["gamma"], Filter("Due", "is_after", modifier: "today"));
        await AssertRows(["alpha", "Beta"], Filter("Due", "is_on_or_before", modifier: "today"));
        await AssertRows(["alpha", "gamma"], Filter("Due", "is_on_or_after", modifier: "today"));
        await AssertRows(["alpha"], Filter("Due", "is_on_or_after", modifier: "yesterday"), Filter("Due", "is_before", modifier: "tomorrow"));
        await AssertRows(["Beta"], Filter("Due", "is_after", modifier: "one_week_ago"), Filter("Due", "is_before", modifier: "today"));
        await AssertRows(["gamma"], Filter("Due", "is_after", modifier: "one_week_from_now"));
        await AssertRows(["alpha", "Beta"], Filter("Due", "is_after", modifier: "one_month_ago"), Filter("Due", "is_before", modifier: "one_week_from_now"));
        await AssertRows(["gamma"], Filter("Due", "is_before", modifier: "one_month_from_now"), Filter("Due", "is_after", modifier: "today"));
        await AssertRows(["alpha", "Beta"], Filter("Due", "is_within", modifier: "the_past_week"));
        await AssertRows(["alpha", "Beta"], Filter("Due", "is_within", modifier: "the_past_month"));
        await AssertRows(["alpha", "Beta"], Filter("Due", "is_within", modifier: "the_past_year"));
        await AssertRows(["alpha"], Filter("Due", "is_within", modifier: "the_next_week"));
        await AssertRows(["alpha", "gamma"], Filter("Due", "is_within", modifier: "the_next_month"));
        await AssertRows(["alpha", "gamma"], Filter("Due", "is_within", modifier: "the_next_year"));
        await AssertRows(["alpha", "gamma"], Filter("Due", "is_within", 10, "the_next_numbers_of_days"));
        await AssertRows(["alpha"], Filter("Due", "is_within", 9, "the_next_numbers_of_days"));
        await AssertRows(["alpha", "Beta"], Filter("Due", "is_within", 3, "the_past_numbers_of_days"));
        await AssertRows(["alpha"], Filter("Due", "is_within", modifier: "this_week"), Filter("Due", "is", modifier: "today"));
        await AssertRows(["delta"], Filter("Due", "is_empty"));
        await AssertRows(["alpha", "Beta", "gamma"], Filter("Due", "is_not_empty"));
        // The row times are dates too: every row was created today.
        await AssertRows(["alpha", "Beta", "gamma", "delta"], Filter("Created", "is", modifier: "today"));
        await AssertRows([], Filter("Created", "is_before", modifier: "today"));
        await AssertRows(["alpha", "Beta", "gamma", "delta"], Filter("Created", "is_within", modifier: "this_month"));
    }

    [SkippableFact]
    public async Task Select_predicates_by_option_name_or_id()
    {
        await AssertRows(["alpha"], Filter("Status", "is", "open"));
        await AssertRows(["Beta", "gamma", "delta"], Filter("Status", "is_not", "open"));
        await AssertRows(["alpha", "Beta"], Filter("Status", "is_any_of", new JsonArray("open", "closed")));
        await AssertRows(["Beta", "gamma", "delta"], Filter("Status", "is_none_of", new JsonArray("open")));
        await AssertRows(["gamma", "delta"], Filter("Status", "is_empty"));
        await AssertRows(["gamma"], Filter("Tags", "has_any_of", new JsonArray("green")));
        await AssertRows(["alpha"], Filter("Tags", "has_all_of", new JsonArray("red", "blue")));
        await AssertRows(["gamma", "delta"], Filter("Tags", "has_none_of", new JsonArray("red")));
        await AssertRows(["Beta"], Filter("Tags", "is_exactly", new JsonArray("red")));
        await AssertRows(["delta"], Filter("Tags", "is_empty"));
        await AssertRows([], Filter("Tags", "has_any_of", new JsonArray("no such option")));

        var (client, b) = await ThingsAsync();
        using (client)
        {
            var columns = (await client.GetJsonAsync(b.V1($"columns/?table_name={FilterKit.Table}"))).Objects("columns");
            var red = columns.Single(c => c.Str("name") == "Tags")["data"]!["options"]!.AsArray().Single(o => o!.Str("name") == "red")!.Str("id");
            Assert.Equal(["alpha", "Beta"], await client.FilterAsync(b, [Filter("Tags", "has_any_of", new JsonArray(red))], table: FilterKit.Table));
        }
    }

    [SkippableFact]
    public async Task Collaborator_and_creator_predicates_know_the_caller()
    {
        var (_, b) = await ThingsAsync();
        await AssertRows(["gamma"], Filter("People", "has_any_of", new JsonArray("someone@example.com")));
        await AssertRows(["alpha"], Filter("People", "has_all_of", new JsonArray(b.AppName)));
        await AssertRows(["alpha", "Beta", "delta"], Filter("People", "has_none_of", new JsonArray("someone@example.com")));
        await AssertRows(["alpha"], Filter("People", "is_exactly", new JsonArray(b.AppName)));
        await AssertRows(["Beta", "delta"], Filter("People", "is_empty"));
        await AssertRows(["alpha"], Filter("People", "include_me"));
        await AssertRows(["alpha", "Beta", "gamma", "delta"], Filter("Made by", "include_me"));
        await AssertRows(["alpha", "Beta", "gamma", "delta"], Filter("Made by", "contains", new JsonArray(b.AppName)));
        await AssertRows([], Filter("Made by", "is_not", b.AppName));
        await AssertRows([], Filter("Made by", "is_empty"));
    }

    [SkippableFact]
    public async Task Link_predicates_over_linked_rows_and_their_display_values()
    {
        var owner = await users.GetAsync(Server, "owner");
        var b = await owner.NewBaseAsync(prefix: "links");
        using var client = Server.Factory.BaseClient(b.Jwt);
        var bob = await client.AppendRowAsync(b, new JsonObject { ["Name"] = "Bob" });
        await client.SendJsonAsync(HttpMethod.Post, b.V1("tables/"), new JsonObject
        {
            ["table_name"] = "Pets",
            ["columns"] = new JsonArray(
                new JsonObject { ["column_name"] = "Title", ["column_type"] = "text" },
                new JsonObject { ["column_name"] = "Friends", ["column_type"] = "link", ["column_data"] = new JsonObject { ["other_table"] = "Table1" } }),
        });
        var rex = await client.AppendRowAsync(b, new JsonObject { ["Title"] = "rex" }, "Pets");
        await client.AppendRowAsync(b, new JsonObject { ["Title"] = "tom" }, "Pets");
        var columns = (await client.GetJsonAsync(b.V1("columns/?table_name=Pets"))).Objects("columns");
        var linkId = columns.Single(c => c.Str("name") == "Friends")["data"].Str("link_id");
        await client.SendJsonAsync(HttpMethod.Post, b.V1("links/"), new JsonObject
        {
            ["table_name"] = "Pets", ["other_table_name"] = "Table1", ["link_id"] = linkId,
            ["table_row_id"] = rex.Str("_id"), ["other_table_row_id"] = bob.Str("_id"),
        });

        async Task Expect(string[] titles, JsonObject filter) =>
            Assert.Equal(titles, await client.FilterAsync(b, [filter], table: "Pets"));
        await Expect(["rex"], Filter("Friends", "is_not_empty"));
        await Expect(["tom"], Filter("Friends", "is_empty"));
        await Expect(["rex"], Filter("Friends", "has_any_of", new JsonArray(bob.Str("_id"))));
        await Expect(["rex"], Filter("Friends", "is_exactly", new JsonArray(bob.Str("_id"))));
        await Expect(["tom"], Filter("Friends", "has_none_of", new JsonArray(bob.Str("_id"))));
        await Expect(["rex"], Filter("Friends", "contains", "bo"));
        await Expect(["tom"], Filter("Friends", "does_not_contain", "bo"));
    }

    [SkippableFact]
    public async Task Conjunctions_join_the_filters_and_the_gateway_answers_the_same()
    {
        await AssertRows([], Filter("Count", "equal", 1), Filter("Count", "equal", 10));
        var (client, b) = await ThingsAsync();
        using (client)
        {
            Assert.Equal(["alpha", "gamma"], await client.FilterAsync(b, [Filter("Count", "equal", 1), Filter("Count", "equal", 10)], "Or", FilterKit.Table));
            var body = new JsonObject { ["filters"] = new JsonArray(Filter("Title", "is", "alpha")), ["filter_conjunction"] = "And" };
            var (status, text) = await client.FilterRawAsync(b, body, FilterKit.Table, gateway: true);
            Assert.Equal(HttpStatusCode.OK, status);
            var row = Assert.Single(JsonNode.Parse(text).Objects("rows"));
            Assert.Equal("alpha", row.Str("Title"));
            Assert.Equal("open", row.Str("Status"));
            Assert.Equal(22, row.Str("_id").Length);
        }
    }

    [SkippableTheory]
    [InlineData("""{"filters": [{"column_name": "Ghost", "filter_predicate": "contains", "filter_term": "a"}]}""", "the column to filter does not exist")]
    [InlineData("""{"filters": [{"column_name": "Title", "filter_predicate": "bogus", "filter_term": "a"}]}""", "unmatched filter predicate")]
    [InlineData("""{"filters": [{"column_name": "Title", "filter_predicate": "has_any_of", "filter_term": ["a"]}]}""", "unmatched filter predicate")]
    [InlineData("""{"filters": [{"column_name": "Title", "filter_predicate": "contains", "filter_term": {"a": 1}}]}""", "invalid filter term")]
    [InlineData("""{"filters": [{"column_name": "Count", "filter_predicate": "equal", "filter_term": "five"}]}""", "invalid filter term")]
    [InlineData("""{"filters": [{"column_name": "Status", "filter_predicate": "is", "filter_term": ["open"]}]}""", "invalid filter term")]
    [InlineData("""{"filters": [{"column_name": "Count", "filter_predicate": "equal", "filter_term": 1e400}]}""", "invalid filter term")]
    [InlineData("""{"filters": [{"column_name": "Due", "filter_predicate": "is", "filter_term": 1e9, "filter_term_modifier": "number_of_days_ago"}]}""", "invalid filter term")]
    [InlineData("""{"filters": [{"column_name": "Due", "filter_predicate": "is", "filter_term": "2024-01-01", "filter_term_modifier": 7}]}""", "unmatched filter modifier")]
    [InlineData("""{"filters": [{"column_name": "Done", "filter_predicate": "is", "filter_term": "maybe"}]}""", "invalid filter term")]
    [InlineData("""{"filters": [{"column_name": "Due", "filter_predicate": "is", "filter_term_modifier": "someday"}]}""", "unmatched filter modifier")]
    [InlineData("""{"filters": [{"column_name": "Due", "filter_predicate": "is_within", "filter_term_modifier": "today"}]}""", "unmatched filter modifier")]
    [InlineData("""{"filters": [{"column_name": "Due", "filter_predicate": "is", "filter_term": "not a date", "filter_term_modifier": "exact_date"}]}""", "invalid filter term")]
    [InlineData("""{"filters": [{"column_name": "Due", "filter_predicate": "is", "filter_term": "x", "filter_term_modifier": "number_of_days_ago"}]}""", "invalid filter term")]
    [InlineData("""{"filters": [{"filter_predicate": "contains", "filter_term": "a"}]}""", "the column to filter does not exist")]
    [InlineData("""{"filters": [{"column_name": "Title", "filter_term": "a"}]}""", "invalid filter")]
    [InlineData("""{"filters": ["Title"]}""", "invalid filter")]
    [InlineData("""{"filters": [], "filter_conjunction": "And"}""", "filters invalid.")]
    [InlineData("""{"filter_conjunction": "And"}""", "filters invalid.")]
    [InlineData("""{"filters": {"column_name": "Title"}}""", "filters invalid.")]
    [InlineData("""{"filters": [{"column_name": "Title", "filter_predicate": "is_empty"}], "filter_conjunction": "Xor"}""", "filter_conjunction invalid.")]
    [InlineData("""{"filters": [{"column_name": "Title", "filter_predicate": "is_empty"}], "filter_conjunction": 1}""", "filter_conjunction invalid.")]
    public async Task Bad_filters_answer_400_with_seatables_text(string body, string message)
    {
        var (client, b) = await ThingsAsync();
        using (client)
        {
            var (status, text) = await client.SendRawAsync(HttpMethod.Get, b.V1($"filtered-rows/?table_name={FilterKit.Table}"), Bodies.RawJson(body));
            Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status}: {text}");
            AssertError(JsonNode.Parse(text)!, message);
        }
    }

    [SkippableFact]
    public async Task A_missing_table_or_view_is_404_and_a_missing_body_is_400()
    {
        var (client, b) = await ThingsAsync();
        using (client)
        {
            var body = new JsonObject { ["filters"] = new JsonArray(Filter("Title", "is_empty")) };
            var (status, text) = await client.FilterRawAsync(b, body, "Nope");
            Assert.Equal(HttpStatusCode.NotFound, status);
            AssertError(JsonNode.Parse(text)!, "table not found");
            (status, text) = await client.FilterRawAsync(b, body, FilterKit.Table, view: "Nope");
            Assert.Equal(HttpStatusCode.NotFound, status);
            AssertError(JsonNode.Parse(text)!, "view not found");
            (status, text) = await client.SendRawAsync(HttpMethod.Get, b.V1($"filtered-rows/?table_name={FilterKit.Table}"));
            Assert.Equal(HttpStatusCode.BadRequest, status);
            AssertError(JsonNode.Parse(text)!, "filters invalid.");
        }
    }
}
