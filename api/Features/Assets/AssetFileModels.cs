namespace SeaTable.Api.Features.Assets;

/// <summary>GET /workspace/{workspace_id}/asset/{uuid}/{path}: a file of a base, by the URL a cell stores.</summary>
public sealed record AssetFileRequest
{
    [System.ComponentModel.Description("The base's workspace.")]
    public long WorkspaceId { get; init; }

    [System.ComponentModel.Description("The base's uuid.")]
    public string Uuid { get; init; } = "";

    [System.ComponentModel.Description("The file's path inside the base's assets (images/…, files/…, custom/…).")]
    public string Path { get; init; } = "";
}
