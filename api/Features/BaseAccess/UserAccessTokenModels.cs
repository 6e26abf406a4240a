using System.Text.Json.Serialization;

namespace SeaTable.Api.Features.BaseAccess;

public sealed record UserAccessTokenRequest
{
    public long WorkspaceId { get; init; }

    [System.ComponentModel.Description("The base's name (URL-encoded).")]
    public string Name { get; init; } = "";
}

/// <summary>The caller's base token and where the base is served (reference 8.7).</summary>
public sealed record UserAccessTokenResponse(
    string AccessToken,
    [property: JsonPropertyName("dtable_uuid")] string DTableUuid,
    [property: JsonPropertyName("dtable_server")] string DTableServer,
    [property: JsonPropertyName("dtable_socket")] string DTableSocket,
    [property: JsonPropertyName("dtable_db")] string DTableDb,
    long WorkspaceId,
    [property: JsonPropertyName("dtable_name")] string DTableName,
    string Permission,
    bool UseApiGateway);
