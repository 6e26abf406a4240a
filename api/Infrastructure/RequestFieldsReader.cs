using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SeaTable.Api.Infrastructure;

/// <summary>Reads <see cref="RequestFields"/> from JSON, form-urlencoded or multipart bodies.</summary>
public static class RequestFieldsReader
{
    /// <summary>Bodies larger than this are refused before parsing; no call here needs more than a few fields.</summary>
    public const int MaxFieldBodyBytes = 1024 * 1024;

    public static async Task<FieldsReadResult> ReadAsync(HttpRequest request, CancellationToken cancellationToken, long maxBytes = MaxFieldBodyBytes)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContainsKey(HeaderNames.TransferEncoding)))
        {
            return FieldsReadResult.Ok(RequestFields.Empty);
        }

        if (request.ContentLength > maxBytes)
        {
            return FieldsReadResult.Fail(StatusCodes.Status413PayloadTooLarge, "Request body is too large.");
        }

        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value ?? "" : "";
        if (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return await ReadJsonAsync(request, cancellationToken);
        }

        if (request.HasFormContentType)
        {
            return await ReadFormAsync(request, cancellationToken);
        }

        // Django REST framework's answer to a body it has no parser for.
        return FieldsReadResult.Fail(StatusCodes.Status415UnsupportedMediaType,
            $"Unsupported media type \"{request.ContentType}\" in request.", detail: true);
    }

    private static async Task<FieldsReadResult> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return FieldsReadResult.Fail(StatusCodes.Status400BadRequest, "JSON parse error - the body must be a JSON object.", detail: true);
            }

            // JSON may escape half of a surrogate pair ("\ud800"): the parser takes it, but reading the string
            // throws later, wherever a field happens to be read (a 500). Every string is checked here once, so
            // such a body is refused as unreadable JSON before any endpoint or grain sees it.
            if (!StringsAreText(document.RootElement))
            {
                return FieldsReadResult.Fail(StatusCodes.Status400BadRequest, "JSON parse error - the body holds a string that is not valid UTF-16 (a lone surrogate).", detail: true);
            }

            var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.Clone();
            }

            return FieldsReadResult.Ok(new RequestFields(fields, new Dictionary<string, string>()));
        }
        catch (JsonException exception)
        {
            return FieldsReadResult.Fail(StatusCodes.Status400BadRequest, $"JSON parse error - {exception.Message}", detail: true);
        }
    }

    private static bool StringsAreText(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return true;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        if (!StringsAreText(item))
                        {
                            return false;
                        }
                    }

                    return true;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        if (!StringsAreText(property.Value))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static async Task<FieldsReadResult> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in form)
            {
                // Like Django's QueryDict.get: the last value of a repeated field wins.
                fields[key] = value.Count > 0 ? value[^1] ?? "" : "";
            }

            return FieldsReadResult.Ok(new RequestFields(new Dictionary<string, JsonElement>(), fields));
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or BadHttpRequestException or FormatException)
        {
            return FieldsReadResult.Fail(StatusCodes.Status400BadRequest, "Multipart form parse error - the form data is malformed.", detail: true);
        }
    }
}

/// <summary>The fields, or the status and message to answer when the body could not be read.</summary>
public sealed record FieldsReadResult(RequestFields? Fields, int Status, string? Error, bool ErrorIsDetail)
{
    public static FieldsReadResult Ok(RequestFields fields) => new(fields, StatusCodes.Status200OK, null, false);

    public static FieldsReadResult Fail(int status, string message, bool detail = false) => new(null, status, message, detail);
}
