using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace SeaTable.Grains.Settings;

/// <summary>A key that is still read: its value applies when the new key (<paramref name="Property"/> under the section) is absent.</summary>
/// <param name="OldKey">The full old configuration path, e.g. "SeaTable:TrashRetentionDays".</param>
/// <param name="Property">The property path under the section, e.g. "RetentionDays".</param>
public sealed record DeprecatedSetting(string OldKey, string Property);

/// <summary>How settings are named to operators: as the environment variable, with the configuration path beside it.</summary>
public static class SettingNames
{
    public static string EnvironmentName(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    public static string Describe(string key) => $"{EnvironmentName(key)} ({key})";
}

/// <summary>A registered settings section, whatever its options type: what tests and documentation enumerate.</summary>
public interface ISettingsSection
{
    Type OptionsType { get; }

    string Section { get; }

    IReadOnlyList<DeprecatedSetting> Deprecated { get; }

    /// <summary>Binds and validates a fresh instance; throws <see cref="OptionsValidationException"/> on a bad value.</summary>
    object Read(IConfiguration configuration);
}

/// <summary>
/// One options class bound to its configuration section: the deprecated keys it still reads, a conversion check
/// that runs before the binder (which would otherwise throw a bare InvalidOperationException at the first
/// request that needs the options), and the rules of its properties turned into one line per bad setting.
/// </summary>
public sealed partial class SettingsSection<T> : ISettingsSection
    where T : class, new()
{
    public SettingsSection(string section, IReadOnlyList<DeprecatedSetting> deprecated)
    {
        Section = section;
        Deprecated = deprecated;
        foreach (var old in deprecated)
        {
            _ = PropertyAt(typeof(T), old.Property) ?? throw new ArgumentException($"{typeof(T).Name} has no setting {old.Property}.", nameof(deprecated));
        }
    }

    public string Section { get; }

    public IReadOnlyList<DeprecatedSetting> Deprecated { get; }

    public Type OptionsType => typeof(T);

    object ISettingsSection.Read(IConfiguration configuration) => Read(configuration);

    public string KeyOf(string propertyPath) => $"{Section}:{propertyPath}";

    /// <summary>Binds, validates and returns the options: for the few settings the host needs while it is being built.</summary>
    public T Read(IConfiguration configuration)
    {
        var options = new T();
        Bind(configuration, options);
        var failures = Validate(configuration, options);
        return failures.Count == 0 ? options : throw new OptionsValidationException(Options.DefaultName, typeof(T), failures);
    }

    /// <summary>The section, then each deprecated key whose new key is absent. Throws one failure per value that does not convert.</summary>
    public void Bind(IConfiguration configuration, T options)
    {
        var failures = new List<string>();
        foreach (var (path, property) in Leaves(typeof(T), ""))
        {
            var key = SourceKey(configuration, path);
            if (configuration[key] is { } value && !TryConvert(property.PropertyType, value, out _))
            {
                failures.Add($"{Name(configuration, path)} must be {ConversionRequirement(property)}, not '{value}'.");
            }
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(T), failures);
        }

        configuration.GetSection(Section).Bind(options);
        foreach (var old in Deprecated)
        {
            if (configuration[KeyOf(old.Property)] is null && configuration[old.OldKey] is { } value)
            {
                Assign(options, old.Property, value);
            }
        }
    }

    /// <summary>Every rule of every property (nested groups included) and every object-level rule, as operator-facing lines.</summary>
    public IReadOnlyList<string> Validate(IConfiguration configuration, T options)
    {
        var failures = new List<string>();
        ValidateGroup(configuration, options, "", failures);
        return failures;
    }

    /// <summary>The key a property's value comes from: the deprecated one when only that is set.</summary>
    public string SourceKey(IConfiguration configuration, string propertyPath)
    {
        var key = KeyOf(propertyPath);
        if (configuration[key] is null)
        {
            foreach (var old in Deprecated)
            {
                if (string.Equals(old.Property, propertyPath, StringComparison.OrdinalIgnoreCase) && configuration[old.OldKey] is not null)
                {
                    return old.OldKey;
                }
            }
        }

        return key;
    }

    private string Name(IConfiguration configuration, string propertyPath)
    {
        var key = KeyOf(propertyPath);
        var source = SourceKey(configuration, propertyPath);
        return source == key
            ? $"Setting {SettingNames.Describe(key)}"
            : $"Setting {SettingNames.Describe(source)}, the deprecated name of {SettingNames.EnvironmentName(key)},";
    }

