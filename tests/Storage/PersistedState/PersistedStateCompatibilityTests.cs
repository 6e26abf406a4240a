using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using SeaTable.Grains.Common;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Storage.PersistedState;

/// <summary>
/// Grain state rows name the CLR types they hold, with their assembly ("$type": "…, SeaTable.Grains"). The
/// payloads in this folder were written by the storage of the code before the contracts moved out of that
/// assembly; every one must still load, field for field, with the serializer the silo uses.
/// </summary>
[Collection(SharedServerCollection.Name)]
public sealed class PersistedStateCompatibilityTests(SharedServer server)
{
    private static readonly MethodInfo SerializeMethod = typeof(IGrainStorageSerializer).GetMethod(nameof(IGrainStorageSerializer.Serialize))!;
    private static readonly MethodInfo DeserializeMethod = typeof(IGrainStorageSerializer).GetMethod(nameof(IGrainStorageSerializer.Deserialize))!;

    public static TheoryData<string> Names => [.. PersistedStateSamples.All.Select(s => s.Name)];

    private IGrainStorageSerializer Serializer => server.Factory.Services
        .GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(StorageNames.Main).GrainStorageSerializer;

    [Theory]
    [MemberData(nameof(Names))]
    public void An_old_payload_loads_with_every_field(string name)
    {
        var (_, type, sample) = PersistedStateSamples.All.Single(s => s.Name == name);

        var loaded = Deserialize(type, OldPayload(name));

        Assert.IsType(type, loaded);
        // Written again by today's code, the loaded state and the sample it was made from are the same.
        Assert.Equal(Serialize(type, sample).ToString(), Serialize(type, loaded).ToString());
    }

    [Theory]
    [InlineData("dtable")]
    [InlineData("apitoken")]
    public async Task An_old_row_loads_through_the_grain_storage(string name)
    {
        var (_, type, sample) = PersistedStateSamples.All.Single(s => s.Name == name);
        var read = await ((Task<object?>)typeof(PersistedStateCompatibilityTests)
            .GetMethod(nameof(LoadThroughStorageAsync), BindingFlags.NonPublic | BindingFlags.Instance)!
            .MakeGenericMethod(type).Invoke(this, [sample, OldPayload(name)])!);

        Assert.NotNull(read);
        Assert.Equal(Serialize(type, sample).ToString(), Serialize(type, read).ToString());
    }

    [Fact]
    public void Every_persisted_state_type_has_an_old_payload()
    {
        var persisted = typeof(SeaTable.Grains.Hosting.GrainServices).Assembly.GetTypes()
            .SelectMany(t => t.GetConstructors())
            .SelectMany(c => c.GetParameters())
            .Where(p => p.GetCustomAttribute<PersistentStateAttribute>() is not null)
            .Select(p => p.ParameterType.GetGenericArguments().Single())
            .ToHashSet();

        Assert.Subset(PersistedStateSamples.All.Select(s => s.Type).ToHashSet(), persisted);
    }

    [Fact]
    public void Every_project_type_inside_persisted_state_resolves_by_its_old_assembly_qualified_name()
    {
        var reachable = new HashSet<Type>();
        foreach (var (_, type, _) in PersistedStateSamples.All)
        {
            Collect(type, reachable);
        }

        Assert.NotEmpty(reachable);
        foreach (var type in reachable)
        {
            // What a stored "$type" says: the namespace and name, and the assembly the type lived in.
            Assert.Same(type, Type.GetType($"{type.FullName}, SeaTable.Grains", throwOnError: false));
        }
    }

    private static void Collect(Type type, HashSet<Type> seen)
    {
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Collect(argument, seen);
            }
        }

        if (type.Namespace?.StartsWith("SeaTable.", StringComparison.Ordinal) != true || !seen.Add(type))
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Collect(property.PropertyType, seen);
        }
    }

    /// <summary>Writes the sample through the grain storage, swaps the row's payload for the old one, reads it back.</summary>
    private async Task<object?> LoadThroughStorageAsync<T>(T sample, BinaryData oldPayload)
    {
        var storage = server.Factory.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);
        var grainId = GrainId.Create("seatable-test-compat", Guid.NewGuid().ToString("N"));
        await storage.WriteStateAsync("compat", grainId, new GrainState<T>(sample));

        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder
                     {
                         DataSource = Path.Combine(server.Factory.DataDir, "seatable.db"),
                         Pooling = false,
                     }.ToString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE OrleansStorage SET PayloadBinary = @old WHERE PayloadBinary = @new";
            command.Parameters.AddWithValue("@old", oldPayload.ToArray());
            command.Parameters.AddWithValue("@new", Serializer.Serialize(sample).ToArray());
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var read = new GrainState<T>();
        await storage.ReadStateAsync("compat", grainId, read);
        Assert.True(read.RecordExists);
        return read.State;
    }

    private static BinaryData OldPayload(string name) =>
        BinaryData.FromBytes(File.ReadAllBytes(Path.Combine(TestFolders.RepositoryRoot, "tests", "Storage", "PersistedState", name + ".json")));

    private BinaryData Serialize(Type type, object value) => (BinaryData)SerializeMethod.MakeGenericMethod(type).Invoke(Serializer, [value])!;

    private object Deserialize(Type type, BinaryData data) => DeserializeMethod.MakeGenericMethod(type).Invoke(Serializer, [data])!;
}
