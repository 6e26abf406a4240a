namespace SeaTable.Grains.Accounts;

/// <summary>
/// Maps a contact email to its user id (key: the normalized email). Being one grain per address, it is
/// the single place where "is this email taken?" is decided, so two concurrent sign-ups cannot both win.
/// </summary>
[Alias("seatable.IEmailIndexGrain")]
public interface IEmailIndexGrain : IGrainWithStringKey
{
    [Alias("GetUserId")]
    Task<string?> GetUserId();

    /// <summary>Claims the address for the user; false when a live account already holds it.</summary>
    [Alias("TryClaim")]
    Task<bool> TryClaim(string userId);

    [Alias("Release")]
    Task Release(string userId);
}
