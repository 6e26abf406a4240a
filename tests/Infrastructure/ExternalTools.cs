namespace SeaTable.Tests.Infrastructure;

/// <summary>Programs the process-level tests run: the built silo, dotnet, node, npm.</summary>
public static class ExternalTools
{
    /// <summary>
    /// The silo built beside the tests: silo/bin/&lt;Configuration&gt;/net10.0/SeaTable.Silo.dll, preferring the
    /// configuration this test assembly was built in, else the newest build.
    /// </summary>
    public static string SiloDll()
    {
        var siloBin = Path.Combine(TestFolders.RepositoryRoot, "silo", "bin");
        if (ConfigurationOf(AppContext.BaseDirectory) is { } configuration)
        {
            var own = Path.Combine(siloBin, configuration, "net10.0", "SeaTable.Silo.dll");
            if (File.Exists(own))
            {
                return own;
            }
        }

        var newest = Directory.Exists(siloBin)
            ? Directory.EnumerateFiles(siloBin, "SeaTable.Silo.dll", SearchOption.AllDirectories)
                .Where(p => File.Exists(Path.Combine(Path.GetDirectoryName(p)!, "SeaTable.Silo.runtimeconfig.json")))
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault()
            : null;
        return newest ?? throw new InvalidOperationException(
            $"SeaTable.Silo.dll not found under {siloBin}; build the solution first (dotnet build).");
    }

    /// <summary>The dotnet host running these tests if it can be told, else 'dotnet' from PATH.</summary>
    public static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        return FindOnPath("dotnet") ?? "dotnet";
    }

    public static string? FindOnPath(string command)
    {
        var names = OperatingSystem.IsWindows() ? new[] { command + ".exe", command + ".cmd" } : [command];
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The folder after "bin" in a build output path such as tests/bin/Debug/net10.0/.</summary>
    private static string? ConfigurationOf(string outputDirectory)
    {
        var parts = outputDirectory.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        var bin = Array.LastIndexOf(parts, "bin");
        return bin >= 0 && bin + 1 < parts.Length ? parts[bin + 1] : null;
    }
}
