namespace SeaTable.Tests.Infrastructure;

/// <summary>
/// SeaTable's Python client (seatable-api) run by Debian's /usr/bin/python3, for the end-to-end tests that drive
/// a real server with it. The client's source comes from SEATABLE_PYTHON_CLIENT, else from a
/// shared/clients/seatable-api-python folder beside the repository or beside one of its parents (a git worktree
/// sits deeper than the main checkout). Its dependencies are Debian's python3-* packages, which .ci/run installs.
/// The scripts are in tests/e2e/python.
/// </summary>
public sealed class PythonClient
{
    public const string Python = "/usr/bin/python3";
    public const string Packages = "python3-requests python3-socketio python3-engineio python3-websocket python3-ply python3-dateutil";

    // Every module the scripts import, so that a missing package shows before a server is started.
    private const string Modules = "requests, socketio, engineio, websocket, ply, dateutil, seatable_api";

    private PythonClient(string source) => Source = source;

    /// <summary>The client's source folder (the one holding seatable_api/), put on PYTHONPATH.</summary>
    public string Source { get; }

    public static string ScriptsFolder { get; } = Path.Combine(TestFolders.RepositoryRoot, "tests", "e2e", "python");

    /// <summary>
    /// The client, ready to run scripts. Skips the test with the reason when its source is not found or its modules
    /// do not import; with CI=true missing modules fail the test instead, since CI must run it.
    /// </summary>
    public static async Task<PythonClient> RequireAsync(string testName)
    {
        var candidates = Candidates();
        var source = candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "seatable_api", "main.py")));
        Skip.If(source is null,
            $"{testName} skipped: SeaTable's Python client is not at {string.Join(" or ", candidates)} (set SEATABLE_PYTHON_CLIENT to its source folder).");

        var client = new PythonClient(source!);
        var reason = File.Exists(Python) ? await client.MissingModulesAsync() : $"{Python} is missing";
        if (reason is not null)
        {
            var message = $"{testName} skipped: {reason} (apt-get install {Packages}).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(message + " CI must run it: .ci/run installs them.");
            }

            Skip.If(true, message);
        }

        return client;
    }

    /// <summary>Runs tests/e2e/python/<paramref name="script"/> unbuffered, with the client on PYTHONPATH and the given environment.</summary>
    public Task<ClientResult> RunScriptAsync(
        string script, IReadOnlyList<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null) =>
        RunAsync(["-u", Path.Combine(ScriptsFolder, script), .. arguments], timeout, environment);

    private async Task<string?> MissingModulesAsync()
    {
        var probe = await RunAsync(["-c", "import " + Modules], TimeSpan.FromSeconds(30), null);
        return probe.ExitCode == 0 ? null : "the client's modules do not import: " + probe.Output.Trim();
    }

    private Task<ClientResult> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment)
    {
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["PYTHONPATH"] = Source,
            ["PYTHONDONTWRITEBYTECODE"] = "1",
        };
        return ClientProcess.RunAsync(Python, arguments, ScriptsFolder, timeout, variables);
    }

    private static string[] Candidates()
    {
        if (Environment.GetEnvironmentVariable("SEATABLE_PYTHON_CLIENT") is { Length: > 0 } configured)
        {
            return [configured];
        }

        var found = new List<string>();
        for (var folder = new DirectoryInfo(TestFolders.RepositoryRoot).Parent; folder is not null; folder = folder.Parent)
        {
            found.Add(Path.Combine(folder.FullName, "shared", "clients", "seatable-api-python"));
        }

        return [.. found];
    }
}
