namespace SeaTable.Grains.Common;

/// <summary>Names of the Orleans providers the grains rely on; the silo registers them.</summary>
public static class StorageNames
{
    /// <summary>The ADO.NET grain storage holding every grain's state.</summary>
    public const string Main = "seatable";
}
