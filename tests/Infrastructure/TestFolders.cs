namespace SeaTable.Tests.Infrastructure;

/// <summary>Temporary folders for test data and the repository's own files.</summary>
public static class TestFolders
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The repository root: the first folder above the test binaries holding SeaTableOrleans.sln.</summary>
    public static string RepositoryRoot => Root.Value;

    public static string NewTempFolder(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), "seatable-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    public static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open (a pooled SQLite connection on Windows): the temp folder is cleaned later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public static string ReadRepositoryFile(params string[] relativePath) =>
        File.ReadAllText(Path.Combine([RepositoryRoot, .. relativePath]));

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SeaTableOrleans.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No SeaTableOrleans.sln above {AppContext.BaseDirectory}.");
    }
}
