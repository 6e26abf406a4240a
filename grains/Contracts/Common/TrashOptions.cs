using SeaTable.Grains.Settings;

namespace SeaTable.Grains.Common;

/// <summary>How long trashed bases are kept (configuration section "SeaTable:Trash").</summary>
public sealed class TrashOptions
{
    public const string Section = "SeaTable:Trash";

    /// <summary>The flat names these settings had before they got their own section; still read when the new one is absent.</summary>
    public static readonly DeprecatedSetting[] DeprecatedNames =
    [
        new("SeaTable:TrashRetentionDays", nameof(RetentionDays)),
        new("SeaTable:TrashPurgeRetryPeriod", nameof(PurgeRetryPeriod)),
    ];

    /// <summary>Days a base stays in the trash before it is purged (SeaTable: 30). Fractions are allowed.</summary>
    /// <remarks>At most 100 years: beyond about 29,000 years the purge time no longer fits a date.</remarks>
    [GreaterThan(0, Maximum = 36_500)]
    public double RetentionDays { get; set; } = 30;

    /// <summary>How often a purge that failed is tried again: a reminder period, and Orleans refuses one under a minute.</summary>
    [Duration(Minimum = "00:01:00")]
    public TimeSpan PurgeRetryPeriod { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan Retention => TimeSpan.FromDays(RetentionDays);
}
