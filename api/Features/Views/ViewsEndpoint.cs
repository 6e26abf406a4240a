using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Views;

/// <summary>The views calls: the base's views grain, and the errors only views have.</summary>
public abstract class ViewsEndpoint<TRequest, TResponse> : BaseServerEndpoint<TRequest, TResponse> where TRequest : notnull
{
    /// <summary>The content grain's views interface (same activation as <see cref="BaseCaller.Content"/>).</summary>
    protected IBaseViewsGrain Views => GrainRefs.GetGrain<IBaseViewsGrain>(Caller.Uuid);

    /// <summary>The answer's JSON, or its error: SeaTable's 400 {"error_msg"} for the view errors, else the house's.</summary>
    protected Task SendViewReplyAsync(ContentReply reply, bool write) => reply switch
    {
        { Error: ContentError.None, Json: { } json } => SendRawJsonAsync(json),
        { Error: ContentError.None } => JsonAsync(new { success = true }),
        { Error: ContentError.ViewExists } => BadRequestAsync($"view {reply.Detail} already exists"),
        { Error: ContentError.LastView } => BadRequestAsync("The last view cannot be deleted"),
        { Error: ContentError.ViewInvalid or ContentError.ParamsInvalid, Detail: { } detail } => BadRequestAsync(detail),
        _ => SendContentErrorAsync(reply, write),
    };
}
