using System.Diagnostics;
using Microsoft.Extensions.Options;
using SeaTable.Api;
using SeaTable.Silo.Hosting;
using SeaTable.Silo.Operations;

try
{
    // appsettings*.json are read from beside the executable, or in Development from silo/ (SiloContentRoot), so
    // the working directory only decides where a relative data folder goes.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = SiloContentRoot.Resolve(args) });
    // The documented default address, unless --urls, Urls or ASPNETCORE_URLS / _HTTP_PORTS says otherwise.
    if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
    {
        builder.WebHost.UseUrls("http://127.0.0.1:8000");
    }

    builder.AddSeaTableSilo();
    builder.AddSeaTableOperations();
    builder.Services.AddSeaTableApi(builder.Configuration);
    builder.AddShutdownDelay();

    var app = builder.Build();

    // Every setting is checked here, before the silo joins a cluster or Kestrel listens. The host would check
    // them too, but only after logging the failure with its stack trace as "Hosting failed to start".
    app.Services.GetService<IStartupValidator>()?.Validate();

    app.UseConnectionCloseWhileStopping();
    app.MapSeaTableOperations();
    app.UseSeaTableApi();

    app.Lifetime.ApplicationStarted.Register(() =>
    {
        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        app.Logger.LogInformation("SeaTable server ready on {Urls} in {Milliseconds:F0} ms", string.Join(", ", app.Urls), sinceStart.TotalMilliseconds);
    });

    app.Run();
    return 0;
}
catch (Exception e) when (SettingErrors.Describe(e) is { } lines)
{
    // One line per bad setting and no stack trace: the operator has a value to fix, not a bug to report.
    foreach (var line in lines)
    {
        Console.Error.WriteLine($"seatable: {line}");
    }

    return SettingErrors.ExitCode;
}
