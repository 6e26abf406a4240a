namespace SeaTable.Grains.Common;

/// <summary>What a caller may do with a base. Ordered: a higher value includes the lower ones.</summary>
[GenerateSerializer]
public enum AccessLevel
{
    None = 0,
    Read = 1,
    ReadWrite = 2,
    /// <summary>Owner of the base's workspace: may rename, delete, share and manage tokens.</summary>
    Admin = 3,
}

/// <summary>The two share permissions SeaTable knows, as they appear on the wire ("r", "rw").</summary>
public static class SharePermission
{
    public const string Read = "r";
    public const string ReadWrite = "rw";

    public static bool IsValid(string? value) => value is Read or ReadWrite;

    public static AccessLevel ToAccess(string permission) =>
        permission == ReadWrite ? AccessLevel.ReadWrite : AccessLevel.Read;
}
