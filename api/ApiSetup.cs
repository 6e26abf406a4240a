using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SeaTable.Api.Features.Docs;
using SeaTable.Api.Infrastructure.Authentication;
using SeaTable.Api.Infrastructure.Binding;
using SeaTable.Api.Infrastructure.WriteOutcomes;
using SeaTable.Api.WebApp;
using SeaTable.Grains.Settings;

namespace SeaTable.Api;

public static class ApiSetup
{
    public static IServiceCollection AddSeaTableApi(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.AddSettings<Infrastructure.BaseTokens.BaseTokenOptions>(configuration, Infrastructure.BaseTokens.BaseTokenOptions.Section);
        services.AddSettings<Infrastructure.BaseTokens.PublicUrlOptions>(configuration, Infrastructure.BaseTokens.PublicUrlOptions.Section);
        services.AddSingleton<Infrastructure.BaseTokens.BaseTokenIssuer>();
        services.AddSingleton<Infrastructure.BaseTokens.TempApiTokens>();
        services.AddSingleton<Infrastructure.GrainReferences>();
        services.AddSettings<Infrastructure.RateLimits.RateLimitOptions>(configuration, Infrastructure.RateLimits.RateLimitOptions.Section);
        services.AddSingleton<Infrastructure.RateLimits.TokenRateLimiter>();
        services.AddSingleton<Infrastructure.RateLimits.TokenUsageRecorder>();
        services.AddHostedService<Infrastructure.RateLimits.TokenUsageFlusher>();
        services.AddSettings<Infrastructure.Assets.AssetOptions>(configuration, Infrastructure.Assets.AssetOptions.Section);
        services.AddSingleton<Infrastructure.Assets.AssetLinkTokens>();
        services.AddSingleton<Infrastructure.BaseTokens.BaseTokenValidator>();
        services.AddMemoryCache();
        services.AddSingleton<Infrastructure.BaseTokens.BaseTokenAccess>();
        services.AddSettings<Infrastructure.Connections.ConnectionLimitOptions>(configuration, Infrastructure.Connections.ConnectionLimitOptions.Section);
        services.AddSingleton<Infrastructure.Connections.ConnectionLimits>();
        services.AddSingleton<Infrastructure.Connections.SocketGate>();
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>, Infrastructure.Connections.KestrelLimitsSetup>();
        services.AddSingleton<Features.Sockets.BaseRoomHub>();
        services.AddSingleton<SeaTable.Grains.Connections.ILocalBaseRooms>(sp => sp.GetRequiredService<Features.Sockets.BaseRoomHub>());
        services.AddSingleton<Features.Sockets.EngineIoSessions>();
        services.AddSingleton<SeaTable.Grains.Connections.ILocalEngineSessions>(sp => sp.GetRequiredService<Features.Sockets.EngineIoSessions>());
        services.AddSettings<Features.Sockets.SocketIoOptions>(configuration, Features.Sockets.SocketIoOptions.Section);
        services.AddMemoryCache();
        services.AddAuthentication(AccountTokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, AccountTokenAuthenticationHandler>(AccountTokenAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, StaffBasicAuthenticationHandler>(StaffBasicAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(AuthSchemes.ApiToken, null)
            .AddScheme<AuthenticationSchemeOptions, BaseTokenAuthenticationHandler>(AuthSchemes.BaseToken, null)
            .AddScheme<AuthenticationSchemeOptions, WebSessionAuthenticationHandler>(AuthSchemes.WebSession, null);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, BaseAccessHandler>();
        services.AddAuthorization(o =>
        {
            o.AddPolicy(AuthPolicies.StaffBasic, policy => policy
                .AddAuthenticationSchemes(StaffBasicAuthenticationHandler.SchemeName)
                .RequireRole(AccountTokenAuthenticationHandler.StaffRole));
            o.AddPolicy(AuthPolicies.BaseRead, policy => policy
                .AddAuthenticationSchemes(AuthSchemes.BaseToken)
                .AddRequirements(new BaseAccessRequirement(Write: false)));
            o.AddPolicy(AuthPolicies.BaseWrite, policy => policy
                .AddAuthenticationSchemes(AuthSchemes.BaseToken)
                .AddRequirements(new BaseAccessRequirement(Write: true)));
            o.AddPolicy(AuthPolicies.BaseReadOrAccount, policy => policy
                .AddAuthenticationSchemes(AuthSchemes.LoginToken, AuthSchemes.BaseToken)
                .AddRequirements(new BaseAccessRequirement(Write: false, AllowAccount: true)));
            o.AddPolicy(AuthPolicies.BaseWriteOrAccount, policy => policy
                .AddAuthenticationSchemes(AuthSchemes.LoginToken, AuthSchemes.BaseToken)
                .AddRequirements(new BaseAccessRequirement(Write: true, AllowAccount: true)));
        });
        services.AddSingleton<Infrastructure.Binding.RequestShapes>();
        // One binder instance per request type for every endpoint, from DI: FastEndpoints' per-endpoint open-generic
        // binder setting built the binder on each request (a compiled factory each time: measured -20 % on the token exchange).
        services.AddSingleton(typeof(IRequestBinder<>), typeof(SeaTableRequestBinder<>));
        services.AddFastEndpoints(o => o.Assemblies = [typeof(ApiSetup).Assembly]);
        services.AddSeaTableApiDocs();
        return services;
    }

    public static WebApplication UseSeaTableApi(this WebApplication app)
    {
        // Never a stack trace in a body: an unexpected failure is logged and answered with SeaTable's 500.
        app.UseExceptionHandler(error => error.Run(async context =>
        {
            var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            if (exception is BadHttpRequestException badRequest)
            {
                await ApiErrors.WriteErrorAsync(context, badRequest.StatusCode, "Bad request.");
                return;
            }

            if (TransientFailures.AnswerFor(exception) is { } answer)
            {
                app.Logger.LogWarning(exception, "Transient failure on {Method} {Path} (outcome unknown: {Unknown})",
                    context.Request.Method, context.Request.Path, answer.OutcomeUnknown);
                if (answer.OutcomeUnknown)
                {
                    await ApiErrors.WriteUnknownOutcomeAsync(context, answer.Status, answer.Message);
                    return;
                }

                context.Response.Headers.RetryAfter = answer.RetryAfterSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ApiErrors.WriteErrorAsync(context, answer.Status, answer.Message);
                return;
            }

            app.Logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            await ApiErrors.WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "Internal Server Error");
        }));
        app.UseSeaTableWebApp();
        app.UseRouting();
        Features.Sockets.SocketIoEndpoint.MapSocketIo(app);
        app.UseDeclaredAuthentication();
        app.UseAuthorization();
        app.UseTokenRequestCounting();
        app.UseRequestBodyReading();
        app.UseWriteOutcomeGuard();
        app.UseFastEndpoints(c =>
        {
            c.Serializer.Options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            c.Serializer.Options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            // SeaTable's dialect for every endpoint: route, query and JSON / form / multipart fields by snake_case name.
            // (FastEndpoints' default "accepts application/json" would make routing refuse the form bodies.)
            c.Endpoints.Configurator = endpoint =>
            {
                endpoint.Description(b => b.ClearDefaultAccepts());
            };
            c.Errors.ResponseBuilder = (failures, _, _) =>
                new Dictionary<string, string> { ["error_msg"] = failures.FirstOrDefault()?.ErrorMessage ?? "Bad request." };
        });

        app.MapSeaTableApiDocs();
        app.MapSeaTableWebPages();

        // Unknown routes answer in JSON too, so clients never have to parse an HTML page: every path, those that look
        // like files included (the web app's files are served before routing).
        app.MapFallback("{**path}", context => ApiErrors.WriteErrorAsync(context, StatusCodes.Status404NotFound, "Not found."));
        return app;
    }
}
