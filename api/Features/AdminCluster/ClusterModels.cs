namespace SeaTable.Api.Features.AdminCluster;

/// <summary>GET /api/v2.1/admin/cluster/: the silos that are members now, each with its load.</summary>
public sealed record ClusterResponse(
    [property: System.ComponentModel.Description("The silo that answered (its address).")] string AnsweredBy,
    IReadOnlyList<ClusterSilo> Silos);

/// <summary>One member silo.</summary>
public sealed record ClusterSilo(
    string Address,
    string Name,
    [property: System.ComponentModel.Description("Orleans' membership status: Active, Joining, ShuttingDown, ...")] string Status,
    string StartedAt,
    [property: System.ComponentModel.Description("Its open Socket.IO connections; null when it did not answer in time.")] long? Sockets,
    [property: System.ComponentModel.Description("Its running import and export tasks; null when it did not answer in time.")] long? TasksRunning);
