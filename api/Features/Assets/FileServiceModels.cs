using SeaTable.Api.Infrastructure.Binding;

namespace SeaTable.Api.Features.Assets;

/// <summary>GET /seafhttp/files/{token}/{name}.</summary>
public sealed record FileDownloadRequest
{
    [System.ComponentModel.Description("The download link's token (the credential).")]
    public string Token { get; init; } = "";

    [System.ComponentModel.Description("The file's name (informative: the token names the file).")]
    public string Name { get; init; } = "";
}

/// <summary>
/// POST /seafhttp/upload-api/{token}: the multipart body (file parts, parent_dir, relative_path, replace) is
/// streamed by the endpoint into the blob store, never buffered.
/// </summary>
[ReadsBodyItself]
public sealed record FileUploadRequest
{
    [System.ComponentModel.Description("The upload link's token (the credential).")]
    public string Token { get; init; } = "";

    [InQuery, FastEndpoints.BindFrom("ret-json")]
    [System.ComponentModel.Description("1: answer the stored files as JSON instead of their ids as text.")]
    public string? RetJson { get; init; }
}

/// <summary>One stored file of a ?ret-json=1 upload.</summary>
public sealed record UploadedFileResponse(string Name, string Id, long Size);
