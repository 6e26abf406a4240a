using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SeaTable.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SeaTable.Tests.Browser;

/// <summary>
/// The web app at "/" as a person uses it, in Debian's Chromium: sign in, create a base, build it in the grid,
/// hand an API token to a script (SeaTable's Python client) and watch it connect and leave, export the base,
/// import the file as a new base with progress, delete it, and restore it from the trash as the system admin.
/// Each step asserts what the page shows; each page is saved as a screenshot.
/// </summary>
public sealed class WebAppJourneyTests(ITestOutputHelper output)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 20_000 };

    [SkippableFact]
    public async Task A_user_builds_a_base_hands_a_token_to_a_script_moves_the_base_through_export_and_import_and_the_admin_restores_it()
    {
        var python = await PythonClient.RequireAsync(nameof(WebAppJourneyTests));
        await using var browser = await BrowserSession.StartAsync();
        var dataDir = TestFolders.NewTempFolder("webapp");
        var adminPassword = "Admin-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        await using var server = SiloProcess.Start("webapp", new Dictionary<string, string>
        {
            ["SeaTable__DataDir"] = dataDir,
            ["SeaTable__Admin__Email"] = "admin@example.com",
            ["SeaTable__Admin__Password"] = adminPassword,
        });
        var consoleErrors = new List<string>();
        IPage? current = null;
        try
        {
            await server.WaitUntilReadyAsync();
            var site = server.BaseAddress.ToString().TrimEnd('/');
            const string userEmail = "ada@example.com";
            const string userPassword = "Ada-Passw0rd-1";
            await CreateUserAsync(server.BaseAddress, adminPassword, userEmail, userPassword, "Ada");

            var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
                AcceptDownloads = true,
            });
            context.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    consoleErrors.Add(message.Text);
                }
            };
            var page = await context.NewPageAsync();
            current = page;
            page.PageError += (_, error) => consoleErrors.Add("page error: " + error);

            // Sign in: a page of the app without a session goes to the sign-in form first.
            await page.GotoAsync(site + "/");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync(Slow);
            await page.GetByLabel("Email").FillAsync(userEmail);
            await page.GetByLabel("Password").FillAsync("wrong password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Email or password is wrong.");
            Assert.Equal(["Failed to load resource: the server responded with a status of 400 (Bad Request)"], consoleErrors);
            consoleErrors.Clear();
            await page.GetByLabel("Password").FillAsync(userPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your bases" })).ToBeVisibleAsync(Slow);
            await Assertions.Expect(page.GetByText("Ada", new() { Exact = true })).ToBeVisibleAsync();
            await Shot(page, "webapp-01-home-empty");

            // Create a base from the home page.
            await page.GetByLabel("New base").FillAsync("Projects");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create base" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Projects", Exact = true })).ToBeVisibleAsync(Slow);

            // The grid: a new base has one table with a Name column and three empty rows, as in SeaTable.
            await page.GetByRole(AriaRole.Link, new() { Name = "Projects", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Table1" })).ToBeVisibleAsync(Slow);
            await Assertions.Expect(page.GetByText("3 rows", new() { Exact = true })).ToBeVisibleAsync(Slow);
            await Assertions.Expect(page.Locator(".live")).ToHaveTextAsync("Live", new() { Timeout = 20_000 });

            await AddColumnAsync(page, "Status", "Single select", options: "Open, Done");
            await AddColumnAsync(page, "Count", "Number");
            await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Status" })).ToBeVisibleAsync(Slow);
            await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Count" })).ToBeVisibleAsync(Slow);

            // Type into the first row's cells with the keyboard: Enter edits, Enter saves, arrows move.
            var grid = page.GetByRole(AriaRole.Grid, new() { Name = "Rows" });
            await Cell(grid, 2, 2).ClickAsync();
            await page.Keyboard.PressAsync("Enter");
            await page.Keyboard.TypeAsync("Write the plan");
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(Cell(grid, 2, 2)).ToHaveTextAsync("Write the plan", new() { Timeout = 10_000 });
            await page.Keyboard.PressAsync("ArrowRight");
            await page.Keyboard.PressAsync("Enter");
            await page.Locator(".grid-cell.editing select").SelectOptionAsync("Open");
            await Assertions.Expect(Cell(grid, 2, 3)).ToHaveTextAsync("Open", new() { Timeout = 10_000 });
            await page.Keyboard.PressAsync("ArrowRight");
            await page.Keyboard.PressAsync("Enter");
            await page.Keyboard.TypeAsync("3");
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(Cell(grid, 2, 4)).ToHaveTextAsync("3", new() { Timeout = 10_000 });

            await page.GetByRole(AriaRole.Button, new() { Name = "Add row" }).ClickAsync();
            await Assertions.Expect(page.GetByText("4 rows", new() { Exact = true })).ToBeVisibleAsync(Slow);
            await Shot(page, "webapp-02-grid");

            // What was typed is stored: the row API returns it.
            var stored = await page.EvaluateAsync<string>("""
                async () => {
                  const token = localStorage.getItem('seatable.token');
                  const access = await (await fetch('/api/v2.1/workspace/' + (await (await fetch('/api2/account/info/', { headers: { Authorization: 'Token ' + token } })).json()).workspace_id + '/dtable/Projects/access-token/', { headers: { Authorization: 'Token ' + token } })).json();
                  const rows = await (await fetch('/dtable-server/api/v1/dtables/' + access.dtable_uuid + '/rows/?table_name=Table1', { headers: { Authorization: 'Token ' + access.access_token } })).json();
                  return JSON.stringify(rows.rows[0]);
                }
                """);
            Assert.Contains("\"Name\":\"Write the plan\"", stored);
            Assert.Contains("\"Status\":\"Open\"", stored);
            Assert.Contains("\"Count\":3", stored);

            // An API token, shown once with a copy button.
            await page.GetByRole(AriaRole.Link, new() { Name = "API tokens" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API tokens of Projects" })).ToBeVisibleAsync(Slow);
            await page.GetByLabel("App name").FillAsync("sync-script");
            await page.Locator("#token-permission").SelectOptionAsync("rw");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
            var secret = page.Locator("#new-token");
            await Assertions.Expect(secret).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{40}$"), new() { Timeout = 10_000 });
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy" })).ToBeVisibleAsync();
            var apiToken = (await secret.TextContentAsync())!;
            var card = page.GetByRole(AriaRole.Region, new() { Name = "Token sync-script" });
            await Assertions.Expect(card.GetByText("not connected")).ToBeVisibleAsync(Slow);
            await Shot(page, "webapp-03-token-created");

            // A second tab keeps the grid open, to see the script's row arrive live.
            var gridPage = await context.NewPageAsync();
            await gridPage.GotoAsync(site + $"/workspace/{await WorkspaceIdAsync(page)}/dtable/Projects/");
            await Assertions.Expect(gridPage.Locator(".live")).ToHaveTextAsync("Live", new() { Timeout = 20_000 });
            await Assertions.Expect(gridPage.GetByText("4 rows", new() { Exact = true })).ToBeVisibleAsync(Slow);

            // The script connects with the token: the token page shows it connected, the grid shows its row.
            var release = Path.Combine(dataDir, "release-script");
            var script = python.RunScriptAsync("web_app_script.py", [site, apiToken, "Table1", "Row from the script", release], TimeSpan.FromSeconds(150));
            await Assertions.Expect(card.GetByText("connected", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(card.GetByText(new System.Text.RegularExpressions.Regex("Last access (just now|\\d+ s ago)"))).ToBeVisibleAsync(Slow);
            await Shot(page, "webapp-04-token-connected");
            await Assertions.Expect(gridPage.GetByText("5 rows", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await Assertions.Expect(gridPage.GetByText("Row from the script")).ToBeVisibleAsync(Slow);
            await Shot(gridPage, "webapp-05-grid-live-row");
            await gridPage.CloseAsync();

            // The script leaves: the token shows not connected again, without a reload.
            await File.WriteAllTextAsync(release, "done");
            var finished = await script;
            output.WriteLine(finished.Output);
            Assert.True(finished.ExitCode == 0, finished.Output);
            await Assertions.Expect(card.GetByText("not connected")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(card.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("sync-script: [1-9]\\d* requests in the last 24 hours") }))
                .ToBeVisibleAsync(new() { Timeout = 20_000 });
            await Shot(page, "webapp-06-token-disconnected");

            // Export with progress and a download button.
            await page.GetByRole(AriaRole.Link, new() { Name = "Import & export" }).ClickAsync();
            await page.GetByLabel("Base", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Projects" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Export", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByText("The export is ready.")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Assertions.Expect(page.GetByLabel("Export progress")).ToHaveAttributeAsync("value", "100");
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download Projects.dtable" }).ClickAsync());
            Assert.Equal("Projects.dtable", download.SuggestedFilename);
            var archive = Path.Combine(dataDir, "Projects copy.dtable");
            await download.SaveAsAsync(archive);
            Assert.True(new FileInfo(archive).Length > 100);
            await Shot(page, "webapp-07-export-ready");

            // Import that file as a new base: upload, then the task's phase to the end, then a link to the base.
            await page.GetByLabel("File", new() { Exact = true }).SetInputFilesAsync(archive);
            await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByText("Imported as")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Assertions.Expect(page.GetByLabel("Import progress")).ToHaveAttributeAsync("value", "100");
            await Assertions.Expect(page.GetByRole(AriaRole.Form, new() { Name = "Import a base" }).GetByText(new System.Text.RegularExpressions.Regex("^Finished · 100 % · 5 rows"))).ToBeVisibleAsync();
            await Shot(page, "webapp-08-import-finished");
            await page.GetByRole(AriaRole.Link, new() { Name = "Projects copy" }).ClickAsync();
            await Assertions.Expect(page.GetByText("5 rows", new() { Exact = true })).ToBeVisibleAsync(Slow);
            await Assertions.Expect(page.GetByText("Write the plan")).ToBeVisibleAsync(Slow);
            await Assertions.Expect(page.GetByText("Row from the script")).ToBeVisibleAsync(Slow);

            // Delete it: it leaves the home page for the trash, with the days left before the purge.
            await page.GetByRole(AriaRole.Link, new() { Name = "Bases" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete Projects copy" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Move to trash" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Projects copy", Exact = true })).ToHaveCountAsync(0, new() { Timeout = 10_000 });
            await page.GetByRole(AriaRole.Link, new() { Name = "Trash" }).ClickAsync();
            var trashRow = page.GetByRole(AriaRole.Row, new() { Name = "Projects copy" });
            await Assertions.Expect(trashRow).ToContainTextAsync("30 days", new() { Timeout = 10_000 });
            await Shot(page, "webapp-09-user-trash");

            // The user is no system admin: the console refuses them as the API does.
            await page.GotoAsync(site + "/sys/");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Permission denied" })).ToBeVisibleAsync(Slow);

            // The system admin restores it from the console's trash.
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync(Slow);
            await page.GetByLabel("Email").FillAsync("admin@example.com");
            await page.GetByLabel("Password").FillAsync(adminPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "System admin" })).ToBeVisibleAsync(Slow);
            await page.GetByRole(AriaRole.Link, new() { Name = "System admin" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "Projects" }).First).ToBeVisibleAsync(Slow);
            await Shot(page, "webapp-10-admin-bases");
            await page.GetByRole(AriaRole.Link, new() { Name = "Trash", Exact = true }).Last.ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Restore Projects copy" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Projects copy restored.")).ToBeVisibleAsync(Slow);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Restore Projects copy" })).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Link, new() { Name = "Cluster" }).ClickAsync();
            await Assertions.Expect(page.GetByText("silos")).ToBeVisibleAsync(Slow);
            await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Active" })).ToBeVisibleAsync(Slow);
            await Shot(page, "webapp-11-admin-cluster");

            // Back in the user's hands: the restored base is listed again.
            var restored = await ListBasesAsync(server.BaseAddress, userEmail, userPassword);
            Assert.Contains("Projects copy", restored);
            // No script error and no refused request on the whole way (the wrong password's 400 was checked above).
            Assert.Empty(consoleErrors);
        }
        catch when (current is not null)
        {
            // What the page showed when the step failed: a screenshot and the main element's markup.
            await current.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("webapp-failure") });
            output.WriteLine("page at the failure: " + await current.Locator("main").InnerHTMLAsync());
            throw;
        }
        finally
        {
            output.WriteLine("browser console errors: " + string.Join(Environment.NewLine, consoleErrors));
            await server.DisposeAsync();
            output.WriteLine(server.Output.Tail(30));
            TestFolders.TryDelete(dataDir);
        }
    }

    private static ILocator Cell(ILocator grid, int row, int column) =>
        grid.Locator($"[role=row][aria-rowindex=\"{row}\"] [role=gridcell][aria-colindex=\"{column}\"]");

    private static async Task AddColumnAsync(IPage page, string name, string type, string? options = null)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Add column" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Add a column" });
        await dialog.GetByLabel("Name").FillAsync(name);
        await dialog.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = type });
        if (options is not null)
        {
            await dialog.GetByLabel("Options (comma-separated)").FillAsync(options);
        }

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add column" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0, new() { Timeout = 10_000 });
    }

    private static Task<long> WorkspaceIdAsync(IPage page) => page.EvaluateAsync<long>("""
        async () => (await (await fetch('/api2/account/info/', { headers: { Authorization: 'Token ' + localStorage.getItem('seatable.token') } })).json()).workspace_id
        """);

    private async Task Shot(IPage page, string name)
    {
        var path = BrowserSession.ScreenshotPath(name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        output.WriteLine("screenshot: " + path);
    }

    private static async Task<string> LoginAsync(HttpClient client, string email, string password)
    {
        using var response = await client.PostAsJsonAsync("/api2/auth-token/", new { username = email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    private static async Task CreateUserAsync(Uri site, string adminPassword, string email, string password, string name)
    {
        using var client = new HttpClient { BaseAddress = site };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", await LoginAsync(client, "admin@example.com", adminPassword));
        using var created = await client.PostAsJsonAsync("/api/v2.1/admin/users/", new { email, password, name });
        created.EnsureSuccessStatusCode();
    }

    private static async Task<string> ListBasesAsync(Uri site, string email, string password)
    {
        using var client = new HttpClient { BaseAddress = site };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", await LoginAsync(client, email, password));
        return await client.GetStringAsync("/api/v2.1/workspaces/");
    }
}
