using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Hosting;

/// <summary>The factory's settings reach Program at builder time, where SiloSetup reads them.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class SettingsTests(SharedServer server)
{
    [Fact]
    public void Data_folder_setting_is_used_for_the_database_and_keys()
    {
        Assert.True(File.Exists(Path.Combine(server.Factory.DataDir, "seatable.db")));
        Assert.True(Directory.Exists(Path.Combine(server.Factory.DataDir, "keys")));
    }

    [Fact]
    public void Silo_listens_on_the_factory_ports()
    {
        var silo = server.Factory.Services.GetRequiredService<ILocalSiloDetails>();
        Assert.Equal(server.Factory.SiloPort, silo.SiloAddress.Endpoint.Port);
        Assert.Equal(server.Factory.GatewayPort, silo.GatewayAddress?.Endpoint.Port);
    }

    [Fact]
    public void Settings_arrive_as_the_highest_precedence_source()
    {
        var configuration = (IConfigurationRoot)server.Factory.Services.GetRequiredService<IConfiguration>();
        Assert.Equal(server.Factory.DataDir, configuration["SeaTable:DataDir"]);
        Assert.Equal(server.Factory.AdminEmail, configuration["SeaTable:Admin:Email"]);

        // The last provider holding a key decides its value: for the factory's settings, Program's args.
        var winner = configuration.Providers.Last(p => p.TryGet("SeaTable:Orleans:SiloPort", out _));
        Assert.IsType<CommandLineConfigurationProvider>(winner);
    }

    [Fact]
    public async Task Ping_answers_pong()
    {
        using var client = server.Factory.CreateClient();
        var body = await client.GetJsonAsync("/api2/ping/");
        Assert.Equal("pong", body.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_route_answers_json_404()
    {
        using var client = server.Factory.CreateClient();
        var body = await client.GetJsonAsync("/api2/no-such-route/", HttpStatusCode.NotFound);
        Assert.NotNull(body["error_msg"]);
    }
}
