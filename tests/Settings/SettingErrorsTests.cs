using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SeaTable.Silo.Hosting;

namespace SeaTable.Tests.Settings;

/// <summary>What Program prints for a failure at start: settings problems as lines, anything else left alone.</summary>
public sealed class SettingErrorsTests
{
    [Fact]
    public void A_binder_failure_outside_our_sections_becomes_one_line_naming_the_path()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Other:Port"] = "abc" }).Build();
        var binder = Assert.Throws<InvalidOperationException>(() => configuration.GetSection("Other").Get<OtherOptions>());

        var line = Assert.Single(SettingErrors.Describe(binder)!);
        Assert.Contains("Other:Port", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void Validation_failures_of_several_sections_are_one_line_each()
    {
        var aggregate = new AggregateException(
            new OptionsValidationException("", typeof(OtherOptions), ["Setting A must be 1.", "Setting B must be 2."]),
            new OptionsValidationException("", typeof(OtherOptions), ["Setting C must be 3."]));
        Assert.Equal(["Setting A must be 1.", "Setting B must be 2.", "Setting C must be 3."], SettingErrors.Describe(aggregate));
    }

    [Fact]
    public void Other_failures_are_not_settings_problems()
    {
        Assert.Null(SettingErrors.Describe(new InvalidOperationException("Address already in use")));
        Assert.Null(SettingErrors.Describe(new AggregateException(
            new OptionsValidationException("", typeof(OtherOptions), ["Setting A must be 1."]), new IOException("disk full"))));
    }

    private sealed class OtherOptions
    {
        public int Port { get; set; }
    }
}
