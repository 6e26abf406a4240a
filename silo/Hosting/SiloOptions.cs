using System.ComponentModel.DataAnnotations;
using SeaTable.Grains.Settings;

namespace SeaTable.Silo.Hosting;

/// <summary>
/// Host settings (configuration section "SeaTable"): the data folder at the top, admin, Orleans and storage
/// in their own sub-sections. The features' settings have sections of their own next to these.
/// </summary>
public sealed class SiloOptions
{
    public const string Section = "SeaTable";

    /// <summary>Where the database, keys and files live; relative paths are taken from the working directory.</summary>
    [Required]
    public string DataDir { get; set; } = "data";

    public AdminOptions Admin { get; set; } = new();

    public OrleansOptions Orleans { get; set; } = new();

    public StorageOptions Storage { get; set; } = new();

    /// <summary>Test-only settings (see <see cref="StepHoldFilter"/>); empty in production.</summary>
    public TestingOptions Testing { get; set; } = new();

    public string DataDirFullPath => Path.GetFullPath(DataDir);

    public string SqliteDatabasePath => Path.Combine(DataDirFullPath, "seatable.db");
}

/// <summary>Hooks for the cluster tests only.</summary>
public sealed class TestingOptions
{
    /// <summary>"Interface.Method" of a grain call to hold after it ran (tests kill the silo then); unset: none.</summary>
    public string? HoldAfter { get; set; }
}

/// <summary>The system admin created on the first start of an empty data folder.</summary>
public sealed class AdminOptions
{
    /// <summary>Unset: admin@seatable.local.</summary>
    [EmailOrEmpty]
    public string? Email { get; set; }

    /// <summary>Unset: a random one, printed once.</summary>
    [Sensitive]
    public string? Password { get; set; }
}

/// <summary>Where grain state, reminders, membership and the catalog live.</summary>
public sealed class StorageOptions
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSQL";

    /// <summary>"Sqlite" (one silo, the data folder's seatable.db) or "PostgreSQL" (a cluster; needs ConnectionStrings:SeaTable).</summary>
    [OneOf(Sqlite, PostgreSql)]
    public string Provider { get; set; } = Sqlite;

    /// <summary>PostgreSQL only: apply deploy/sql/postgresql at start (the schema is otherwise a deploy step).</summary>
    public bool ApplySchema { get; set; }

    public bool IsPostgreSql => string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase);
}

public sealed class OrleansOptions
{
    /// <summary>Must never change once data exists: storage and reminder rows are keyed by it.</summary>
    [Required]
    public string ServiceId { get; set; } = "seatable";

    [Required]
    public string ClusterId { get; set; } = "seatable";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at (PostgreSQL clusters): the pod or host IP.</summary>
    [IpAddress]
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Listen on every interface (containers) rather than only on the advertised address.</summary>
    public bool ListenOnAnyAddress { get; set; }

    /// <summary>
    /// Where other silos' grains were last seen, remembered per silo (Orleans' directory cache). Orleans
    /// reserves room for its default of 1,000,000 up front, about 18 MB before the first request; a base
    /// is a handful of grains, so this default covers tens of thousands of busy bases, and a grain found in
    /// no cache costs one directory lookup.
    /// </summary>
    [AtLeast(1)]
    public int DirectoryCacheSize { get; set; } = 100_000;

    /// <summary>
    /// How often each silo writes "I am alive" into the membership table (PostgreSQL clusters). A silo that died
    /// with every other (a power cut, kill -9 of all) stays Active in the table; a silo starting afterwards
    /// waits for it, and cannot vote it dead alone, until its entry is two intervals old. With Orleans' default of
    /// 30 s a restarted cluster was not back within 90 s; 15 s brings it back in about a minute (5 s: half a
    /// minute), for one small UPDATE per silo and interval.
    /// </summary>
    [Duration]
    public TimeSpan IAmAliveInterval { get; set; } = TimeSpan.FromSeconds(15);
}
