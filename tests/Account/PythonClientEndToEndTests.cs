using System.Globalization;
using SeaTable.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SeaTable.Tests.Account;

/// <summary>
/// SeaTable's Python client (seatable-api) against a real server process, for the calls of this area:
/// Account.get_base (temp-api-token), Account.copy_base, get_related_users, get_user_info and the custom-folder
/// calls (tests/e2e/python/account_e2e.py). <see cref="PythonClient"/> finds the client or skips with the reason.
/// </summary>
public sealed class PythonClientEndToEndTests(ITestOutputHelper output)
{
    private const string AdminEmail = "admin@py-e2e.local";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    [SkippableFact]
    public async Task The_python_client_gets_copies_and_uses_custom_folders_of_a_base()
    {
        var client = await PythonClient.RequireAsync("Python client account end-to-end test");

        await using var server = await AdminSilo.StartAsync("py-e2e", AdminEmail);
        var result = await client.RunScriptAsync("account_e2e.py", [], ScriptTimeout, server.ScriptEnvironment());
        output.WriteLine(result.Output);
        Assert.True(
            result.ExitCode == 0,
            $"account_e2e.py exited with {(result.TimedOut ? "a time-out" : result.ExitCode.ToString(CultureInfo.InvariantCulture))}:\n{result.Output}\n--- server log (tail) ---\n{server.Process.Output.Tail(60)}");
    }
}
