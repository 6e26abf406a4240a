namespace SeaTable.Grains.Hosting;

/// <summary>
/// Whether another silo could take this one's work. A grain that calls another while the silo stops asks
/// here first: with no other active silo the call cannot be placed anywhere, and Orleans logs each such
/// attempt as a warning and a failure that hide the real errors.
/// </summary>
public sealed class ClusterPeers(IClusterMembershipService membership, ILocalSiloDetails silo)
{
    public bool AnyOtherActive => membership.CurrentSnapshot.Members.Values
        .Any(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(silo.SiloAddress));
}
