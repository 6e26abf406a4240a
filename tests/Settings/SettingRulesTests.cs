using System.Reflection;
using SeaTable.Api;
using SeaTable.Grains.Common;
using SeaTable.Grains.Settings;
using SeaTable.Silo.Hosting;

namespace SeaTable.Tests.Settings;

/// <summary>Every rule of every registered settings section refuses a bad value with one line naming the setting and what it must be.</summary>
public sealed class SettingRulesTests
{
    public static TheoryData<string, string, string> Refused => new()
    {
        // Host
        { "SeaTable:DataDir", "", "must be set (not empty)" },
        { "SeaTable:Admin:Email", "not-an-email", "must be an email address" },
        { "SeaTable:Storage:Provider", "Mongo", "must be one of Sqlite, PostgreSQL, not 'Mongo'" },
        { "SeaTable:Storage:ApplySchema", "yes", "must be true or false, not 'yes'" },
        { "SeaTable:Orleans:ServiceId", "", "must be set (not empty)" },
        { "SeaTable:Orleans:ClusterId", " ", "must be set (not empty)" },
        { "SeaTable:Orleans:SiloPort", "0", "must be from 1 to 65535, not '0'" },
        { "SeaTable:Orleans:GatewayPort", "65536", "must be from 1 to 65535, not '65536'" },
        { "SeaTable:Orleans:SiloPort", "abc", "must be a whole number, from 1 to 65535, not 'abc'" },
        { "SeaTable:Orleans:AdvertisedAddress", "silo-1.local", "must be an IP address" },
        { "SeaTable:Orleans:ListenOnAnyAddress", "maybe", "must be true or false" },
        { "SeaTable:Orleans:DirectoryCacheSize", "0", "must be at least 1" },
        { "SeaTable:Operations:MetricsPath", "metrics", "must be empty (off) or a path starting with /" },
        { "SeaTable:Operations:DashboardPath", "/dash board", "must be empty (off) or a path starting with /" },
        { "SeaTable:Shutdown:Delay", "-00:00:01", "must be a duration of at least 00:00:00 (d.hh:mm:ss), not '-00:00:01'" },
        { "SeaTable:Shutdown:Delay", "a while", "must be a duration of at least 00:00:00" },

        // Base tokens and the public address
        { "SeaTable:Jwt:Lifetime", "abc", "must be a positive duration (d.hh:mm:ss, e.g. 00:00:30), not 'abc'" },
        { "SeaTable:Jwt:Lifetime", "00:00:00", "must be a positive duration" },
        { "SeaTable:Jwt:RevocationCheckInterval", "-00:00:01", "must be a positive duration" },
        { "SeaTable:PublicUrl", "not a url", "must be an absolute http:// or https:// URL" },
        { "SeaTable:PublicUrl", "ftp://seatable.example.com", "must be an absolute http:// or https:// URL" },
        { "SeaTable:PublicUrl", "/seatable", "must be an absolute http:// or https:// URL" },

        // Rate limits, assets, sockets
        { "SeaTable:RateLimits:RequestsPerMinute", "-1", "must be at least 0, not '-1'" },
        { "SeaTable:RateLimits:RequestsPerMinute", "many", "must be a whole number, at least 0, not 'many'" },
        { "SeaTable:RateLimits:UsageFlushInterval", "00:00:00", "must be a positive duration" },
        { "SeaTable:Assets:MaxUploadBytes", "0", "must be at least 1" },
        { "SeaTable:Assets:LinkLifetime", "one hour", "must be a positive duration" },
        { "SeaTable:Sockets:PingInterval", "0", "must be a positive duration" },
        { "SeaTable:Sockets:PingTimeout", "abc", "must be a positive duration" },
        { "SeaTable:Sockets:LeaseDuration", "00:00:10", "must be longer than SeaTable__Sockets__PingInterval, not '00:00:10'" },
        { "SeaTable:Sockets:MaxPayloadBytes", "0", "must be at least 1" },
        { "SeaTable:Connections:MaxConnections", "-1", "must be at least 0" },
        { "SeaTable:Connections:MaxSockets", "-5", "must be at least 0" },

        // Content
        { "SeaTable:Content:MaxRows", "0", "must be at least 1, not '0'" },
        { "SeaTable:Content:MaxTables", "0", "must be at least 1" },
        { "SeaTable:Content:MaxColumns", "-1", "must be at least 1" },
        { "SeaTable:Content:SnapshotEveryOperations", "0", "must be at least 1" },
        { "SeaTable:Content:SnapshotMinLogBytes", "0", "must be at least 1" },
        { "SeaTable:Content:RowsCountReportInterval", "abc", "must be a positive duration" },

        // SQL
        { "SeaTable:Sql:Timeout", "00:00:00", "must be a positive duration" },
        { "SeaTable:Sql:Timeout", "soon", "must be a positive duration" },
        { "SeaTable:Sql:MaxResultRows", "0", "must be at least 1, not '0'" },
        { "SeaTable:Sql:DefaultLimit", "0", "must be at least 1" },
        { "SeaTable:Sql:MaxJoinRows", "-1", "must be at least 1" },
        { "SeaTable:Sql:MaxSqlLength", "0", "must be at least 1" },
        { "SeaTable:Sql:MaxDepth", "0", "must be at least 1" },

        // Import and export
        { "SeaTable:ImportExport:MaxConcurrentTasks", "0", "must be at least 1" },
        { "SeaTable:ImportExport:ResultLifetime", "00:00:00", "must be a positive duration" },
        { "SeaTable:ImportExport:MaxAttempts", "0", "must be at least 1" },
        { "SeaTable:ImportExport:MaxArchiveBytes", "0", "must be at least 1" },
        { "SeaTable:ImportExport:MaxUncompressedBytes", "-5", "must be at least 1" },
        { "SeaTable:ImportExport:MaxCompressionRatio", "0", "must be at least 1" },
        { "SeaTable:ImportExport:MaxArchiveEntries", "0", "must be at least 1" },
        { "SeaTable:ImportExport:MaxContentJsonBytes", "0", "must be at least 1" },
        { "SeaTable:ImportExport:CsvMaxBytes", "0", "must be at least 1" },
        { "SeaTable:ImportExport:CsvMaxRows", "0", "must be at least 1" },
        { "SeaTable:ImportExport:CsvMaxColumns", "99999999999", "must be a whole number, at least 1" },

        // Trash and API tokens
        { "SeaTable:Trash:RetentionDays", "0", "must be greater than 0 and at most 36500, not '0'" },
        { "SeaTable:Trash:RetentionDays", "40000", "must be greater than 0 and at most 36500" },
        { "SeaTable:Trash:RetentionDays", "thirty", "must be a number (with . as the decimal point)" },
        { "SeaTable:Trash:PurgeRetryPeriod", "00:00:30", "must be a duration of at least 00:01:00 (d.hh:mm:ss), not '00:00:30'" },
        { "SeaTable:ApiTokens:LastAccessFlushInterval", "00:00:00", "must be a positive duration" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_bad_value_is_refused_with_one_line_naming_the_setting(string key, string value, string requirement)
    {
        var failure = Assert.Single(RegisteredSettings.Failures(new Dictionary<string, string?> { [key] = value }));
        Assert.StartsWith($"Setting {SettingNames.EnvironmentName(key)} ({key}) {requirement}", failure, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure);
    }

    [Fact]
    public void A_short_jwt_secret_is_refused_by_its_length_without_repeating_it()
    {
        const string secret = "0123456789";
        var failure = Assert.Single(RegisteredSettings.Failures(new Dictionary<string, string?> { ["SeaTable:Jwt:Secret"] = secret }));
        Assert.StartsWith("Setting SeaTable__Jwt__Secret (SeaTable:Jwt:Secret) must be at least 32 bytes long when set (it is 10 bytes); leave it unset", failure, StringComparison.Ordinal);
        Assert.Contains("unset to have one generated into the data folder", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_and_documented_edge_values_are_accepted()
    {
        Assert.Empty(RegisteredSettings.Failures(new Dictionary<string, string?>()));
        Assert.Empty(RegisteredSettings.Failures(new Dictionary<string, string?>
        {
            ["SeaTable:RateLimits:RequestsPerMinute"] = "0", // 0 turns limits off
            ["SeaTable:Jwt:Secret"] = new string('s', 32),
            ["SeaTable:PublicUrl"] = "https://seatable.example.com/",
            ["SeaTable:Storage:Provider"] = "postgresql",
            ["SeaTable:Admin:Email"] = "",
            ["SeaTable:Operations:MetricsPath"] = "",
            ["SeaTable:Operations:DashboardPath"] = "/dashboard",
            ["SeaTable:Orleans:AdvertisedAddress"] = "::1",
            ["SeaTable:Trash:RetentionDays"] = "0.0001",
            ["SeaTable:Trash:PurgeRetryPeriod"] = "00:01:00",
            ["SeaTable:Sockets:LeaseDuration"] = "00:00:26",
            ["SeaTable:Shutdown:Delay"] = "00:00:00", // none: SIGTERM drains at once
        }));
    }

    [Fact]
    public void Every_bad_setting_gets_its_own_line()
    {
        var failures = RegisteredSettings.Failures(new Dictionary<string, string?>
        {
            ["SeaTable:Content:MaxRows"] = "0",
            ["SeaTable:Content:MaxTables"] = "x",
            ["SeaTable:Orleans:SiloPort"] = "0",
        });
        Assert.Equal(2, failures.Count); // the content section stops at the value that does not convert
        Assert.Contains(failures, f => f.StartsWith("Setting SeaTable__Content__MaxTables ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Setting SeaTable__Orleans__SiloPort ", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_options_class_with_a_section_is_registered_once_under_it()
    {
        var assemblies = new[] { typeof(SiloOptions).Assembly, typeof(ApiSetup).Assembly, typeof(TrashOptions).Assembly, typeof(SeaTable.Grains.Content.ContentOptions).Assembly };
        var declared = assemblies.SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true })
            .ToDictionary(x => x.Type, x => (string)x.Field!.GetRawConstantValue()!);
        Assert.True(declared.Count >= 11, string.Join(", ", declared.Keys.Select(t => t.Name)));
        foreach (var (type, section) in declared)
        {
            var registered = Assert.Single(RegisteredSettings.Sections, s => s.OptionsType == type);
            Assert.Equal(section, registered.Section);
        }

        Assert.Equal(declared.Count, RegisteredSettings.Sections.Count);
        // Only the host's own settings (the data folder and its sub-sections) and the public address sit at the top.
        Assert.Equal(["PublicUrlOptions", "SiloOptions"],
            RegisteredSettings.Sections.Where(s => s.Section == "SeaTable").Select(s => s.OptionsType.Name).Order(StringComparer.Ordinal));
    }
}
