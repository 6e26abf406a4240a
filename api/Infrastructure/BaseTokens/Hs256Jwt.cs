using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SeaTable.Api.Infrastructure.BaseTokens;

/// <summary>
/// Writes an HS256 JSON Web Token (RFC 7515 compact form: header.payload.signature, base64url) from a payload
/// written straight into UTF-8. Hand-written because issuing a base token is the hot path of the API-token
/// exchange (every app's first call, benchmarked against ping) and the library's token handler spent most of the
/// exchange's own time building the token through dictionaries; tokens are still read and checked with the
/// library (<see cref="BaseTokenValidator"/>), and a test holds the two to the same claims.
/// </summary>
internal static class Hs256Jwt
{
    /// <summary>{"alg":"HS256","typ":"JWT"} in base64url, as the library writes it.</summary>
    private static ReadOnlySpan<byte> Header => "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"u8;

    public static string Create(ReadOnlySpan<byte> key, Action<Utf8JsonWriter> writePayload)
    {
        var payload = new ArrayBufferWriter<byte>(512);
        // Escaped as the library escapes (relaxed): the same claims give the same token.
        using (var writer = new Utf8JsonWriter(payload, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writePayload(writer);
        }

        var payloadLength = Base64Url.GetEncodedLength(payload.WrittenCount);
        var signatureLength = Base64Url.GetEncodedLength(HMACSHA256.HashSizeInBytes);
        var total = Header.Length + 1 + payloadLength + 1 + signatureLength;
        var rented = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            var token = rented.AsSpan(0, total);
            Header.CopyTo(token);
            token[Header.Length] = (byte)'.';
            Base64Url.EncodeToUtf8(payload.WrittenSpan, token.Slice(Header.Length + 1, payloadLength), out _, out _);
            var signed = Header.Length + 1 + payloadLength;
            Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(key, token[..signed], hash);
            token[signed] = (byte)'.';
            Base64Url.EncodeToUtf8(hash, token[(signed + 1)..], out _, out _);
            return Encoding.ASCII.GetString(token);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
