using SeaTable.Grains.ImportExport;

namespace SeaTable.Api.Features.ImportExport;

/// <summary>What the import/export calls share: task and base ids from the query string, and who is an admin.</summary>
public abstract class IoTaskEndpoint : SeaTableEndpoint
{
    protected bool IsAdmin => User.IsInRole(AccountTokenAuthenticationHandler.StaffRole);

    /// <summary>The query's uuid (dashed or 32 hex), or null after answering 400 "&lt;name&gt; invalid.".</summary>
    protected async Task<Guid?> ReadUuidAsync(string name)
    {
        var text = HttpContext.Request.Query[name].ToString().Trim();
        if ((text.Length == 36 && Guid.TryParseExact(text, "D", out var uuid)) || (text.Length == 32 && Guid.TryParseExact(text, "N", out uuid)))
        {
            return uuid;
        }

        await BadRequestAsync($"{name} invalid.");
        return null;
    }

    protected IIoTaskGrain TaskGrain(Guid taskId) => Grains.GetGrain<IIoTaskGrain>(taskId);

    protected static string TaskId(Guid taskId) => taskId.ToString();

    protected static string TaskType(IoTaskKind kind) => kind == IoTaskKind.Export ? "export" : "import";
}
