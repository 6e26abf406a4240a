using System.Text;

namespace SeaTable.Api.Infrastructure;

/// <summary>
/// SeaTable stores a base as the file "&lt;name&gt;.dtable", so a name must be a valid file name: not empty,
/// no '/', not "." or "..", no control characters, at most 255 bytes with the extension.
/// </summary>
public static class BaseNames
{
    private const int MaxFileNameBytes = 255;

    public static bool IsValid(string? name) =>
        !string.IsNullOrWhiteSpace(name)
        && name is not ("." or "..")
        && !name.Contains('/')
        && !name.Contains('\\')
        && !name.Any(char.IsControl)
        && Encoding.UTF8.GetByteCount(name + ".dtable") <= MaxFileNameBytes;
}
