using System.Net.Mail;
using SeaTable.Grains.Accounts;

namespace SeaTable.Api.Features.Admin;

/// <summary>The field names and messages of one call that creates a user: they differ between SeaTable's calls.</summary>
public sealed record AccountFieldNames(string Email, string EmailInvalid, string Name, string PasswordMissing);

/// <summary>Reading and validating the fields that create a user, shared by the admin user and organization calls.</summary>
public static class NewAccountFields
{
    public const int MaxNameLength = 64;

    /// <summary>The new account (not staff, active), or the 400 message for the first invalid field.</summary>
    public static (NewAccount? Account, string? Error) Read(string? email, string? password, string? name, AccountFieldNames names)
    {
        email = email?.Trim();
        if (!IsValidEmail(email))
        {
            return (null, names.EmailInvalid);
        }

        if (string.IsNullOrEmpty(password))
        {
            return (null, names.PasswordMissing);
        }

        if (NameError(name) is { } nameError)
        {
            return (null, nameError);
        }

        var displayName = string.IsNullOrWhiteSpace(name) ? email!.Split('@')[0] : name.Trim();
        return (new NewAccount(email!, displayName, password, IsStaff: false, IsActive: true), null);
    }

    public static string CreatedMessage(CreateAccountError error, string email) => error switch
    {
        CreateAccountError.EmailTaken => $"User {email} already exists.",
        _ => "Internal Server Error",
    };

    private static bool IsValidEmail(string? email) =>
        !string.IsNullOrWhiteSpace(email) && email.Length <= 254 && !email.Contains(' ')
        && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email;

    private static string? NameError(string? name) => name switch
    {
        null => null,
        { Length: > MaxNameLength } => $"Name is too long (maximum is {MaxNameLength} characters).",
        _ when name.Contains('/') => "Name should not include '/'.",
        _ => null,
    };
}
