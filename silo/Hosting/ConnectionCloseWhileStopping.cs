using Microsoft.AspNetCore.Http.Features;

namespace SeaTable.Silo.Hosting;

/// <summary>
/// From SIGTERM until HTTP drains (<see cref="ShutdownOptions.Delay"/>), every HTTP/1 response carries
/// <c>Connection: close</c>: a client or proxy then sends its next request on a new connection, which its
/// balancer gives to another silo, instead of keeping an idle connection that Kestrel's drain would close under a
/// request being written into it. WebSocket upgrades keep their <c>Connection: Upgrade</c>; HTTP/2 has no such
/// header (its GOAWAY does this).
/// </summary>
internal static class ConnectionCloseWhileStopping
{
    public static WebApplication UseConnectionCloseWhileStopping(this WebApplication app)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        app.Use((context, next) =>
        {
            if (stopping.IsCancellationRequested
                && (HttpProtocol.IsHttp11(context.Request.Protocol) || HttpProtocol.IsHttp10(context.Request.Protocol))
                && context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest != true)
            {
                context.Response.Headers.Connection = "close";
            }

            return next(context);
        });
        return app;
    }
}
