using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SeaTable.Api.Infrastructure.BaseTokens;

/// <summary>What a base token grants (reference 4.1), plus the API token's id and version for revocation.</summary>
public sealed record BaseTokenGrant(
    Guid DTableUuid,
    string Permission,
    long OrgId,
    string OwnerId,
    string Username,
    string? AppName,
    string? TokenId,
    int? TokenVersion);

/// <summary>Signs base tokens: HS256 JWTs with SeaTable's claims, as dtable-web issues them.</summary>
public sealed class BaseTokenIssuer(IOptions<BaseTokenOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly Lazy<SymmetricSecurityKey> _key = new(() => new SymmetricSecurityKey(LoadSecret(options.Value)));
    private SigningCredentials? _credentials;

    public SymmetricSecurityKey SigningKey => _key.Value;

    private SigningCredentials Credentials => _credentials ??= new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256);

    public string Issue(BaseTokenGrant grant)
    {
        var expires = clock.GetUtcNow() + options.Value.Lifetime;
        var claims = new Dictionary<string, object>
        {
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["dtable_uuid"] = grant.DTableUuid.ToString(),
            ["permission"] = grant.Permission,
            ["org_id"] = grant.OrgId,
            ["owner_id"] = grant.OwnerId,
            ["username"] = grant.Username,
            ["id_in_org"] = "",
            ["user_department_ids_map"] = new Dictionary<string, object>
            {
                ["current_user_department_ids"] = Array.Empty<int>(),
                ["current_user_department_and_sub_ids"] = Array.Empty<int>(),
            },
        };
        if (grant.AppName is not null)
        {
            claims["app_name"] = grant.AppName;
        }

        if (grant.TokenId is not null)
        {
            claims["token_id"] = grant.TokenId;
            claims["token_version"] = grant.TokenVersion ?? 0;
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = Credentials,
        });
    }

    private static byte[] LoadSecret(BaseTokenOptions options)
    {
        if (!string.IsNullOrEmpty(options.Secret))
        {
            var configured = Encoding.UTF8.GetBytes(options.Secret);
            return configured.Length >= BaseTokenOptions.MinimumSecretBytes
                ? configured
                : throw new InvalidOperationException($"SeaTable:Jwt:Secret must be at least {BaseTokenOptions.MinimumSecretBytes} bytes long.");
        }

        var file = options.SecretFile
            ?? throw new InvalidOperationException("Set SeaTable:Jwt:Secret (or the data folder the silo keeps a generated one in).");
        if (!File.Exists(file))
        {
            // Written under a temporary name and moved into place without overwriting: when several silos
            // start at once on a shared folder, the first move wins and everyone reads that secret.
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            var temporary = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temporary, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
            try
            {
                File.Move(temporary, file, overwrite: false);
            }
            catch (IOException) when (File.Exists(file))
            {
                File.Delete(temporary);
            }
        }

        return Convert.FromBase64String(File.ReadAllText(file).Trim());
    }
}
