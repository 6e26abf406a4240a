using SeaTable.Grains.Accounts;

namespace SeaTable.Api.Features.Accounts;

/// <summary>
/// The user object of dtable-web's admin calls (Admin's create-user endpoints still extend it as a dictionary);
/// the caller's own account answers <see cref="AccountInfoResponse"/>.
/// </summary>
public static class AccountJson
{
    public static Dictionary<string, object?> From(AccountProfile profile)
    {
        var json = new Dictionary<string, object?>
        {
            ["email"] = profile.Id,
            ["name"] = profile.Name,
            ["contact_email"] = profile.ContactEmail,
            ["login_id"] = "",
            ["avatar_url"] = "",
            ["is_staff"] = profile.IsStaff,
            ["is_active"] = profile.IsActive,
            ["create_time"] = IsoTime.Format(profile.CreatedAt),
            ["role"] = "default",
            ["workspace_id"] = profile.WorkspaceId,
        };
        if (profile.OrgId > 0)
        {
            json["org_id"] = profile.OrgId;
            json["is_org_staff"] = profile.IsOrgStaff;
        }

        return json;
    }
}
