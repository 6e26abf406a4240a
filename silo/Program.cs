using System.Diagnostics;
using SeaTable.Api;
using SeaTable.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSeaTableSilo();
builder.Services.AddSeaTableApi();

var app = builder.Build();
app.UseSeaTableApi();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
    app.Logger.LogInformation("SeaTable server ready on {Urls} in {Milliseconds:F0} ms", string.Join(", ", app.Urls), sinceStart.TotalMilliseconds);
});

app.Run();
