namespace SeaTable.Grains.Content;

/// <summary>Questions other grains ask of a base's content about single rows (same grain and key as <see cref="IBaseContentGrain"/>).</summary>
[Alias("seatable.IBaseRowLookupGrain")]
public interface IBaseRowLookupGrain : IGrainWithGuidKey
{
    /// <summary>Whether a row with that id is in any table of the base.</summary>
    [Alias("RowExists")]
    Task<bool> RowExists(string rowId);
}
