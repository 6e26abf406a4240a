namespace SeaTable.Silo.Hosting;

/// <summary>Host settings (configuration section "SeaTable").</summary>
public sealed class SiloOptions
{
    /// <summary>Where the database, keys and files live; relative paths are taken from the working directory.</summary>
    public string DataDir { get; set; } = "data";

    public AdminOptions Admin { get; set; } = new();

    public OrleansOptions Orleans { get; set; } = new();

    public StorageOptions Storage { get; set; } = new();

    public string DataDirFullPath => Path.GetFullPath(DataDir);

    public string SqliteDatabasePath => Path.Combine(DataDirFullPath, "seatable.db");
}

/// <summary>The system admin created on the first start of an empty data folder.</summary>
public sealed class AdminOptions
{
    public string? Email { get; set; }
    public string? Password { get; set; }
}

/// <summary>Where grain state, reminders, membership and the catalog live.</summary>
public sealed class StorageOptions
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSQL";

    /// <summary>"Sqlite" (one silo, the data folder's seatable.db) or "PostgreSQL" (a cluster; needs ConnectionStrings:SeaTable).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>PostgreSQL only: apply deploy/sql/postgresql at start (the schema is otherwise a deploy step).</summary>
    public bool ApplySchema { get; set; }

    public bool IsPostgreSql => string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase);
}

public sealed class OrleansOptions
{
    /// <summary>Must never change once data exists: storage and reminder rows are keyed by it.</summary>
    public string ServiceId { get; set; } = "seatable";
    public string ClusterId { get; set; } = "seatable";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at (PostgreSQL clusters): the pod or host IP.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Listen on every interface (containers) rather than only on the advertised address.</summary>
    public bool ListenOnAnyAddress { get; set; }

    /// <summary>
    /// Where other silos' grains were last seen, remembered per silo (Orleans' directory cache). Orleans
    /// reserves room for its default of 1,000,000 up front, about 18 MB before the first request; a base
    /// is a handful of grains, so this default covers tens of thousands of busy bases, and a grain found in
    /// no cache costs one directory lookup.
    /// </summary>
    public int DirectoryCacheSize { get; set; } = 100_000;
}
