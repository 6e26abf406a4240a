using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SeaTable.Grains.Settings;

/// <summary>Every options class of the server is registered through here: its own section, its rules, checked at start.</summary>
public static class SettingsRegistration
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to <paramref name="section"/> (and the deprecated keys), validates it with the
    /// rules on its properties and validates on start, so a bad value stops the process before it listens instead
    /// of failing the first request that needs it.
    /// </summary>
    public static OptionsBuilder<T> AddSettings<T>(
        this IServiceCollection services, IConfiguration configuration, string section, params DeprecatedSetting[] deprecated)
        where T : class, new()
    {
        var settings = new SettingsSection<T>(section, deprecated);
        services.AddSingleton(settings);
        services.AddSingleton<ISettingsSection>(settings);
        services.AddSingleton<IValidateOptions<T>>(new SettingsValidator<T>(settings, configuration));
        return services.AddOptions<T>()
            .Configure(options => settings.Bind(configuration, options))
            .ValidateOnStart();
    }

    /// <summary>For settings the host needs while it is still being built: bound and validated now, throwing on the first bad value.</summary>
    public static T ReadSettings<T>(this IConfiguration configuration, string section, params DeprecatedSetting[] deprecated)
        where T : class, new() =>
        new SettingsSection<T>(section, deprecated).Read(configuration);
}

internal sealed class SettingsValidator<T>(SettingsSection<T> settings, IConfiguration configuration) : IValidateOptions<T>
    where T : class, new()
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var failures = settings.Validate(configuration, options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
