using System.Security.Cryptography;
using Microsoft.Playwright;
using SeaTable.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SeaTable.Tests.Browser;

/// <summary>
/// /docs/ as a person sees it in Chromium: the operations grouped by feature, one operation opened with its path
/// parameters, its body fields, its answers and the credential it takes, and a request sent from the page.
/// </summary>
public sealed class DocsPageBrowserTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task The_docs_page_shows_an_operation_with_parameters_body_responses_and_credentials_and_sends_a_request()
    {
        await using var browser = await BrowserSession.StartAsync();
        var dataDir = TestFolders.NewTempFolder("docs");
        await using var server = SiloProcess.Start("docs", new Dictionary<string, string>
        {
            ["SeaTable__DataDir"] = dataDir,
            ["SeaTable__Admin__Email"] = "docs@example.com",
            ["SeaTable__Admin__Password"] = "Docs-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)),
        });
        try
        {
            await server.WaitUntilReadyAsync();
            var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
            await page.GotoAsync(new Uri(server.BaseAddress, "/docs/").ToString());

            // The reference renders from /openapi/v1.json: the title, and the features as groups.
            await Assertions.Expect(page.GetByText("SeaTable-compatible API").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            foreach (var feature in new[] { "ApiTokens", "Rows", "DTables" })
            {
                await Assertions.Expect(page.GetByText(feature, new() { Exact = true }).First).ToBeVisibleAsync();
            }

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("docs-loaded") });

            // One operation, opened from the sidebar: its route, path parameters, body fields and answers.
            await page.GetByRole(AriaRole.Button, new() { Name = "Open Group - ApiTokens" }).ClickAsync();
            await page.GetByText("Create an API token for an app (base owner)").First.ClickAsync();
            var operation = page.Locator("section", new() { HasText = "Create an API token for an app (base owner)" }).Last;
            await Assertions.Expect(operation).ToBeVisibleAsync();
            foreach (var text in new[] { "workspace_id", "app_name", "permission", "201", "400", "404" })
            {
                await Assertions.Expect(operation.GetByText(text).First).ToBeAttachedAsync();
            }

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("docs-create-api-token"), FullPage = false });
            output.WriteLine("screenshot: " + BrowserSession.ScreenshotPath("docs-create-api-token"));

            // The page can send a request: ping, from the operation's own test client.
            await page.GetByRole(AriaRole.Button, new() { Name = "Open Group - Ping" }).ClickAsync();
            await page.GetByText("Liveness check: the JSON string \"pong\"").First.ClickAsync();
            var ping = page.Locator("section", new() { HasText = "Liveness check: the JSON string \"pong\"" }).Last;
            await ping.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("Test Request", System.Text.RegularExpressions.RegexOptions.IgnoreCase) }).First.ClickAsync();
            var send = page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Send", System.Text.RegularExpressions.RegexOptions.IgnoreCase) }).First;
            await send.ClickAsync();
            await Assertions.Expect(page.GetByText("\"pong\"").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("docs-ping-sent") });
        }
        finally
        {
            await server.DisposeAsync();
            output.WriteLine(server.Output.Tail(20));
            TestFolders.TryDelete(dataDir);
        }
    }
}
