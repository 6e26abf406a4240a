namespace SeaTable.Grains.Sequences;

/// <summary>Hands out increasing integer ids for one kind of object (key: the kind's name).</summary>
[Alias("seatable.IIdSequenceGrain")]
public interface IIdSequenceGrain : IGrainWithStringKey
{
    [Alias("Next")]
    Task<long> Next();
}

/// <summary>The sequences in use.</summary>
public static class Sequences
{
    public const string DTable = "dtable";
    public const string Workspace = "workspace";
    public const string Organization = "org";
}
