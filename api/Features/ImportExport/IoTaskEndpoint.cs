using SeaTable.Grains.ImportExport;

namespace SeaTable.Api.Features.ImportExport;

/// <summary>What the import/export calls share: the task grain and who is an admin (the ids are checked by the validators).</summary>
public abstract class IoTaskEndpoint<TRequest, TResponse> : SeaTableEndpoint<TRequest, TResponse> where TRequest : notnull
{
    protected bool IsAdmin => User.IsInRole(AccountTokenAuthenticationHandler.StaffRole);

    protected IIoTaskGrain TaskGrain(Guid taskId) => Grains.GetGrain<IIoTaskGrain>(taskId);

    protected static string TaskId(Guid taskId) => taskId.ToString();

    protected static string TaskType(IoTaskKind kind) => kind == IoTaskKind.Export ? "export" : "import";
}
