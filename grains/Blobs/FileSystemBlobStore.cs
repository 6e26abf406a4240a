using System.Security.Cryptography;

namespace SeaTable.Grains.Blobs;

/// <summary>The blob store on a local or shared folder.</summary>
public sealed class FileSystemBlobStore(string root) : IBlobStore
{
    private const int MaxRenameAttempts = 10_000;
    private readonly string _root = Path.GetFullPath(root);

    public bool FileExists(string path) => File.Exists(Resolve(path));

    public bool FolderExists(string path) => Directory.Exists(Resolve(path));

    public Stream? OpenRead(string path)
    {
        var full = Resolve(path);
        return File.Exists(full) ? new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }

    public async Task<StoredBlob> SaveAsync(string folder, string fileName, Stream content, long maxBytes, bool replace, CancellationToken cancellationToken)
    {
        var directory = Resolve(folder);
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".upload-{Guid.NewGuid():N}.tmp");
        try
        {
            long size = 0;
            string sha1;
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1))
            {
                await using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                {
                    var buffer = new byte[81920];
                    int read;
                    while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        size += read;
                        if (size > maxBytes)
                        {
                            throw new BlobTooLargeException(maxBytes);
                        }

                        hash.AppendData(buffer, 0, read);
                        await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    }
                }

                sha1 = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            var finalName = MoveIntoPlace(temporary, directory, fileName, replace);
            return new StoredBlob(finalName, size, sha1);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    public string Move(string path, string folder, string fileName, bool replace)
    {
        var directory = Resolve(folder);
        Directory.CreateDirectory(directory);
        return MoveIntoPlace(Resolve(path), directory, fileName, replace);
    }

    public Stream Create(string path)
    {
        var full = Resolve(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new FileStream(full, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true);
    }

    public IEnumerable<string> ListFiles(string folder)
    {
        var full = Resolve(folder);
        if (!Directory.Exists(full))
        {
            return [];
        }

        // Links are not followed: a store folder only ever holds files this server wrote.
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
        return Directory.EnumerateFiles(full, "*", options)
            .Select(f => Path.GetRelativePath(full, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.Split('/')[^1].StartsWith(".upload-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public void DeleteFolder(string path)
    {
        var full = Resolve(path);
        if (Directory.Exists(full))
        {
            Directory.Delete(full, recursive: true);
        }
    }

    /// <summary>Moves the finished temporary file to its name; "name (n).ext" when taken and not replacing.</summary>
    private static string MoveIntoPlace(string temporary, string directory, string fileName, bool replace)
    {
        if (replace && !Directory.Exists(Path.Combine(directory, fileName)))
        {
            File.Move(temporary, Path.Combine(directory, fileName), overwrite: true);
            return fileName;
        }

        var stem = Path.GetFileNameWithoutExtension(fileName);
        var extension = Path.GetExtension(fileName);
        for (var n = 0; n < MaxRenameAttempts; n++)
        {
            var candidate = n == 0 ? fileName : $"{stem} ({n}){extension}";
            var target = Path.Combine(directory, candidate);
            if (Directory.Exists(target) || !TryClaim(target))
            {
                continue;
            }

            // The empty placeholder is ours alone: replacing it with the content is a plain rename.
            File.Move(temporary, target, overwrite: true);
            return candidate;
        }

        throw new IOException($"No free name for {fileName} in {directory}.");
    }

    /// <summary>
    /// Claims a name by creating it exclusively (O_EXCL): unlike a check followed by a move, two uploads
    /// racing for one name cannot both win.
    /// </summary>
    private static bool TryClaim(string target)
    {
        try
        {
            using (new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
            }

            return true;
        }
        catch (IOException) when (File.Exists(target) || Directory.Exists(target))
        {
            return false;
        }
    }

    public void DeleteFile(string path)
    {
        var full = Resolve(path);
        if (File.Exists(full))
        {
            File.Delete(full);
        }
    }

    private string Resolve(string path)
    {
        var full = Path.GetFullPath(Path.Combine(_root, path));
        // BlobPaths already refuses "..": this is the last line of defence against leaving the store.
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && full != _root)
        {
            throw new InvalidOperationException($"The path {path} leaves the blob store.");
        }

        return full;
    }
}
