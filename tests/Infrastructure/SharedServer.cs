namespace SeaTable.Tests.Infrastructure;

/// <summary>
/// One server shared by every test of a collection: a silo start costs more than most tests, so they share
/// it. Tests must not depend on what others created: each makes its own users and bases. The HTTP tests run
/// on both storages: <see cref="SharedServer"/> (SQLite) and <see cref="PostgresSharedServer"/> (PostgreSQL).
/// </summary>
public abstract class ServerFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _adminLock = new(1, 1);
    private string? _adminToken;

    /// <summary>"SQLite" or "PostgreSQL": where this server keeps its grain state, reminders and catalog.</summary>
    public abstract string Storage { get; }

    public abstract SeaTableAppFactory Factory { get; }

    /// <summary>Why this server could not start (its storage is not reachable here), or null when it runs.</summary>
    public string? UnavailableReason { get; protected set; }

    /// <summary>Skips the calling test (a [SkippableFact] or [SkippableTheory]) when the server is unavailable.</summary>
    public void SkipIfUnavailable()
    {
        if (UnavailableReason is not null)
        {
            Skip.If(true, SkipReason(UnavailableReason));
        }
    }

    /// <summary>The reason a skipped test shows for <see cref="UnavailableReason"/>.</summary>
    protected virtual string SkipReason(string unavailableReason) => unavailableReason;

    public abstract Task InitializeAsync();

    /// <summary>Test-only services for the server's host; none for the shared servers.</summary>
    protected virtual Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? TestServices => null;

    /// <summary>The system admin's token, fetched on first use and kept.</summary>
    public async Task<string> GetAdminTokenAsync()
    {
        await _adminLock.WaitAsync();
        try
        {
            return _adminToken ??= await Factory.LoginAdminAsync();
        }
        finally
        {
            _adminLock.Release();
        }
    }

    /// <summary>A new client acting as the system admin; dispose it after use.</summary>
    public async Task<HttpClient> CreateAdminClientAsync() => Factory.CreateClient(await GetAdminTokenAsync());

    public async Task DisposeAsync()
    {
        await StopAsync();
        _adminLock.Dispose();
    }

    protected abstract Task StopAsync();
}

/// <summary>The server of the "server" collection: one silo on SQLite in a temporary data folder.</summary>
public class SharedServer : ServerFixture
{
    private SeaTableAppFactory? _factory;

    public override string Storage => "SQLite";

    public override SeaTableAppFactory Factory => _factory ?? throw new InvalidOperationException("The server has not started.");

    public override Task InitializeAsync()
    {
        // Starts the host (silo, schema, admin bootstrap) once, before the first test.
        _factory = new SeaTableAppFactory(services: TestServices);
        _ = _factory.Server;
        return Task.CompletedTask;
    }

    protected override async Task StopAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedServerCollection : ICollectionFixture<SharedServer>
{
    public const string Name = "server";
}
