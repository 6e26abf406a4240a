using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using SeaTable.Api.Infrastructure.Authentication;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Infrastructure.BaseTokens;

/// <summary>
/// Base of the calls dtable-server answers (the row API): authenticated by a base token (JWT) in
/// "Authorization: Token|Bearer", checked on every call for signature, expiry, the base in the URL (either
/// uuid form), revocation, and "rw" for writes. The route names the base "{uuid}".
/// </summary>
public abstract class BaseServerEndpoint<TRequest, TResponse> : SeaTableEndpoint<TRequest, TResponse> where TRequest : notnull
{
    protected const string PermissionDenied = "Permission denied.";

    /// <summary>Reads only: a base token for the route's base, "r" or "rw", counted as the token's base_read.</summary>
    protected void BaseRead() => DeclareBaseToken(AuthPolicies.BaseRead, "base_read");

    /// <summary>Writes: a base token for the route's base that grants "rw", counted as the token's base_write.</summary>
    protected void BaseWrite() => DeclareBaseToken(AuthPolicies.BaseWrite, "base_write");

    private void DeclareBaseToken(string policy, string usageKind)
    {
        AuthSchemes(Authentication.AuthSchemes.BaseToken);
        Policies(policy);
        Options(builder => builder.WithMetadata(new TokenUsage(usageKind)));
    }

    /// <summary>The caller the base-token scheme and policy let through (they ran before the endpoint).</summary>
    protected BaseCaller Caller
    {
        get
        {
            var uuid = Guid.Parse(User.FindFirst(TokenClaims.DTableUuid)!.Value);
            return new BaseCaller(uuid, User.FindFirst(TokenClaims.Actor)!.Value, User.FindFirst(TokenClaims.Permission)!.Value,
                GrainRefs.GetGrain<IBaseContentGrain>(uuid));
        }
    }

    /// <summary>JSON the content grain already wrote, sent as it is.</summary>
    protected async Task SendRawJsonAsync(byte[] json)
    {
        HttpContext.Response.StatusCode = StatusCodes.Status200OK;
        HttpContext.Response.ContentType = "application/json";
        HttpContext.Response.ContentLength = json.Length;
        await HttpContext.Response.Body.WriteAsync(json, HttpContext.RequestAborted);
    }

    /// <summary>{"name": json}: SeaTable's wrapped answers ("metadata", "views", "columns").</summary>
    protected async Task SendWrappedAsync(string name, byte[] json)
    {
        HttpContext.Response.StatusCode = StatusCodes.Status200OK;
        HttpContext.Response.ContentType = "application/json";
        var body = HttpContext.Response.Body;
        await body.WriteAsync(System.Text.Encoding.UTF8.GetBytes("{" + JsonSerializer.Serialize(name) + ":"), HttpContext.RequestAborted);
        await body.WriteAsync(json, HttpContext.RequestAborted);
        await body.WriteAsync("}"u8.ToArray(), HttpContext.RequestAborted);
    }

    /// <summary>
    /// A content error in dtable-server's body: writes answer 400 {"error_type", "error_message"} for a
    /// missing table or row (reference 9.2), reads 404 {"error_msg"}.
    /// </summary>
    protected Task SendContentErrorAsync(ContentReply reply, bool write)
    {
        var detail = reply.Detail ?? "";
        return reply.Error switch
        {
            ContentError.NoContent => NotFoundAsync("dtable not found."),
            ContentError.IdempotencyKeyReused => ErrorAsync(StatusCodes.Status422UnprocessableEntity,
                $"Idempotency-Key {detail} was used for another request."),
            ContentError.TableNotFound when write => TypedErrorAsync("table_not_exist", $"table {detail} not found"),
            ContentError.TableNotFound => NotFoundAsync("table not found"),
            ContentError.RowNotFound when write => TypedErrorAsync("row_not_exist", "Row does not exist."),
            ContentError.RowNotFound => NotFoundAsync("row _id not exits"),
            ContentError.ViewNotFound => NotFoundAsync("view not found"),
            ContentError.ColumnNotFound => BadRequestAsync($"column {detail} not found"),
            ContentError.LinkNotFound => TypedErrorAsync("link_not_exist", $"link {detail} not found"),
            ContentError.ValueInvalid => TypedErrorAsync("value_invalid", detail),
            ContentError.TableExists => BadRequestAsync($"table {detail} already exists"),
            ContentError.RowsExceeded => ErrorAsync(443, "Rows exceeded."),
            ContentError.LimitExceeded => BadRequestAsync(detail),
            ContentError.RowLocked => ApiErrors.WriteTypedErrorAsync(HttpContext, StatusCodes.Status403Forbidden, "row_locked", $"Row {detail} is locked."),
            _ => BadRequestAsync("params invalid"),
        };
    }

    protected Task TypedErrorAsync(string type, string message) =>
        ApiErrors.WriteTypedErrorAsync(HttpContext, StatusCodes.Status400BadRequest, type, message);
}

/// <summary>A call on one base: the route's "{uuid}" (the base token's claim names the same base).</summary>
public record BaseUuidRequest
{
    [System.ComponentModel.Description("The base's uuid, with or without dashes.")]
    public string Uuid { get; init; } = "";
}

/// <summary>A call on one table of the base, named by "table_name" (the query of a read, the body of a write).</summary>
public record BaseTableRequest : BaseUuidRequest
{
    [System.ComponentModel.DataAnnotations.Required]
    public string? TableName { get; init; }
}

public static class BaseRequestRules
{
    /// <summary>dtable-server's first check of every table call: a non-empty name (whitespace counts as a name).</summary>
    public static void RequireTableName<T>(this AbstractValidator<T> validator) where T : BaseTableRequest =>
        validator.RuleFor(r => r.TableName).Must(name => name is { Length: > 0 }).WithMessage("table_name invalid.");
}

/// <summary>Who calls the row API for which base: the actor written into rows and what the token grants.</summary>
public sealed record BaseCaller(Guid Uuid, string Actor, string Permission, IBaseContentGrain Content);

/// <summary>The routes of dtable-server's calls: v1 under /dtable-server/, v2 there and under /api-gateway/.</summary>
public static class BaseRoutes
{
    public static string V1(string path) => ("/dtable-server/api/v1/dtables/{uuid}/" + path).TrimEnd('/');

    public static string[] V2(string path) =>
        [("/dtable-server/api/v2/dtables/{uuid}/" + path).TrimEnd('/'), ("/api-gateway/api/v2/dtables/{uuid}/" + path).TrimEnd('/')];

    public static string[] V1AndV2(string path) => [V1(path), .. V2(path)];
}