    private void ValidateGroup(IConfiguration configuration, object group, string prefix, List<string> failures)
    {
        foreach (var property in SettableProperties(group.GetType()))
        {
            var path = prefix + property.Name;
            var value = property.GetValue(group);
            if (IsGroup(property.PropertyType))
            {
                if (value is not null)
                {
                    ValidateGroup(configuration, value, path + ":", failures);
                }

                continue;
            }

            foreach (var rule in property.GetCustomAttributes<ValidationAttribute>())
            {
                if (!rule.IsValid(value))
                {
                    var hint = rule is SettingRuleAttribute { Hint: { } text } ? $"; {text}" : "";
                    failures.Add($"{Name(configuration, path)} must be {Requirement(rule)}{Actual(property, rule, value)}{hint}.");
                }
            }
        }

        if (group is IValidatableObject validatable)
        {
            foreach (var result in validatable.Validate(new ValidationContext(group)))
            {
                var member = result.MemberNames.FirstOrDefault() ?? "";
                var property = group.GetType().GetProperty(member);
                var message = SiblingReference().Replace(result.ErrorMessage ?? "valid",
                    m => SettingNames.EnvironmentName(SourceKey(configuration, prefix + m.Groups["name"].Value)));
                var actual = property is null ? "" : Actual(property, null, property.GetValue(group));
                failures.Add($"{Name(configuration, prefix + member)} must be {message}{actual}.");
            }
        }
    }

    private static string Requirement(ValidationAttribute rule) => rule switch
    {
        SettingRuleAttribute setting => setting.Requirement,
        RangeAttribute range => $"from {range.Minimum} to {range.Maximum}",
        RequiredAttribute => "set (not empty)",
        EmailAddressAttribute => "an email address",
        _ => rule.FormatErrorMessage("the value"),
    };

    private static string Actual(PropertyInfo property, ValidationAttribute? rule, object? value)
    {
        if (rule is MinimumBytesAttribute && value is string text)
        {
            return $" (it is {System.Text.Encoding.UTF8.GetByteCount(text)} bytes)";
        }

        if (property.IsDefined(typeof(SensitiveAttribute)))
        {
            return "";
        }

        return value switch
        {
            null => " (it is unset)",
            TimeSpan span => $", not '{span.ToString("c", CultureInfo.InvariantCulture)}'",
            IFormattable formattable => $", not '{formattable.ToString(null, CultureInfo.InvariantCulture)}'",
            _ => $", not '{value}'",
        };
    }

    private static string ConversionRequirement(PropertyInfo property)
    {
        // An optional value (unset: a default decided elsewhere) converts like the value it holds.
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(TimeSpan))
        {
            return property.GetCustomAttribute<DurationAttribute>()?.Requirement ?? "a duration (d.hh:mm:ss, e.g. 00:00:30)";
        }

        var kind = type == typeof(bool) ? "true or false"
            : type == typeof(double) || type == typeof(float) || type == typeof(decimal) ? "a number (with . as the decimal point)"
            : type.IsPrimitive ? "a whole number"
            : $"a {type.Name}";
        var rules = property.GetCustomAttributes<ValidationAttribute>().Select(Requirement).ToList();
        return rules.Count == 0 ? kind : $"{kind}, {string.Join(", ", rules)}";
    }

    private static bool TryConvert(Type type, string value, out object? result)
    {
        if (type == typeof(string))
        {
            result = value;
            return true;
        }

        // The binder converts with the type's TypeConverter and the invariant culture: the same check, ahead of it.
        try
        {
            result = TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or NotSupportedException)
        {
            result = null;
            return false;
        }
    }

    private static void Assign(object options, string propertyPath, string value)
    {
        var parts = propertyPath.Split(':');
        var target = options;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            target = target.GetType().GetProperty(parts[i])!.GetValue(target)!;
        }

        var property = target.GetType().GetProperty(parts[^1])!;
        TryConvert(property.PropertyType, value, out var converted);
        property.SetValue(target, converted);
    }

    private static PropertyInfo? PropertyAt(Type type, string propertyPath)
    {
        PropertyInfo? property = null;
        foreach (var part in propertyPath.Split(':'))
        {
            property = type.GetProperty(part, BindingFlags.Public | BindingFlags.Instance);
            if (property is null)
            {
                return null;
            }

            type = property.PropertyType;
        }

        return property;
    }

    private static IEnumerable<(string Path, PropertyInfo Property)> Leaves(Type type, string prefix)
    {
        foreach (var property in SettableProperties(type))
        {
            if (IsGroup(property.PropertyType))
            {
                foreach (var leaf in Leaves(property.PropertyType, prefix + property.Name + ":"))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return (prefix + property.Name, property);
            }
        }
    }

    private static IEnumerable<PropertyInfo> SettableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true });

    /// <summary>A nested settings class (SiloOptions.Orleans ...), bound as a sub-section.</summary>
    private static bool IsGroup(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("SeaTable", StringComparison.Ordinal) == true;

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_:]+)\}")]
    private static partial Regex SiblingReference();
}
