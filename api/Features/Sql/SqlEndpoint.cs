using System.Security.Claims;
using SeaTable.Api.Infrastructure.Authentication;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Sql;

/// <summary>
/// The dtable-db calls: a base token (an app's or the user's own) for the route's base; the base's SQL interface on the
/// same activation as its rows; SQL's own error body for every failure the endpoint or the grain finds.
/// </summary>
public abstract class SqlEndpoint<TRequest, TResponse> : BaseServerEndpoint<TRequest, TResponse> where TRequest : notnull
{
    protected IBaseSqlGrain Sql => GrainRefs.GetGrain<IBaseSqlGrain>(Caller.Uuid);

    /// <summary>Declares the base token and read policy; validation failures come to the handler so they answer in SQL's body.</summary>
    protected void SqlRead(params string[] routes)
    {
        Post(routes);
        BaseRead();
        DontThrowIfValidationFails();
    }

    /// <summary>The first validation failure in SQL's 400 body; false when the request is valid.</summary>
    protected async Task<bool> RefusedAsync()
    {
        if (!ValidationFailed)
        {
            return false;
        }

        await SqlErrorBodies.WriteAsync(HttpContext, SqlError.Invalid, ValidationFailures[0].ErrorMessage);
        return true;
    }

    /// <summary>The grain's JSON as it wrote it, or its error in SeaTable's status and body.</summary>
    protected Task SendSqlReplyAsync(SqlReply reply) => reply is { Error: SqlError.None, Json: { } json }
        ? SendRawJsonAsync(json)
        : SqlErrorBodies.WriteAsync(HttpContext, reply.Error == SqlError.None ? SqlError.Invalid : reply.Error, reply.Message);

    /// <summary>The user behind a user's own base token (an app's token has a token id and no user of its own).</summary>
    protected string? CurrentUser => User.FindFirstValue(TokenClaims.TokenId) is null ? Caller.Actor : null;
}
