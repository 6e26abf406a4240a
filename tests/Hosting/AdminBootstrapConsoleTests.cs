using System.Diagnostics;
using System.Net;
using System.Text.Json;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Hosting;

/// <summary>
/// The generated admin password is shown once, through the logger: with the JSON console formatter the
/// console stays one JSON object per line (log shippers parse every line), and with the default one the
/// operator still sees the "*** System admin created ***" line README describes.
/// </summary>
public sealed class AdminBootstrapConsoleTests
{
    private const string AdminEmail = "first-start@bootstrap.test";

    [Fact]
    public async Task Json_console_stays_json_and_carries_the_generated_admin()
    {
        var dataDir = TestFolders.NewTempFolder("bootstrap");
        try
        {
            await using var silo = StartOnEmptyFolder(dataDir, "json");
            await silo.WaitUntilReadyAsync();

            // The logged password is the stored one: the admin signs in with it.
            var admin = await WaitForLineAsync(silo, line => line.Contains("System admin created", StringComparison.Ordinal));
            using (var entry = JsonDocument.Parse(admin))
            {
                var state = entry.RootElement.GetProperty("State");
                Assert.Equal(AdminEmail, state.GetProperty("Email").GetString());
                Assert.Contains("System admin created", entry.RootElement.GetProperty("Message").GetString(), StringComparison.Ordinal);
                await AssertSignInAsync(silo, state.GetProperty("Password").GetString()!);
            }

            // Stopped first, so the shutdown lines are checked too.
            await silo.StopAsync();
            var lines = Lines(silo);
            Assert.NotEmpty(lines);
            foreach (var line in lines)
            {
                try
                {
                    using var document = JsonDocument.Parse(line);
                    Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
                }
                catch (JsonException e)
                {
                    Assert.Fail($"Not one JSON object per line ({e.Message}): {line}");
                }
            }

            Assert.Single(lines, line => line.Contains(AdminEmail, StringComparison.Ordinal) && line.Contains("\"Password\"", StringComparison.Ordinal));
        }
        finally
        {
            TestFolders.TryDelete(dataDir);
        }
    }

    [Fact]
    public async Task Simple_console_shows_the_admin_line()
    {
        var dataDir = TestFolders.NewTempFolder("bootstrap");
        try
        {
            await using var silo = StartOnEmptyFolder(dataDir, "simple");
            await silo.WaitUntilReadyAsync();
            var line = await WaitForLineAsync(silo, line => line.Contains("*** System admin created: ", StringComparison.Ordinal));
            Assert.Contains($"*** System admin created: {AdminEmail} / ", line, StringComparison.Ordinal);
            Assert.EndsWith(" (shown only this once) ***", line, StringComparison.Ordinal);
        }
        finally
        {
            TestFolders.TryDelete(dataDir);
        }
    }

    private static SiloProcess StartOnEmptyFolder(string dataDir, string formatter) =>
        SiloProcess.Start($"bootstrap-{formatter}", new Dictionary<string, string>
        {
            ["SeaTable__DataDir"] = dataDir,
            ["SeaTable__Admin__Email"] = AdminEmail,
            // Empty rather than absent: a password set on the machine running the tests must not reach the silo.
            ["SeaTable__Admin__Password"] = "",
            ["Logging__Console__FormatterName"] = formatter,
        });

    private static string[] Lines(SiloProcess silo) =>
        silo.Output.All().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The output arrives on its own threads: the admin line may trail the readiness answer briefly.</summary>
    private static async Task<string> WaitForLineAsync(SiloProcess silo, Func<string, bool> match)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (Lines(silo).FirstOrDefault(match) is { } line)
            {
                return line;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"{silo.Name}: no such line in the output.\n{silo.Output.Tail(60)}");
    }

    private static async Task AssertSignInAsync(SiloProcess silo, string password)
    {
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        using var response = await http.PostAsync("/api2/auth-token/",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = AdminEmail, ["password"] = password }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
