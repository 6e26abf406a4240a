using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IO;
using SeaTable.Grains.Accounts;
using SeaTable.Grains.Catalog;
using SeaTable.Grains.Common;
using SeaTable.Grains.Settings;

namespace SeaTable.Grains.Hosting;

public static class GrainServices
{
    /// <summary>The services the grains depend on, other than Orleans' own providers.</summary>
    public static IServiceCollection AddSeaTableGrainServices(
        this IServiceCollection services, IConfiguration configuration, DbDataSource catalogDataSource)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<SeaTableMetrics>();
        services.AddSingleton<ICatalogWriter>(new SqlCatalog(catalogDataSource));
        // The read port resolves to whichever writer is registered last (tests swap in a failing one).
        services.AddSingleton<ICatalog>(sp => sp.GetRequiredService<ICatalogWriter>());
        services.AddSingleton<SeaTable.Grains.Content.Storage.IContentStore>(sp =>
            new SeaTable.Grains.Content.Storage.SqlContentStore(catalogDataSource, sp.GetRequiredService<TimeProvider>()));
        // Snapshots of large bases are compressed into pooled 64 KB blocks (below the large object heap) instead of
        // a doubling array; the pool keeps at most 4 MB of free blocks between snapshots.
        services.TryAddSingleton(new RecyclableMemoryStreamManager(new RecyclableMemoryStreamManager.Options
        {
            BlockSize = 64 * 1024,
            MaximumSmallPoolFreeBytes = 4 * 1024 * 1024,
            MaximumLargePoolFreeBytes = 16 * 1024 * 1024,
        }));
        services.AddSettings<SeaTable.Grains.Content.ContentOptions>(configuration, SeaTable.Grains.Content.ContentOptions.Section);
        services.AddSettings<SeaTable.Grains.Content.Sql.SqlOptions>(configuration, SeaTable.Grains.Content.Sql.SqlOptions.Section);
        services.TryAddSingleton<SeaTable.Grains.Blobs.IBlobStore>(_ => new SeaTable.Grains.Blobs.FileSystemBlobStore(
            Path.Combine(Path.GetFullPath(configuration["SeaTable:DataDir"] ?? "data"), "blobs")));
        services.AddSingleton<IPasswordHasher<AccountState>, PasswordHasher<AccountState>>();
        services.AddSettings<TrashOptions>(configuration, TrashOptions.Section, TrashOptions.DeprecatedNames);
        services.AddSettings<SeaTable.Grains.ApiTokens.ApiTokenOptions>(
            configuration, SeaTable.Grains.ApiTokens.ApiTokenOptions.Section, SeaTable.Grains.ApiTokens.ApiTokenOptions.DeprecatedNames);
        services.AddSettings<SeaTable.Grains.ImportExport.ImportExportOptions>(configuration, SeaTable.Grains.ImportExport.ImportExportOptions.Section);
        services.AddSingleton<SeaTable.Grains.ImportExport.IoTaskRunner>();
        services.AddSingleton<ClusterPeers>();
        services.AddSingleton<SeaTable.Grains.Connections.IEngineSessionIds, SeaTable.Grains.Connections.EngineSessionIds>();
        services.AddPlacementDirector<SeaTable.Grains.Connections.SessionSiloPlacement, SeaTable.Grains.Connections.SessionSiloPlacementDirector>();
        services.AddPlacementDirector<SeaTable.Grains.Connections.KeySiloPlacement, SeaTable.Grains.Connections.KeySiloPlacementDirector>();
        return services;
    }
}
