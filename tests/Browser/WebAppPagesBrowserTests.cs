using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SeaTable.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SeaTable.Tests.Browser;

/// <summary>
/// The web app's pages beyond the main journey, in Chromium: a 100,000-row base stays fast (only the rows in
/// sight are drawn, any row is reached by scrolling), images in cells show their previews, a base the user may
/// not read is refused as the API refuses it, and the home and token pages work at phone width.
/// Prints the figures of the closing note: time to first rows and the page weight.
/// </summary>
public sealed class WebAppPagesBrowserTests(ITestOutputHelper output)
{
    private const string AdminEmail = "admin@example.com";

    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 30_000 };

    [SkippableFact]
    public async Task A_100000_row_base_draws_only_the_rows_in_sight_and_reaches_any_row()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var site = await Site.StartAsync("webapp-big");
        try
        {
            using var user = await site.UserClientAsync("big@example.com", "Big-Passw0rd-1");
            // A CSV import makes the base with its first 40,000 rows (the import takes at most 50,000), batch appends add the rest:
            // 100,000 rows of ten columns.
            static string Line(int i) => FormattableString.Invariant(
                $"row {i},{i},City {i % 97},note {i % 13},{i * 1.5},C{i % 1000},{(i % 2 == 0 ? "yes" : "no")},2026-01-{1 + (i % 28):00},{i % 100},t{i % 7}");
            var csv = new StringBuilder("Name,Number,City,Note,Amount,Code,Flag,Day,Score,Tag\n");
            for (var i = 1; i <= 40_000; i++)
            {
                csv.Append(Line(i)).Append('\n');
            }

            var workspace = (await user.GetFromJsonAsync<JsonObject>("/api2/account/info/"))!["workspace_id"]!.GetValue<long>();
            using (var form = new MultipartFormDataContent())
            {
                form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "dtable", "Big.csv");
                using var imported = await user.PostAsync($"/api/v2.1/workspace/{workspace}/import-dtable/", form);
                Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
            }

            var access = (await user.GetFromJsonAsync<JsonObject>($"/api/v2.1/workspace/{workspace}/dtable/Big/access-token/"))!;
            using var rows = new HttpClient { BaseAddress = site.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
            rows.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", access["access_token"]!.GetValue<string>());
            var columns = new[] { "Name", "Number", "City", "Note", "Amount", "Code", "Flag", "Day", "Score", "Tag" };
            for (var start = 40_001; start <= 100_000; start += 1000)
            {
                var batch = new JsonArray();
                for (var i = start; i < start + 1000; i++)
                {
                    var values = Line(i).Split(',');
                    var row = new JsonObject();
                    for (var c = 0; c < columns.Length; c++)
                    {
                        // As the CSV import typed the columns: numbers, a checkbox (yes/no), text and a date.
                        row[columns[c]] = c switch
                        {
                            1 or 4 or 8 => JsonValue.Create(double.Parse(values[c], CultureInfo.InvariantCulture)),
                            6 => JsonValue.Create(values[c] == "yes"),
                            _ => JsonValue.Create(values[c]),
                        };
                    }

                    batch.Add(row);
                }

                using var appended = await rows.PostAsJsonAsync($"/dtable-server/api/v1/dtables/{access["dtable_uuid"]}/batch-append-rows/", new JsonObject { ["table_name"] = "Big", ["rows"] = batch });
                Assert.True(appended.IsSuccessStatusCode, await appended.Content.ReadAsStringAsync());
            }

            var page = await site.SignedInPageAsync(browser, "big@example.com", "Big-Passw0rd-1", 1280, 800);
            var clock = Stopwatch.StartNew();
            await page.GotoAsync(site.Url($"/workspace/{workspace}/dtable/Big/"));
            var grid = page.GetByRole(AriaRole.Grid, new() { Name = "Rows" });
            await Assertions.Expect(grid.Locator("[aria-rowindex=\"2\"] [aria-colindex=\"2\"]")).ToHaveTextAsync("row 1", new() { Timeout = 30_000 });
            var firstRows = clock.Elapsed;
            await Assertions.Expect(page.GetByText("100,000 rows", new() { Exact = true })).ToBeVisibleAsync(Slow);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("webapp-big-top") });

            // Only what is in sight (and a margin) is in the document, not 100,000 rows.
            var drawn = await grid.Locator(".grid-row").CountAsync();
            Assert.InRange(drawn, 10, 80);

            // The scrollbar spans every row: the end of the table is one scroll away, and it is the last row.
            clock.Restart();
            await grid.EvaluateAsync("g => { g.scrollTop = g.scrollHeight; }");
            await Assertions.Expect(grid.GetByText("row 100000", new() { Exact = true })).ToBeVisibleAsync(Slow);
            var lastRows = clock.Elapsed;
            await Assertions.Expect(grid.Locator("[role=rowheader]", new() { HasText = "100000" })).ToBeVisibleAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("webapp-big-end") });

            // The middle, and the keyboard from there: ArrowDown moves the selection one row on.
            await grid.EvaluateAsync("g => { g.scrollTop = 50000 * 34; }");
            await Assertions.Expect(grid.GetByText("row 50001", new() { Exact = true })).ToBeVisibleAsync(Slow);
            await grid.GetByText("row 50001", new() { Exact = true }).ClickAsync();
            await page.Keyboard.PressAsync("ArrowDown");
            await Assertions.Expect(grid.Locator("[aria-selected=true]")).ToHaveTextAsync("row 50002");
            Assert.InRange(await grid.Locator(".grid-row").CountAsync(), 10, 80);

            // Ctrl+End goes to the last row (fetched on the way), End to the row's last cell, Ctrl+Home back to the top.
            await page.Keyboard.PressAsync("Control+End");
            await Assertions.Expect(grid.Locator("[aria-selected=true]")).ToHaveTextAsync("row 100000", new() { Timeout = 30_000 });
            await page.Keyboard.PressAsync("Control+Home");
            await Assertions.Expect(grid.Locator("[aria-selected=true]")).ToHaveTextAsync("row 1", new() { Timeout = 30_000 });
            await page.Keyboard.PressAsync("End");
            await Assertions.Expect(grid.Locator($"[aria-selected=true][aria-colindex=\"{columns.Length + 1}\"]")).ToHaveCountAsync(1);
            await page.Keyboard.PressAsync("Home");
            await Assertions.Expect(grid.Locator("[aria-selected=true][aria-colindex=\"2\"]")).ToHaveTextAsync("row 1");

            // Page weight: the app's own files (document, scripts, styles), as transferred.
            var weight = await page.EvaluateAsync<long[]>("""
                () => {
                  const entries = [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
                    .filter(e => e.initiatorType !== 'fetch' && e.initiatorType !== 'xmlhttprequest');
                  return [entries.length, entries.reduce((a, e) => a + (e.encodedBodySize || 0), 0)];
                }
                """);
            output.WriteLine(FormattableString.Invariant(
                $"100,000-row base: first rows after {firstRows.TotalMilliseconds:F0} ms (navigation to the first row's text), last row after {lastRows.TotalMilliseconds:F0} ms, {drawn} rows drawn; page weight {weight[1] / 1024.0:F1} KB in {weight[0]} files (uncompressed)"));
        }
        finally
        {
            output.WriteLine(site.Tail());
        }
    }

    [SkippableFact]
    public async Task Images_in_cells_show_previews_to_readers_and_a_base_of_someone_else_is_refused()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var site = await Site.StartAsync("webapp-images");
        try
        {
            using var owner = await site.UserClientAsync("owner@example.com", "Owner-Passw0rd-1");
            await site.UserClientAsync("other@example.com", "Other-Passw0rd-1");
            var workspace = (await owner.GetFromJsonAsync<JsonObject>("/api2/account/info/"))!["workspace_id"]!.GetValue<long>();
            using (var created = await owner.PostAsync("/api/v2.1/dtables/", new FormUrlEncodedContent([new("name", "Pictures"), new("workspace_id", workspace.ToString(CultureInfo.InvariantCulture))])))
            {
                Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            }

            // An app uploads an image and puts its URL in an image cell, as SeaTable's clients do.
            var token = await owner.PostAsync($"/api/v2.1/workspace/{workspace}/dtable/Pictures/api-tokens/", new FormUrlEncodedContent([new("app_name", "uploader"), new("permission", "rw")]));
            var apiToken = (await token.Content.ReadFromJsonAsync<JsonObject>())!["api_token"]!.GetValue<string>();
            using var app = new HttpClient { BaseAddress = site.BaseAddress };
            app.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", apiToken);
            var access = (await app.GetFromJsonAsync<JsonObject>("/api/v2.1/dtable/app-access-token/"))!;
            var uuid = access["dtable_uuid"]!.GetValue<string>();
            var link = (await app.GetFromJsonAsync<JsonObject>("/api/v2.1/dtable/app-upload-link/"))!;
            var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAGUlEQVR42mP8z8DAQApgGlUwqmBUwfAAAGdKAR9C3y0cAAAAAElFTkSuQmCC");
            var month = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            using (var upload = new MultipartFormDataContent())
            {
                upload.Add(new ByteArrayContent(png), "file", "square.png");
                upload.Add(new StringContent(link["parent_path"]!.GetValue<string>()), "parent_dir");
                upload.Add(new StringContent($"images/{month}"), "relative_path");
                using var stored = await app.PostAsync(new Uri(link["upload_link"]!.GetValue<string>()).PathAndQuery + "?ret-json=1", upload);
                Assert.True(stored.IsSuccessStatusCode, await stored.Content.ReadAsStringAsync());
            }

            var imageUrl = site.Url($"/workspace/{workspace}/asset/{uuid}/images/{month}/square.png");
            using var baseClient = new HttpClient { BaseAddress = site.BaseAddress };
            baseClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", access["access_token"]!.GetValue<string>());
            using (var column = await baseClient.PostAsJsonAsync($"/dtable-server/api/v1/dtables/{uuid}/columns/", new { table_name = "Table1", column_name = "Photo", column_type = "image" }))
            {
                Assert.True(column.IsSuccessStatusCode, await column.Content.ReadAsStringAsync());
            }

            using (var row = await baseClient.PostAsJsonAsync($"/dtable-server/api/v1/dtables/{uuid}/rows/", new { table_name = "Table1", row = new Dictionary<string, object> { ["Name"] = "with a photo", ["Photo"] = new[] { imageUrl } } }))
            {
                Assert.True(row.IsSuccessStatusCode, await row.Content.ReadAsStringAsync());
            }

            // The owner sees the preview: the image is loaded from the asset URL with the page's cookie.
            var page = await site.SignedInPageAsync(browser, "owner@example.com", "Owner-Passw0rd-1", 1280, 800);
            await page.GotoAsync(site.Url($"/workspace/{workspace}/dtable/Pictures/"));
            var preview = page.GetByRole(AriaRole.Img, new() { Name = "square.png" });
            await Assertions.Expect(preview).ToBeVisibleAsync(Slow);
            await page.WaitForFunctionAsync("() => { const i = document.querySelector('img.thumb'); return i && i.complete && i.naturalWidth === 16; }");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("webapp-image-preview") });

            // After signing out the image URL no longer opens in this browser.
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync(Slow);
            // (Not from the browser's cache: the preview is kept there privately for a few minutes.)
            var afterSignOut = await page.EvaluateAsync<int>($"async () => (await fetch('{imageUrl}', {{ cache: 'no-store' }})).status");
            Assert.Equal(403, afterSignOut);

            // Another user opens the same page: refused, as the API refuses them, and no image is fetched.
            var other = await site.SignedInPageAsync(browser, "other@example.com", "Other-Passw0rd-1", 1280, 800);
            await other.GotoAsync(site.Url($"/workspace/{workspace}/dtable/Pictures/"));
            await Assertions.Expect(other.GetByText("You have no access to this base.")).ToBeVisibleAsync(Slow);
            Assert.Equal(403, await other.EvaluateAsync<int>($"async () => (await fetch('{imageUrl}', {{ cache: 'no-store' }})).status"));
            await other.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("webapp-no-access") });
        }
        finally
        {
            output.WriteLine(site.Tail());
        }
    }

    [SkippableFact]
    public async Task Images_and_files_are_uploaded_into_cells_from_the_grid()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var site = await Site.StartAsync("webapp-uploads");
        try
        {
            using var owner = await site.UserClientAsync("maker@example.com", "Maker-Passw0rd-1");
            var workspace = (await owner.GetFromJsonAsync<JsonObject>("/api2/account/info/"))!["workspace_id"]!.GetValue<long>();
            using (var created = await owner.PostAsync("/api/v2.1/dtables/", new FormUrlEncodedContent([new("name", "Uploads"), new("workspace_id", workspace.ToString(CultureInfo.InvariantCulture))])))
            {
                Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            }

            var access = (await owner.GetFromJsonAsync<JsonObject>($"/api/v2.1/workspace/{workspace}/dtable/Uploads/access-token/"))!;
            var uuid = access["dtable_uuid"]!.GetValue<string>();
            using var baseClient = new HttpClient { BaseAddress = site.BaseAddress };
            baseClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", access["access_token"]!.GetValue<string>());
            foreach (var (name, type) in new[] { ("Photo", "image"), ("Attachment", "file") })
            {
                using var column = await baseClient.PostAsJsonAsync($"/dtable-server/api/v1/dtables/{uuid}/columns/", new { table_name = "Table1", column_name = name, column_type = type });
                Assert.True(column.IsSuccessStatusCode, await column.Content.ReadAsStringAsync());
            }

            using (var row = await baseClient.PostAsJsonAsync($"/dtable-server/api/v1/dtables/{uuid}/rows/", new { table_name = "Table1", row = new Dictionary<string, object> { ["Name"] = "first" } }))
            {
                Assert.True(row.IsSuccessStatusCode, await row.Content.ReadAsStringAsync());
            }

            var page = await site.SignedInPageAsync(browser, "maker@example.com", "Maker-Passw0rd-1", 1280, 800);
            await page.GotoAsync(site.Url($"/workspace/{workspace}/dtable/Uploads/"));
            var grid = page.GetByRole(AriaRole.Grid, new() { Name = "Rows" });
            await Assertions.Expect(grid.GetByText("first", new() { Exact = true })).ToBeVisibleAsync(Slow);

            // The image cell: Enter opens the dialog, a picture is chosen and saved, the grid shows it.
            var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAGUlEQVR42mP8z8DAQApgGlUwqmBUwfAAAGdKAR9C3y0cAAAAAElFTkSuQmCC");
            await grid.Locator("[aria-rowindex=\"2\"] [aria-colindex=\"3\"]").ClickAsync();
            await page.Keyboard.PressAsync("Enter");
            var photoDialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Photo" });
            await photoDialog.GetByLabel("Add images").SetInputFilesAsync(new FilePayload { Name = "dot.png", MimeType = "image/png", Buffer = png });
            await photoDialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Assertions.Expect(grid.GetByRole(AriaRole.Img, new() { Name = "dot.png" })).ToBeVisibleAsync(Slow);
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('img.thumb')].some(i => i.complete && i.naturalWidth === 16)");

            // The file cell likewise: the grid shows the file's name as its download link.
            await grid.Locator("[aria-rowindex=\"2\"] [aria-colindex=\"4\"]").ClickAsync();
            await page.Keyboard.PressAsync("Enter");
            var fileDialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Attachment" });
            await fileDialog.GetByLabel("Add files").SetInputFilesAsync(new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = System.Text.Encoding.UTF8.GetBytes("uploaded from the grid") });
            await fileDialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            var fileLink = grid.GetByRole(AriaRole.Link, new() { Name = "notes.txt" });
            await Assertions.Expect(fileLink).ToBeVisibleAsync(Slow);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("webapp-uploaded-cells") });

            // Stored as SeaTable stores them: the image's URL, the file's {name, size, type, url}; both open.
            var month = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var listed = (await baseClient.GetFromJsonAsync<JsonObject>($"/dtable-server/api/v1/dtables/{uuid}/rows/?table_name=Table1"))!["rows"]![0]!;
            Assert.Equal(site.Url($"/workspace/{workspace}/asset/{uuid}/images/{month}/dot.png"), listed["Photo"]![0]!.GetValue<string>());
            var file = listed["Attachment"]![0]!;
            Assert.Equal("notes.txt", file["name"]!.GetValue<string>());
            Assert.Equal("file", file["type"]!.GetValue<string>());
            Assert.Equal(22, file["size"]!.GetValue<long>());
            var fileUrl = file["url"]!.GetValue<string>();
            Assert.Equal(site.Url($"/workspace/{workspace}/asset/{uuid}/files/{month}/notes.txt"), fileUrl);
            Assert.Equal("uploaded from the grid", await page.EvaluateAsync<string>($"async () => (await fetch('{fileUrl}')).text()"));

            // Removing the image from the cell keeps the file in the base's assets but empties the cell.
            await grid.Locator("[aria-rowindex=\"2\"] [aria-colindex=\"3\"]").ClickAsync();
            await page.Keyboard.PressAsync("Enter");
            await photoDialog.GetByRole(AriaRole.Button, new() { Name = "Remove dot.png" }).ClickAsync();
            await photoDialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Assertions.Expect(grid.GetByRole(AriaRole.Img, new() { Name = "dot.png" })).ToHaveCountAsync(0);
        }
        finally
        {
            output.WriteLine(site.Tail());
        }
    }

    [SkippableFact]
    public async Task The_home_and_token_pages_work_at_phone_width()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var site = await Site.StartAsync("webapp-phone");
        try
        {
            using var user = await site.UserClientAsync("phone@example.com", "Phone-Passw0rd-1");
            var workspace = (await user.GetFromJsonAsync<JsonObject>("/api2/account/info/"))!["workspace_id"]!.GetValue<long>();
            var page = await site.SignedInPageAsync(browser, "phone@example.com", "Phone-Passw0rd-1", 390, 844);

            await page.GetByLabel("New base").FillAsync("Pocket");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create base" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Pocket", Exact = true })).ToBeVisibleAsync(Slow);
            await AssertNoSidewaysScrollAsync(page, "home");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("webapp-phone-home"), FullPage = true });

            await page.GetByRole(AriaRole.Link, new() { Name = "API tokens of Pocket" }).ClickAsync();
            await page.GetByLabel("App name").FillAsync("phone-app");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Token phone-app" })).ToBeVisibleAsync(Slow);

            // Keyboard only: the permission select of the token is reached with Tab and changed with the arrows.
            var permission = page.Locator("#perm-phone-app");
            await permission.FocusAsync();
            await page.Keyboard.PressAsync("ArrowDown");
            await Assertions.Expect(page.GetByText("Token phone-app updated.")).ToBeVisibleAsync(Slow);
            var tokens = await user.GetFromJsonAsync<JsonObject>($"/api/v2.1/workspace/{workspace}/dtable/Pocket/api-tokens/");
            Assert.Equal("r", tokens!["api_tokens"]![0]!["permission"]!.GetValue<string>());
            await AssertNoSidewaysScrollAsync(page, "tokens");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("webapp-phone-tokens"), FullPage = true });

            // Focus is visible: Tab moves on to the limit field, which draws an outline.
            await page.Keyboard.PressAsync("Tab");
            var limit = page.Locator("#limit-phone-app");
            await Assertions.Expect(limit).ToBeFocusedAsync();
            Assert.NotEqual("none", await limit.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));
        }
        finally
        {
            output.WriteLine(site.Tail());
        }
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page, string name)
    {
        var (scroll, width) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => window.innerWidth"));
        Assert.True(scroll <= width, $"{name}: the page is {scroll}px wide in a {width}px window");
    }

    /// <summary>A silo process with its admin, and helpers to make users and signed-in pages.</summary>
    private sealed class Site : IAsyncDisposable
    {
        private readonly SiloProcess _server;
        private readonly string _dataDir;
        private readonly string _adminPassword;

        private Site(SiloProcess server, string dataDir, string adminPassword) => (_server, _dataDir, _adminPassword) = (server, dataDir, adminPassword);

        public Uri BaseAddress => _server.BaseAddress;

        public static async Task<Site> StartAsync(string name)
        {
            var dataDir = TestFolders.NewTempFolder(name);
            var password = "Admin-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
            var server = SiloProcess.Start(name, new Dictionary<string, string>
            {
                ["SeaTable__DataDir"] = dataDir,
                ["SeaTable__Admin__Email"] = AdminEmail,
                ["SeaTable__Admin__Password"] = password,
            });
            await server.WaitUntilReadyAsync();
            return new Site(server, dataDir, password);
        }

        public string Url(string path) => _server.BaseAddress.ToString().TrimEnd('/') + path;

        public string Tail() => _server.Output.Tail(20);

        /// <summary>Creates the user (as the admin) and returns a client signed in as them.</summary>
        public async Task<HttpClient> UserClientAsync(string email, string password)
        {
            using (var admin = await ClientAsync(AdminEmail, _adminPassword))
            using (var created = await admin.PostAsJsonAsync("/api/v2.1/admin/users/", new { email, password, name = email.Split('@')[0] }))
            {
                Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            }

            return await ClientAsync(email, password);
        }

        /// <summary>A new browser context signed in through the sign-in page, on the home page.</summary>
        public async Task<IPage> SignedInPageAsync(BrowserSession browser, string email, string password, int width, int height)
        {
            var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
            var page = await context.NewPageAsync();
            await page.GotoAsync(Url("/accounts/login/"));
            await page.GetByLabel("Email").FillAsync(email);
            await page.GetByLabel("Password").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your bases" })).ToBeVisibleAsync(Slow);
            return page;
        }

        private async Task<HttpClient> ClientAsync(string email, string password)
        {
            var client = new HttpClient { BaseAddress = _server.BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
            using var login = await client.PostAsJsonAsync("/api2/auth-token/", new { username = email, password });
            login.EnsureSuccessStatusCode();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", (await login.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>());
            return client;
        }

        public async ValueTask DisposeAsync()
        {
            await _server.DisposeAsync();
            TestFolders.TryDelete(_dataDir);
        }
    }
}
