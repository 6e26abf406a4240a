using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SeaTable.Api;
using SeaTable.Grains.Settings;
using SeaTable.Silo.Hosting;
using SeaTable.Silo.Operations;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Settings;

/// <summary>
/// The settings sections the server really registers: Program's registration calls run on a fresh builder
/// (its data folder a temporary one) and the <see cref="ISettingsSection"/> singletons they added are read back.
/// </summary>
public static class RegisteredSettings
{
    private static readonly Lazy<IReadOnlyList<ISettingsSection>> Registered = new(Collect);

    public static IReadOnlyList<ISettingsSection> Sections => Registered.Value;

    /// <summary>Every section's fresh options read from <paramref name="settings"/>; the failure lines of all sections that refuse them.</summary>
    public static IReadOnlyList<string> Failures(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var failures = new List<string>();
        foreach (var section in Sections)
        {
            try
            {
                section.Read(configuration);
            }
            catch (Microsoft.Extensions.Options.OptionsValidationException e)
            {
                failures.AddRange(e.Failures);
            }
        }

        return failures;
    }

    public static T Read<T>(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return (T)Sections.Single(s => s.OptionsType == typeof(T)).Read(configuration);
    }

    private static List<ISettingsSection> Collect()
    {
        var dataDir = TestFolders.NewTempFolder("settings-registration");
        try
        {
            var builder = WebApplication.CreateBuilder();
            builder.Configuration["SeaTable:DataDir"] = dataDir;
            builder.AddSeaTableSilo();
            builder.AddSeaTableOperations();
            builder.Services.AddSeaTableApi(builder.Configuration);
            builder.AddShutdownDelay();
            var sections = builder.Services
                .Where(d => d.ServiceType == typeof(ISettingsSection))
                .Select(d => (ISettingsSection)d.ImplementationInstance!)
                .ToList();
            Assert.Contains(sections, s => s.OptionsType == typeof(SiloOptions));
            Assert.Contains(sections, s => s.OptionsType == typeof(OperationsOptions));
            Assert.Contains(sections, s => s.OptionsType == typeof(ShutdownOptions));
            Assert.Contains(sections, s => s.OptionsType == typeof(ApiSetup).Assembly.GetType("SeaTable.Api.Infrastructure.BaseTokens.BaseTokenOptions"));
            return sections;
        }
        finally
        {
            TestFolders.TryDelete(dataDir);
        }
    }
}
