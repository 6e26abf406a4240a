using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace SeaTable.Api.Infrastructure.Assets;

public enum AssetLinkKind
{
    Upload,
    Download,
}

/// <summary>What a link allows: uploads into, or downloading one file of, one base's asset folder.</summary>
public sealed record AssetLink(AssetLinkKind Kind, Guid DTableUuid, string Path);

/// <summary>
/// The tokens inside upload and download links: encrypted, authenticated and time-limited with Data
/// Protection (the key ring is shared by every silo), so any silo can check a link without a lookup.
/// </summary>
public sealed class AssetLinkTokens(IDataProtectionProvider dataProtection, IOptions<AssetOptions> options)
{
    private readonly ITimeLimitedDataProtector _protector =
        dataProtection.CreateProtector("SeaTable.AssetLinks").ToTimeLimitedDataProtector();

    public string Create(AssetLink link) => _protector.Protect(JsonSerializer.Serialize(link), options.Value.LinkLifetime);

    /// <summary>The link's grant, or null for a forged, altered or expired token.</summary>
    public AssetLink? Read(string token)
    {
        try
        {
            return JsonSerializer.Deserialize<AssetLink>(_protector.Unprotect(token));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }
}
