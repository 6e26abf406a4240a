using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Text;

namespace SeaTable.Grains.Settings;

/// <summary>
/// A rule on one setting. <see cref="Requirement"/> finishes the sentence "SeaTable__X must be ...", so the
/// start-up message says what the value has to be, not only that it is wrong.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public abstract class SettingRuleAttribute : ValidationAttribute
{
    public abstract string Requirement { get; }

    /// <summary>What else the operator can do, said after the value (e.g. that leaving it unset is fine).</summary>
    public string? Hint { get; init; }
}

/// <summary>A number (whole or not) of at least <paramref name="minimum"/>.</summary>
public sealed class AtLeastAttribute(double minimum) : SettingRuleAttribute
{
    public double Minimum { get; } = minimum;

    public override string Requirement => $"at least {Minimum.ToString(CultureInfo.InvariantCulture)}";

    public override bool IsValid(object? value) => value is null || Convert.ToDouble(value, CultureInfo.InvariantCulture) >= Minimum;
}

/// <summary>A number strictly above <paramref name="minimum"/> and at most <see cref="Maximum"/>.</summary>
public sealed class GreaterThanAttribute(double minimum) : SettingRuleAttribute
{
    public double Minimum { get; } = minimum;

    public double Maximum { get; init; } = double.MaxValue;

    public override string Requirement => Maximum < double.MaxValue
        ? $"greater than {Minimum.ToString(CultureInfo.InvariantCulture)} and at most {Maximum.ToString(CultureInfo.InvariantCulture)}"
        : $"greater than {Minimum.ToString(CultureInfo.InvariantCulture)}";

    public override bool IsValid(object? value)
    {
        if (value is null)
        {
            return true;
        }

        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        return number > Minimum && number <= Maximum && double.IsFinite(number);
    }
}

/// <summary>A positive duration, optionally with a floor (reminders run at most once a minute).</summary>
public sealed class DurationAttribute : SettingRuleAttribute
{
    /// <summary>The shortest value accepted, as a TimeSpan string ("00:01:00"); when unset, anything above zero.</summary>
    public string? Minimum { get; init; }

    private TimeSpan Floor => Minimum is null ? TimeSpan.Zero : TimeSpan.Parse(Minimum, CultureInfo.InvariantCulture);

    public override string Requirement => Minimum is null
        ? "a positive duration (d.hh:mm:ss, e.g. 00:00:30)"
        : $"a duration of at least {Minimum} (d.hh:mm:ss)";

    public override bool IsValid(object? value) =>
        value is not TimeSpan duration || (Minimum is null ? duration > TimeSpan.Zero : duration >= Floor);
}

/// <summary>When set, at least this many bytes of UTF-8 (an HMAC key shorter than its hash is weak, and refused by the JWT library).</summary>
public sealed class MinimumBytesAttribute(int bytes) : SettingRuleAttribute
{
    public int Bytes { get; } = bytes;

    public override string Requirement => $"at least {Bytes} bytes long when set";

    public override bool IsValid(object? value) =>
        value is not string text || text.Length == 0 || Encoding.UTF8.GetByteCount(text) >= Bytes;
}

/// <summary>When set, an absolute http or https URL.</summary>
public sealed class AbsoluteHttpUrlAttribute : SettingRuleAttribute
{
    public override string Requirement => "an absolute http:// or https:// URL such as https://seatable.example.com, or unset";

    public override bool IsValid(object? value) =>
        value is not string text || string.IsNullOrWhiteSpace(text)
        || (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && !string.IsNullOrEmpty(uri.Host));
}

/// <summary>One of a fixed set of names, in any letter case.</summary>
public sealed class OneOfAttribute(params string[] names) : SettingRuleAttribute
{
    public IReadOnlyList<string> Names { get; } = names;

    public override string Requirement => $"one of {string.Join(", ", Names)}";

    public override bool IsValid(object? value) =>
        value is not string text || Names.Contains(text, StringComparer.OrdinalIgnoreCase);
}

/// <summary>An IPv4 or IPv6 address (not a host name: Orleans advertises the address as it is).</summary>
public sealed class IpAddressAttribute : SettingRuleAttribute
{
    public override string Requirement => "an IP address such as 10.0.0.5";

    public override bool IsValid(object? value) => value is not string text || IPAddress.TryParse(text, out _);
}

/// <summary>Empty (the endpoint is off) or an absolute URL path.</summary>
public sealed class UrlPathOrEmptyAttribute : SettingRuleAttribute
{
    public override string Requirement => "empty (off) or a path starting with / such as /metrics";

    public override bool IsValid(object? value) =>
        value is not string text || text.Length == 0 || (text.StartsWith('/') && !text.Any(char.IsWhiteSpace) && !text.Contains('?', StringComparison.Ordinal));
}

/// <summary>A setting whose value is never repeated in a message (secrets, passwords).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SensitiveAttribute : Attribute;

/// <summary>Empty (the default applies) or something with one @ between a name and a domain.</summary>
public sealed class EmailOrEmptyAttribute : SettingRuleAttribute
{
    public override string Requirement => "an email address such as admin@example.com, or unset";

    public override bool IsValid(object? value)
    {
        if (value is not string text || string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var trimmed = text.Trim();
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < trimmed.Length - 1 && at == trimmed.LastIndexOf('@') && !trimmed.Any(char.IsWhiteSpace);
    }
}
