using Microsoft.Extensions.DependencyInjection;

namespace SeaTable.Grains.Connections;

/// <summary>See <see cref="IEngineSessionGrain"/>: forwards polls and posts to the silo-local session.</summary>
[SessionSiloPlacement]
public sealed class EngineSessionGrain(IServiceProvider services) : Grain, IEngineSessionGrain
{
    /// <summary>A forwarded poll waits at most this long, under Orleans' 30 s call timeout; the client polls again.</summary>
    private static readonly TimeSpan MaxForwardedWait = TimeSpan.FromSeconds(20);

    Task IEngineSessionGrain.Register()
    {
        // The session's own silo serves it without calling here: idleness says nothing about the session.
        DelayDeactivation(TimeSpan.FromDays(1));
        return Task.CompletedTask;
    }

    Task IEngineSessionGrain.Forget()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    async Task<EnginePollingAnswer> IEngineSessionGrain.Poll()
    {
        var local = Local();
        return local is null ? UnknownSid() : await local.PollAsync(this.GetPrimaryKeyString(), MaxForwardedWait);
    }

    async Task<EnginePollingAnswer> IEngineSessionGrain.Post(string payload)
    {
        var local = Local();
        return local is null ? UnknownSid() : await local.PostAsync(this.GetPrimaryKeyString(), payload);
    }

    /// <summary>This silo's sessions (the session is here when this activation is where the handshake was answered).</summary>
    private ILocalEngineSessions? Local() => services.GetService<ILocalEngineSessions>();

    private EnginePollingAnswer UnknownSid()
    {
        // Activated by a stray request (the session's silo died, or the sid never existed): nothing to keep.
        DeactivateOnIdle();
        return EnginePollingAnswer.UnknownSid;
    }
}
