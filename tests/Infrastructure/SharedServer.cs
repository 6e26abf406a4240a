namespace SeaTable.Tests.Infrastructure;

/// <summary>
/// One server for every HTTP test of the "server" collection: a silo start costs more than most tests, so
/// they share it. Tests must not depend on what others created: each makes its own users and bases.
/// </summary>
public sealed class SharedServer : IAsyncLifetime
{
    private readonly SemaphoreSlim _adminLock = new(1, 1);
    private string? _adminToken;

    public SeaTableAppFactory Factory { get; } = new();

    public Task InitializeAsync()
    {
        // Starts the host (silo, schema, admin bootstrap) once, before the first test.
        _ = Factory.Server;
        return Task.CompletedTask;
    }

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
        await Factory.DisposeAsync();
        _adminLock.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedServerCollection : ICollectionFixture<SharedServer>
{
    public const string Name = "server";
}
