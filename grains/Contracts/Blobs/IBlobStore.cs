namespace SeaTable.Grains.Blobs;

/// <summary>
/// Where files live (assets now; imports and exports later): a folder tree addressed by relative paths
/// with '/' separators. The default is the data folder; in a cluster every silo must see the same store
/// (a shared volume), since any silo may serve any file.
/// </summary>
public interface IBlobStore
{
    bool FileExists(string path);

    bool FolderExists(string path);

    /// <summary>Opens a stored file for reading; null when there is none.</summary>
    Stream? OpenRead(string path);

    /// <summary>
    /// Stores <paramref name="content"/> under a name in the folder, never leaving a partial file: the bytes
    /// go to a temporary file first, which is moved into place only when complete. Without
    /// <paramref name="replace"/>, a taken name becomes "name (1).ext", "name (2).ext", ….
    /// </summary>
    Task<StoredBlob> SaveAsync(string folder, string fileName, Stream content, long maxBytes, bool replace, CancellationToken cancellationToken);

    /// <summary>Moves a stored file into a folder under a name, renamed as <see cref="SaveAsync"/> does; returns the final name.</summary>
    string Move(string path, string folder, string fileName, bool replace);

    /// <summary>
    /// Creates (or truncates) a file for writing, creating its folders. Callers write to a scratch name and
    /// <see cref="Move"/> it into place when complete, so no reader ever sees a partial file.
    /// </summary>
    Stream Create(string path);

    /// <summary>The files below a folder, recursively, as paths relative to it with '/' separators; none when it does not exist.</summary>
    IEnumerable<string> ListFiles(string folder);

    /// <summary>Deletes a file; nothing happens when it does not exist.</summary>
    void DeleteFile(string path);

    /// <summary>Deletes a folder and everything below it; nothing happens when it does not exist.</summary>
    void DeleteFolder(string path);
}

/// <summary>A stored file: its final name, size and SHA-1 (the id Seafile's upload API reports).</summary>
public sealed record StoredBlob(string Name, long Size, string Sha1);

/// <summary>Thrown when the content is larger than allowed; nothing is left behind.</summary>
public sealed class BlobTooLargeException(long maxBytes) : Exception($"The file is larger than {maxBytes} bytes.")
{
    public long MaxBytes { get; } = maxBytes;
}
