using SeaTable.Grains.Settings;

namespace SeaTable.Grains.ApiTokens;

/// <summary>API token settings (configuration section "SeaTable:ApiTokens").</summary>
public sealed class ApiTokenOptions
{
    public const string Section = "SeaTable:ApiTokens";

    public static readonly DeprecatedSetting[] DeprecatedNames =
    [
        new("SeaTable:LastAccessFlushInterval", nameof(LastAccessFlushInterval)),
    ];

    /// <summary>How often a token's changed last_access is written; it is kept in memory in between.</summary>
    [Duration]
    public TimeSpan LastAccessFlushInterval { get; set; } = TimeSpan.FromSeconds(3);
}
