using System.Net.Mail;
using SeaTable.Grains.Accounts;

namespace SeaTable.Api.Features.Admin;

/// <summary>Validation of the fields that create a user, shared by the admin user and organization calls.</summary>
public static class NewAccountFields
{
    public const int MaxNameLength = 64;

    public static bool IsValidEmail(string? email) =>
        !string.IsNullOrWhiteSpace(email) && email.Length <= 254 && MailAddress.TryCreate(email.Trim(), out var parsed)
        && parsed.Address == email.Trim() && !email.Contains(' ');

    /// <summary>The error message for an unacceptable display name, or null when it is acceptable.</summary>
    public static string? NameError(string? name) => name switch
    {
        null => null,
        { Length: > MaxNameLength } => $"Name is too long (maximum is {MaxNameLength} characters).",
        _ when name.Contains('/') => "Name should not include '/'.",
        _ => null,
    };

    public static string DefaultName(string email) => email.Trim().Split('@')[0];

    public static string CreatedMessage(CreateAccountError error, string email) => error switch
    {
        CreateAccountError.EmailTaken => $"User {email} already exists.",
        _ => "Internal Server Error",
    };
}
