using System.Globalization;
using SeaTable.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SeaTable.Tests.EndToEnd;

/// <summary>
/// Starts the real silo on a loopback port and runs tests/e2e/python/base_client_e2e.py with SeaTable's own
/// Python client (seatable-api): every method of its Base and Account classes that the server supports,
/// through dtable-server's v1 routes and through the API gateway, and a socket (Engine.IO polling, then
/// WebSocket) that receives an update-dtable event. <see cref="PythonClient"/> finds the client and its
/// dependencies.
/// </summary>
public sealed class PythonClientEndToEndTests(ITestOutputHelper output)
{
    private const string AdminEmail = "admin@py-e2e.local";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    [SkippableFact]
    public async Task Python_client_drives_every_supported_base_and_account_method()
    {
        var client = await PythonClient.RequireAsync("Python client end-to-end test");

        await using var server = await AdminSilo.StartAsync("py-e2e", AdminEmail);
        var result = await client.RunScriptAsync("base_client_e2e.py", [], ScriptTimeout, server.ScriptEnvironment());
        output.WriteLine(result.Output);
        Assert.True(
            result.ExitCode == 0,
            $"base_client_e2e.py exited with {(result.TimedOut ? "a time-out" : result.ExitCode.ToString(CultureInfo.InvariantCulture))}.\n"
            + $"--- client output ---\n{result.Output}\n--- server log (tail) ---\n{server.Process.Output.Tail(80)}");
    }
}
