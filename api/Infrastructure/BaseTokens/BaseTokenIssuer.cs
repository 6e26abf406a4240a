using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
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

/// <summary>Signs base tokens: HS256 JWTs with SeaTable's claims, as dtable-web issues them (written by <see cref="Hs256Jwt"/>).</summary>
public sealed class BaseTokenIssuer(IOptions<BaseTokenOptions> options, TimeProvider clock)
{
    private readonly Lazy<SymmetricSecurityKey> _key = new(() => new SymmetricSecurityKey(LoadSecret(options.Value)));

    public SymmetricSecurityKey SigningKey => _key.Value;

    public string Issue(BaseTokenGrant grant)
    {
        var expires = clock.GetUtcNow() + options.Value.Lifetime;
        return Hs256Jwt.Create(_key.Value.Key, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("exp", expires.ToUnixTimeSeconds());
            writer.WriteString("dtable_uuid", grant.DTableUuid.ToString());
            writer.WriteString("permission", grant.Permission);
            writer.WriteNumber("org_id", grant.OrgId);
            writer.WriteString("owner_id", grant.OwnerId);
            writer.WriteString("username", grant.Username);
            writer.WriteString("id_in_org", "");
            writer.WriteStartObject("user_department_ids_map");
            writer.WriteStartArray("current_user_department_ids");
            writer.WriteEndArray();
            writer.WriteStartArray("current_user_department_and_sub_ids");
            writer.WriteEndArray();
            writer.WriteEndObject();
            if (grant.AppName is not null)
            {
                writer.WriteString("app_name", grant.AppName);
            }

            if (grant.TokenId is not null)
            {
                writer.WriteString("token_id", grant.TokenId);
                writer.WriteNumber("token_version", grant.TokenVersion ?? 0);
            }

            writer.WriteEndObject();
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
