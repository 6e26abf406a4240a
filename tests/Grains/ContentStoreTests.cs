using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using SeaTable.Grains.Content.Storage;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Grains;

[Collection(SharedServerCollection.Name)]
public sealed class ContentStoreTests_Sqlite(SharedServer server) : ContentStoreTests(server);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class ContentStoreTests_PostgreSql(PostgresSharedServer server) : ContentStoreTests(server);

/// <summary>
/// The content store on each database: snapshots are streamed in (SQLite: a zero blob filled in place;
/// PostgreSQL: a stream parameter), so these check that every byte arrives, that an older snapshot never
/// replaces a newer one, and that a snapshot deletes the operations it covers.
/// </summary>
public abstract class ContentStoreTests(ServerFixture server) : ApiTests(server)
{
    private IContentStore Store => Server.Factory.Services.GetRequiredService<IContentStore>();

    [SkippableFact]
    public async Task A_streamed_snapshot_is_stored_whole_and_only_a_newer_one_replaces_it()
    {
        var uuid = Guid.NewGuid();
        // Random bytes, so nothing on the way can shrink them; larger than SQLite's pages and Npgsql's buffers.
        var first = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
        var second = RandomNumberGenerator.GetBytes(200_001);
        for (var version = 1; version <= 6; version++)
        {
            await Store.AppendAsync(uuid, version, [(byte)version]);
        }

        await using (var stream = new MemoryStream(first))
        {
            stream.Position = stream.Length;
            await Store.SaveSnapshotAsync(uuid, 4, stream);
        }

        var stored = await Store.LoadAsync(uuid);
        Assert.Equal(4, stored.SnapshotVersion);
        Assert.Equal(first, stored.Snapshot);
        Assert.Equal([5L, 6L], stored.Operations.Select(o => o.Version));

        await Store.SaveSnapshotAsync(uuid, 3, new MemoryStream(second));
        stored = await Store.LoadAsync(uuid);
        Assert.Equal(4, stored.SnapshotVersion);
        Assert.Equal(first, stored.Snapshot);

        await Store.SaveSnapshotAsync(uuid, 6, new MemoryStream(second));
        stored = await Store.LoadAsync(uuid);
        Assert.Equal(6, stored.SnapshotVersion);
        Assert.Equal(second, stored.Snapshot);
        Assert.Empty(stored.Operations);

        await Store.DeleteAsync(uuid);
        Assert.True((await Store.LoadAsync(uuid)).IsEmpty);
    }
}
