using Orleans.Concurrency;

namespace SeaTable.Grains.Connections;

/// <summary>
/// The address of one Engine.IO polling session (key: its sid) in the cluster. The silo that answered the
/// handshake holds the session, and its address is part of the sid (<see cref="IEngineSessionIds"/>), so this
/// grain is always placed there, even when its directory entry was lost with another silo; a poll or post that a load balancer
/// sends to another silo is forwarded through this grain to the session's silo. When that silo dies, a new
/// activation finds no session and answers engine.io's "Session ID unknown", and the client reconnects.
/// </summary>
[Alias("seatable.IEngineSessionGrain")]
public interface IEngineSessionGrain : IGrainWithStringKey
{
    /// <summary>Called by the session's silo at the handshake: activates this grain there and keeps it for the session.</summary>
    [Alias("Register")]
    Task Register();

    /// <summary>The session ended: the grain may go.</summary>
    [Alias("Forget")]
    [OneWay]
    Task Forget();

    /// <summary>A long-poll GET on the session's silo (its wait bounded well under the call timeout).</summary>
    [Alias("Poll")]
    [AlwaysInterleave]
    Task<EnginePollingAnswer> Poll();

    /// <summary>A POST of the client's packets (0x1E-separated) on the session's silo.</summary>
    [Alias("Post")]
    [AlwaysInterleave]
    Task<EnginePollingAnswer> Post(string payload);
}

/// <summary>An HTTP answer of the polling transport: status, content type and body.</summary>
[GenerateSerializer]
[Alias("seatable.EnginePollingAnswer")]
public sealed record EnginePollingAnswer([property: Id(0)] int Status, [property: Id(1)] string ContentType, [property: Id(2)] string Body)
{
    public static readonly EnginePollingAnswer UnknownSid = new(400, "application/json", """{"code":1,"message":"Session ID unknown"}""");
}

/// <summary>The polling sessions this silo holds, as the HTTP layer serves them (registered by the API in the silo's services).</summary>
public interface ILocalEngineSessions
{
    Task<EnginePollingAnswer> PollAsync(string sid, TimeSpan maxWait);

    Task<EnginePollingAnswer> PostAsync(string sid, string payload);
}

/// <summary>
/// New Engine.IO session ids that name the silo making them, so that the session's grain is placed on that silo
/// whichever silo a later request reaches (registered by the grains in the silo's services).
/// </summary>
public interface IEngineSessionIds
{
    string NewSid();
}
