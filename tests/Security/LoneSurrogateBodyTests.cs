using System.Net;
using System.Text;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Columns;
using SeaTable.Tests.Rows;

namespace SeaTable.Tests.Security;

[Collection(SharedServerCollection.Name)]
public sealed class LoneSurrogateBodyTests_Sqlite(SharedServer server, ClassUsers users) : LoneSurrogateBodyTests(server, users);

/// <summary>
/// A JSON body may escape half of a surrogate pair; it parses, but the string cannot be read. Whatever the call,
/// in a field's value or in a name, it is a 400 with Django's parse-error body, and nothing is written.
/// </summary>
public abstract class LoneSurrogateBodyTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    [SkippableFact]
    public async Task A_lone_surrogate_anywhere_in_a_json_body_is_a_400_and_writes_nothing()
    {
        var owner = await users.GetAsync(Server, "owner");
        var b = await owner.NewBaseAsync(prefix: "surrogate");
        using var rows = Server.Factory.BaseClient(b.Jwt);
        using var account = owner.Client();
        var columnsBefore = (await rows.ColumnsAsync(b)).Count;
        var rowsBefore = (await rows.ListRowsAsync(b)).Count;

        (HttpClient Client, HttpMethod Method, string Url, string Body)[] calls =
        [
            (rows, HttpMethod.Post, b.V1("columns/"), """{"table_name":"Table1","column_name":"\ud800","column_type":"text"}"""),
            (rows, HttpMethod.Post, b.V1("rows/"), """{"table_name":"Table1","row":{"Name":"a\udc00b"}}"""),
            (rows, HttpMethod.Post, b.V2("rows/", gateway: true), """{"table_name":"Table1","rows":[{"\ud800":"x"}]}"""),
            (rows, HttpMethod.Post, b.V1("views/?table_name=Table1"), """{"name":"\ud800"}"""),
            (account, HttpMethod.Post, $"/api/v2.1/dtables/{b.Uuid}/comments/", """{"row_id":"x","comment":"\ud800"}"""),
            (account, HttpMethod.Post, "/api/v2.1/dtables/", """{"name":"\udfff"}"""),
        ];
        foreach (var (client, method, url, body) in calls)
        {
            using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await client.SendAsync(request);
            var answer = await response.ReadJsonAsync(HttpStatusCode.BadRequest);
            Assert.StartsWith("JSON parse error", answer["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal(columnsBefore, (await rows.ColumnsAsync(b)).Count);
        Assert.Equal(rowsBefore, (await rows.ListRowsAsync(b)).Count);
        Assert.Equal(["Default View"], (await rows.GetJsonAsync(b.V1("views/?table_name=Table1")))["views"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()));
    }
}
