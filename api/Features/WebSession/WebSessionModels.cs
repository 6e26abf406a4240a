namespace SeaTable.Api.Features.WebSession;

/// <summary>The answer of POST and DELETE /api/v2.1/web-session/.</summary>
public sealed record WebSessionResponse(
    [property: System.ComponentModel.Description("True once the cookie is set (POST) or cleared (DELETE).")] bool Success);
