namespace SeaTable.Silo.Hosting;

/// <summary>Host settings (configuration section "SeaTable").</summary>
public sealed class SiloOptions
{
    /// <summary>Where the database, keys and files live; relative paths are taken from the working directory.</summary>
    public string DataDir { get; set; } = "data";

    public AdminOptions Admin { get; set; } = new();

    public OrleansOptions Orleans { get; set; } = new();

    public string DataDirFullPath => Path.GetFullPath(DataDir);

    public string SqliteDatabasePath => Path.Combine(DataDirFullPath, "seatable.db");
}

/// <summary>The system admin created on the first start of an empty data folder.</summary>
public sealed class AdminOptions
{
    public string? Email { get; set; }
    public string? Password { get; set; }
}

public sealed class OrleansOptions
{
    /// <summary>Must never change once data exists: storage and reminder rows are keyed by it.</summary>
    public string ServiceId { get; set; } = "seatable";
    public string ClusterId { get; set; } = "seatable";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
}
