namespace SeaTable.Api.Infrastructure;

/// <summary>dtable-web's error body, <c>{"error_msg": "..."}</c> (the document's schema; <see cref="ApiErrors"/> writes it).</summary>
public sealed record ErrorBody(string ErrorMsg);

/// <summary>Django REST framework's authentication error body, <c>{"detail": "..."}</c>.</summary>
public sealed record DetailBody(string Detail);

/// <summary>dtable-server's error body for a missing table, row or link, or a value of the wrong type.</summary>
public sealed record TypedErrorBody(string ErrorType, string ErrorMessage);

/// <summary><c>{"success": true}</c>: what SeaTable answers for a change that returns nothing else.</summary>
public sealed record SuccessResponse(bool Success = true);
