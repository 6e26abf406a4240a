using SeaTable.Grains.Settings;

namespace SeaTable.Api.Infrastructure.Assets;

/// <summary>Asset upload and download settings (configuration section "SeaTable:Assets").</summary>
public sealed class AssetOptions
{
    public const string Section = "SeaTable:Assets";

    /// <summary>The largest upload accepted (per request); larger ones get 442 and leave nothing behind.</summary>
    [AtLeast(1)]
    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>How long an upload or download link works (Seafile's are valid for some minutes to hours).</summary>
    [Duration]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(1);
}
