namespace SeaTable.Grains.Common;

/// <summary>How long trashed bases are kept (configuration section "SeaTable").</summary>
public sealed class TrashOptions
{
    /// <summary>Days a base stays in the trash before it is purged (SeaTable: 30). Fractions are allowed.</summary>
    public double TrashRetentionDays { get; set; } = 30;

    /// <summary>How often a purge that failed is tried again.</summary>
    public TimeSpan TrashPurgeRetryPeriod { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan Retention => TimeSpan.FromDays(TrashRetentionDays);
}
