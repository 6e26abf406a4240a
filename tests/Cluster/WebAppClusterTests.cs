using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Assets;
using SeaTable.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SeaTable.Tests.Cluster;

/// <summary>
/// The web app in a cluster of real silo processes behind a load balancer without sticky sessions: a page, the
/// web-session cookie set by one silo opening an image on another, and a token's hourly counts reported by two
/// silos added up in one record that outlives the silos that counted them (one killed with -9, one stopped).
/// </summary>
public sealed class WebAppClusterTests(ITestOutputHelper output)
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [SkippableFact]
    public async Task Pages_cookies_and_hourly_counts_need_no_sticky_sessions_and_the_counts_outlive_the_silos()
    {
        await TestPostgres.RequireAsync();
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var cluster = new ProcessCluster(database, new Dictionary<string, string>
        {
            ["SeaTable__RateLimits__UsageFlushInterval"] = "00:00:01",
            ["SeaTable__ApiTokens__LastAccessFlushInterval"] = "00:00:01",
        });
        try
        {
            await cluster.StartAsync(2);
            var (silo0, silo1) = (cluster.Silos[0], cluster.Silos[1]);

            // The app's pages and files from either silo.
            using (var anonymous = ClusterHttp.Client(silo1))
            {
                using var page = await anonymous.GetAsync("/workspace/1/dtable/Anything/tokens/");
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Contains("/web/app.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                using var script = await ClusterHttp.Client(silo0).GetAsync("/web/pages/tokens.js");
                Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            }

            var login = await ClusterHttp.LoginAsync(silo0, ProcessCluster.AdminEmail, ProcessCluster.AdminPassword);
            using var owner0 = ClusterHttp.Client(silo0, login);
            using var owner1 = ClusterHttp.Client(silo1, login);
            var table = (await (await owner1.PostAsync("/api/v2.1/dtables/", new FormUrlEncodedContent([KeyValuePair.Create("name", "Pictures")])))
                .ReadJsonAsync(HttpStatusCode.Created))["table"]!;
            var workspaceId = table["workspace_id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture);
            var uuid = table["uuid"]!.GetValue<string>();
            var apiToken = (await (await owner0.PostAsync($"/api/v2.1/workspace/{workspaceId}/dtable/Pictures/api-tokens/",
                    new FormUrlEncodedContent([KeyValuePair.Create("app_name", "web-cluster"), KeyValuePair.Create("permission", "rw")])))
                .ReadJsonAsync(HttpStatusCode.Created))["api_token"]!.GetValue<string>();

            // An image uploaded through silo0 with a link silo1 handed out.
            using var app1 = ClusterHttp.Client(silo1, apiToken);
            var link = await (await app1.GetAsync("/api/v2.1/dtable/app-upload-link/")).ReadJsonAsync(HttpStatusCode.OK);
            var month = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            await UploadImageAsync(silo0, link, "pic.png");

            // The web app's account upload link (login token) from silo0, the upload through silo1.
            var accountLink = await (await owner0.GetAsync("/api/v2.1/workspace/" + workspaceId + "/dtable-asset-upload-link/?name=Pictures")).ReadJsonAsync(HttpStatusCode.OK);
            await UploadImageAsync(silo1, accountLink, "second.png");

            using (var reread = await owner0.GetAsync($"/workspace/{workspaceId}/asset/{uuid}/images/{month}/second.png"))
            {
                Assert.Equal(HttpStatusCode.OK, reread.StatusCode);
                Assert.Equal(Png, await reread.Content.ReadAsByteArrayAsync());
            }

            // The cookie silo0 sets opens the image on silo1, as an <img> sends it (no Authorization header).
            using var session = await owner0.PostAsync("/api/v2.1/web-session/", null);
            Assert.Equal(HttpStatusCode.OK, session.StatusCode);
            var cookie = Assert.Single(session.Headers.GetValues("Set-Cookie")).Split(';')[0];
            var assetPath = $"/workspace/{workspaceId}/asset/{uuid}/images/{month}/pic.png";
            using (var browser = ClusterHttp.Client(silo1))
            {
                using var withCookie = new HttpRequestMessage(HttpMethod.Get, assetPath);
                withCookie.Headers.Add("Cookie", cookie);
                using var image = await browser.SendAsync(withCookie);
                Assert.Equal(HttpStatusCode.OK, image.StatusCode);
                Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync());
                using var without = await browser.GetAsync(assetPath);
                Assert.NotEqual(HttpStatusCode.OK, without.StatusCode);
            }

            // Exchanges on both silos: one token's hourly counts, from both reports, in one record.
            using var app0 = ClusterHttp.Client(silo0, apiToken);
            for (var i = 0; i < 5; i++)
            {
                (await app0.GetAsync("/api/v2.1/dtable/app-access-token/")).EnsureSuccessStatusCode();
                (await app1.GetAsync("/api/v2.1/dtable/app-access-token/")).EnsureSuccessStatusCode();
            }

            // The upload link counted as one request too.
            const long expected = 11;
            var listPath = $"/api/v2.1/workspace/{workspaceId}/dtable/Pictures/api-tokens/";
            Assert.Equal(expected, await WaitForHourlyTotalAsync(owner1, listPath, expected));

            // Written by now (flushes every second). silo0 dies with kill -9, a new silo joins and silo1 leaves: the
            // token grain is activated afresh from storage, wherever it lived, and still has every count.
            await Task.Delay(TimeSpan.FromSeconds(3));
            silo0.KillHard();
            var joined = await cluster.StartOneMoreAsync();
            await silo1.StopAsync();
            using var after = ClusterHttp.Client(joined, await ClusterHttp.LoginAsync(joined, ProcessCluster.AdminEmail, ProcessCluster.AdminPassword));
            var (total, usage) = await HourlyAsync(after, listPath);
            output.WriteLine($"after kill -9 of silo0 and the stop of silo1: {usage.ToJsonString()}");
            Assert.Equal(expected, total);
            Assert.Equal(10, usage["requests"]!["access_token"]!.GetValue<long>());
            Assert.Equal(10, usage["jwts_issued"]!.GetValue<long>());
        }
        catch
        {
            output.WriteLine(cluster.LogsTail(60));
            throw;
        }
    }

    /// <summary>Uploads <see cref="Png"/> as <paramref name="name"/> into the link's image folder, through <paramref name="silo"/>.</summary>
    private static async Task UploadImageAsync(SiloProcess silo, JsonNode link, string name)
    {
        var body = new MultipartBody().File(name, Png).Field("parent_dir", link["parent_path"]!.GetValue<string>())
            .Field("relative_path", link["img_relative_path"]!.GetValue<string>());
        using var anonymous = ClusterHttp.Client(silo);
        using var uploaded = await anonymous.PostAsync(new Uri(link["upload_link"]!.GetValue<string>()).PathAndQuery + "?ret-json=1", body.Build());
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
    }

    private static async Task<long> WaitForHourlyTotalAsync(HttpClient owner, string listPath, long expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var (total, _) = await HourlyAsync(owner, listPath);
            if (total >= expected || DateTime.UtcNow > deadline)
            {
                return total;
            }

            await Task.Delay(250);
        }
    }

    private static async Task<(long Total, JsonNode Usage)> HourlyAsync(HttpClient owner, string listPath)
    {
        var list = await (await owner.GetAsync(listPath)).ReadJsonAsync(HttpStatusCode.OK);
        var usage = list["api_tokens"]![0]!["usage"]!;
        var hourly = usage["hourly"]!.AsObject();
        return (hourly.Sum(pair => pair.Value!.GetValue<long>()), usage);
    }
}
