using System.Text;
using System.Text.RegularExpressions;

namespace SeaTable.Grains.ImportExport;

/// <summary>
/// Asset URL rewriting between a base and its archive (reference 7.5): inside a .dtable an asset is
/// "file://dtable-bundle/asset/&lt;path&gt;"; inside a base it is "&lt;server&gt;/workspace/&lt;id&gt;/asset/&lt;base uuid&gt;/&lt;path&gt;".
/// Any string holding such a URL is rewritten (image cells, file cells' url, long-text images and markdown,
/// the description), which covers every place SeaTable's exporter rewrites.
/// </summary>
public abstract class AssetUrls
{
    public const string BundlePrefix = "file://dtable-bundle/asset/";

    /// <summary>Bytes every string that needs rewriting contains; others are copied untouched.</summary>
    public abstract ReadOnlySpan<byte> Marker { get; }

    public abstract string Rewrite(string value);

    /// <summary>Archive to base: bundle URLs become the new base's asset URLs. The path below asset/ is kept whole.</summary>
    public static AssetUrls ForImport(string publicUrl, long workspaceId, Guid dtableUuid) =>
        new ImportUrls($"{publicUrl.TrimEnd('/')}/workspace/{workspaceId}/asset/{dtableUuid}/");

    /// <summary>Base to archive: this base's asset URLs, with or without scheme and host, become bundle URLs.</summary>
    public static AssetUrls ForExport(Guid dtableUuid) => new ExportUrls(dtableUuid);

    private sealed class ImportUrls(string target) : AssetUrls
    {
        public override ReadOnlySpan<byte> Marker => "file://dtable-bundle/asset/"u8;

        public override string Rewrite(string value) => value.Replace(BundlePrefix, target, StringComparison.Ordinal);
    }

    private sealed class ExportUrls : AssetUrls
    {
        private readonly byte[] _marker;
        private readonly Regex _url;

        public ExportUrls(Guid dtableUuid)
        {
            _marker = Encoding.UTF8.GetBytes($"/asset/{dtableUuid}/");
            _url = new Regex(
                $@"(?:[A-Za-z][A-Za-z0-9+.\-]*://[^\s""'()<>\[\]/]*)?/workspace/\d+/asset/{dtableUuid}/",
                RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }

        public override ReadOnlySpan<byte> Marker => _marker;

        public override string Rewrite(string value) => _url.Replace(value, BundlePrefix);
    }
}
