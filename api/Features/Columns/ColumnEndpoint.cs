using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Columns;

/// <summary>The column calls' base: the base's column grain, and the refusals the grain words itself.</summary>
public abstract class ColumnEndpoint<TRequest, TResponse> : BaseServerEndpoint<TRequest, TResponse> where TRequest : notnull
{
    protected IBaseColumnsGrain Columns => GrainRefs.GetGrain<IBaseColumnsGrain>(Caller.Uuid);

    /// <summary>A refusal with the grain's own text (400 {"error_msg"}), else the content errors' usual bodies.</summary>
    protected Task SendColumnErrorAsync(ContentReply reply) =>
        reply.Error == ContentError.ParamsInvalid && reply.Detail is { Length: > 0 } detail
            ? BadRequestAsync(detail)
            : SendContentErrorAsync(reply, write: true);
}
