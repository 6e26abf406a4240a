using SeaTable.Grains.Accounts;
using SeaTable.Grains.Organizations;

namespace SeaTable.Api.Features.Admin;

/// <summary>The organization object of dtable-web's admin calls.</summary>
public static class OrganizationJson
{
    public static Dictionary<string, object?> From(OrganizationInfo org, AccountProfile? creator) => new()
    {
        ["org_id"] = org.Id,
        ["org_name"] = org.Name,
        ["ctime"] = IsoTime.Format(org.CreatedAt),
        ["org_url_prefix"] = org.UrlPrefix,
        ["role"] = "org_default",
        ["creator_email"] = org.AdminUserId,
        ["creator_name"] = creator?.Name ?? org.AdminUserId,
        ["creator_contact_email"] = creator?.ContactEmail ?? "",
        ["quota"] = -2,
        ["storage_usage"] = 0,
        ["users_count"] = org.Members.Count,
    };
}
