using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SeaTable.Grains.ApiTokens;
using SeaTable.Grains.Common;
using SeaTable.Grains.Hosting;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Settings;

/// <summary>The flat names the trash and last-access settings had before their sections still apply, unless the new name is set.</summary>
public sealed class DeprecatedNamesTests
{
    [Fact]
    public void Old_names_apply_when_the_new_ones_are_absent()
    {
        var trash = RegisteredSettings.Read<TrashOptions>(new Dictionary<string, string?>
        {
            ["SeaTable:TrashRetentionDays"] = "2.5",
            ["SeaTable:TrashPurgeRetryPeriod"] = "00:05:00",
        });
        Assert.Equal(2.5, trash.RetentionDays);
        Assert.Equal(TimeSpan.FromMinutes(5), trash.PurgeRetryPeriod);

        var tokens = RegisteredSettings.Read<ApiTokenOptions>(new Dictionary<string, string?> { ["SeaTable:LastAccessFlushInterval"] = "00:00:09" });
        Assert.Equal(TimeSpan.FromSeconds(9), tokens.LastAccessFlushInterval);
    }

    [Fact]
    public void New_names_win_over_old_ones()
    {
        var trash = RegisteredSettings.Read<TrashOptions>(new Dictionary<string, string?>
        {
            ["SeaTable:TrashRetentionDays"] = "2.5",
            ["SeaTable:Trash:RetentionDays"] = "7",
            ["SeaTable:TrashPurgeRetryPeriod"] = "00:05:00",
        });
        Assert.Equal(7, trash.RetentionDays);
        Assert.Equal(TimeSpan.FromMinutes(5), trash.PurgeRetryPeriod); // its new name is absent: the old one applies
    }

    [Fact]
    public void A_bad_old_value_is_reported_under_the_old_name_with_the_new_one()
    {
        var failure = Assert.Single(RegisteredSettings.Failures(new Dictionary<string, string?> { ["SeaTable:LastAccessFlushInterval"] = "soon" }));
        Assert.StartsWith("Setting SeaTable__LastAccessFlushInterval (SeaTable:LastAccessFlushInterval), the deprecated name of SeaTable__ApiTokens__LastAccessFlushInterval, must be a positive duration",
            failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Grain_services_read_the_old_names_through_their_options()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SeaTable:TrashRetentionDays"] = "3",
            ["SeaTable:LastAccessFlushInterval"] = "00:00:04",
        }).Build();
        var services = new ServiceCollection();
        services.AddSeaTableGrainServices(configuration, SqliteFactory.Instance.CreateDataSource("Data Source=:memory:"));
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(3, provider.GetRequiredService<IOptions<TrashOptions>>().Value.RetentionDays);
        Assert.Equal(TimeSpan.FromSeconds(4), provider.GetRequiredService<IOptions<ApiTokenOptions>>().Value.LastAccessFlushInterval);
    }

    [Fact]
    public async Task The_server_applies_an_old_name()
    {
        await using var factory = new SeaTableAppFactory(settings: new Dictionary<string, string?> { ["SeaTable:TrashRetentionDays"] = "4" });
        using var client = factory.CreateClient();
        Assert.Equal(TimeSpan.FromDays(4), factory.Services.GetRequiredService<IOptions<TrashOptions>>().Value.Retention);
    }
}
