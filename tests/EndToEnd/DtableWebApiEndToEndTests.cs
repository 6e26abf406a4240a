using SeaTable.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SeaTable.Tests.EndToEnd;

/// <summary>
/// Starts the real silo on loopback ports and drives it with SeaTable's own web client (npm dtable-web-api)
/// through tests/e2e/web-api-e2e.mjs: login, create a base, list workspaces, delete the base.
/// The Node client cannot reach an in-memory TestServer, hence a real process and a real port.
/// </summary>
public sealed class DtableWebApiEndToEndTests(ITestOutputHelper output)
{
    private const string AdminEmail = "admin@e2e.local";
    private static readonly string[] RequiredPackages = ["dtable-web-api", "seatable-api", "socket.io-client"];
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public Task WebClient_logs_in_creates_lists_and_deletes_a_base() => RunScriptAsync("web-api-e2e.mjs");

    /// <summary>
    /// dtable-web-api manages a base's API tokens, seatable-api exchanges one for the base token, and
    /// socket.io-client joins the base's room: the status call shows the app connected, then disconnected.
    /// </summary>
    [Fact]
    public Task Api_token_clients_exchange_tokens_and_show_live_connections() => RunScriptAsync("tokens-e2e.mjs");

    /// <summary>
    /// seatable-api reads and writes rows with its base token: metadata, append, list, update, batch calls and
    /// delete; a second app becomes the last modifier, a read-only token gets 403 on writes, and the base token
    /// of a deleted API token is refused.
    /// </summary>
    [Fact]
    public Task Row_api_client_reads_and_writes_rows_with_api_tokens() => RunScriptAsync("rows-e2e.mjs");

    /// <summary>
    /// dtable-web-api imports a .dtable, exports it, downloads it; a second user imports the download into
    /// their workspace and gets the same tables, rows and asset; cancelling deletes a finished export.
    /// </summary>
    [Fact]
    public Task WebClient_exports_and_imports_bases_between_workspaces() => RunScriptAsync("import-export-e2e.mjs");

    /// <summary>
    /// seatable-api's column, view and link calls as a setup script makes them: typed columns, options and
    /// cascade settings, column changes, views, and links through a link column made by insertColumn.
    /// </summary>
    [Fact]
    public Task Base_client_manages_columns_views_and_links() => RunScriptAsync("columns-views-links-e2e.mjs");

    /// <summary>
    /// seatable-api's SQL: Base.query through dtable-db and APIGateway.query through the gateway (select, WHERE /
    /// ORDER BY / LIMIT, GROUP BY with COUNT(*) and SUM, a syntax error), an UPDATE read back and refused for an
    /// "r" token, and getLinkedRecords through dtable-db and the gateway.
    /// </summary>
    [Fact]
    public Task Base_client_queries_with_sql_and_reads_linked_records() => RunScriptAsync("sql-e2e.mjs");

    private async Task RunScriptAsync(string script)
    {
        var node = ExternalTools.FindOnPath("node")
            ?? throw new InvalidOperationException(
                "Node.js ('node') is not on PATH. The end-to-end tests run SeaTable's npm clients; install Node.js 20 or later.");

        var e2eDir = Path.Combine(TestFolders.RepositoryRoot, "tests", "e2e");
        Assert.True(File.Exists(Path.Combine(e2eDir, script)), $"missing {Path.Combine(e2eDir, script)}");
        await EnsureNodeModulesAsync(e2eDir);

        var server = await AdminSilo.StartAsync("e2e", AdminEmail);
        try
        {
            var result = await ClientProcess.RunAsync(node, [script], e2eDir, NodeTimeout, server.ScriptEnvironment());
            output.WriteLine(result.Output);

            Assert.True(
                result.ExitCode == 0,
                $"node {script} exited with {(result.TimedOut ? "a time-out" : result.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture))}.\n"
                + $"--- client output ---\n{result.Output}\n--- server log (tail) ---\n{server.Process.Output.Tail(80)}");
        }
        finally
        {
            await server.DisposeAsync();
            output.WriteLine("--- server log (tail) ---");
            output.WriteLine(server.Process.Output.Tail(40));
        }
    }

    private async Task EnsureNodeModulesAsync(string e2eDir)
    {
        if (RequiredPackages.All(p => Directory.Exists(Path.Combine(e2eDir, "node_modules", p))))
        {
            return;
        }

        var npm = ExternalTools.FindOnPath("npm")
            ?? throw new InvalidOperationException($"{Path.Combine(e2eDir, "node_modules")} is missing and 'npm' is not on PATH to install it (run 'npm ci' in {e2eDir}).");
        var result = await ClientProcess.RunAsync(npm, ["ci", "--no-audit", "--no-fund"], e2eDir, NpmTimeout, new Dictionary<string, string>());
        output.WriteLine(result.Output);
        Assert.True(
            result.ExitCode == 0,
            $"'npm ci' in {e2eDir} failed ({(result.TimedOut ? "timed out" : "exit code " + result.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture))}):\n{result.Output}");
    }
}
