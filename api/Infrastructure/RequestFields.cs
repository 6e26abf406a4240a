using System.Text.Json;

namespace SeaTable.Api.Infrastructure;

/// <summary>
/// The fields of a request body, whatever way it was sent: SeaTable's clients send the same call as
/// JSON, form-urlencoded or multipart depending on the client, and the server must accept all three.
/// </summary>
public sealed class RequestFields
{
    public static readonly RequestFields Empty = new(new Dictionary<string, JsonElement>(), new Dictionary<string, string>());

    private readonly IReadOnlyDictionary<string, JsonElement> _json;
    private readonly IReadOnlyDictionary<string, string> _form;

    internal RequestFields(IReadOnlyDictionary<string, JsonElement> json, IReadOnlyDictionary<string, string> form)
    {
        _json = json;
        _form = form;
    }

    /// <summary>The fields in a stable order (names sorted, values as sent): what makes two bodies the same request.</summary>
    public string Canonical()
    {
        var text = new System.Text.StringBuilder();
        foreach (var (name, value) in _json.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append('j').Append(name.Length).Append(':').Append(name).Append('=').Append(value.GetRawText()).Append('\n');
        }

        foreach (var (name, value) in _form.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append('f').Append(name.Length).Append(':').Append(name).Append('=').Append(value).Append('\n');
        }

        return text.ToString();
    }

    public bool Has(string name) => _json.ContainsKey(name) || _form.ContainsKey(name);

    /// <summary>
    /// The field as text; null when absent, JSON null, or not a JSON string (a number sent for a name is as
    /// invalid as no name: the caller answers "… invalid.").
    /// </summary>
    public string? String(string name)
    {
        if (_form.TryGetValue(name, out var value))
        {
            return value;
        }

        return _json.TryGetValue(name, out var element) && element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    /// <summary>The field as sent in a JSON body (objects and arrays included); null when absent or sent as a form.</summary>
    public JsonElement? Json(string name) => _json.TryGetValue(name, out var element) ? element : null;

    /// <summary>A boolean sent as JSON true/false or as the text "true"/"false"/"1"/"0" (any case).</summary>
    public BoolField Bool(string name)
    {
        if (_json.TryGetValue(name, out var element))
        {
            return element.ValueKind switch
            {
                JsonValueKind.True => BoolField.True,
                JsonValueKind.False => BoolField.False,
                JsonValueKind.String => ParseBool(element.GetString()),
                JsonValueKind.Number when element.TryGetInt32(out var n) && n is 0 or 1 => n == 1 ? BoolField.True : BoolField.False,
                _ => BoolField.Invalid,
            };
        }

        return _form.TryGetValue(name, out var value) ? ParseBool(value) : BoolField.Absent;
    }

    private static BoolField ParseBool(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "true" or "1" => BoolField.True,
        "false" or "0" => BoolField.False,
        _ => BoolField.Invalid,
    };
}

public enum BoolField
{
    Absent,
    True,
    False,
    Invalid,
}
