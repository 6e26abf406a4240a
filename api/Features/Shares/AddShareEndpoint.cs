using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.Shares;

/// <summary>POST …/dtable/{name}/share/ with <c>email</c> and <c>permission</c> ("r" or "rw").</summary>
[SeaTable.Api.Infrastructure.WriteOutcomes.RepeatableWrite]
public sealed class AddShareEndpoint : SetShareEndpointBase
{
    public override void Configure()
    {
        Post(Route);
        Summary(s =>
        {
            s.Summary = "Share a base with a user (base owner)";
            s.Response<SuccessResponse>(201, "Shared: {\"success\": true}");
        });
    }

    protected override int SuccessStatus => Microsoft.AspNetCore.Http.StatusCodes.Status201Created;

    protected override Task<DTableResult> ChangeAsync(IDTableGrain dtable, string userId, string permission) =>
        dtable.Share(CallerId, userId, permission);
}
