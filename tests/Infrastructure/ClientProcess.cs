using System.Diagnostics;

namespace SeaTable.Tests.Infrastructure;

/// <summary>What a client program (node, python) printed and how it ended.</summary>
public sealed record ClientResult(int ExitCode, bool TimedOut, string Output);

/// <summary>Runs a client program (SeaTable's npm or Python clients) to its end, or kills it at the time-out.</summary>
public static class ClientProcess
{
    public static async Task<ClientResult> RunAsync(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var log = new ProcessOutput();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => log.Add(e.Data);
        process.ErrorDataReceived += (_, e) => log.Add(e.Data is null ? null : "[stderr] " + e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            StopProcessTree(process);
            return new ClientResult(-1, true, log.All());
        }

        // The parameterless wait drains the redirected streams after exit.
        process.WaitForExit();
        return new ClientResult(process.ExitCode, false, log.All());
    }

    private static void StopProcessTree(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
    }
}
