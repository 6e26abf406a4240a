using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Settings;

/// <summary>The real silo process with one bad setting: it exits before listening, with one line naming the setting and no stack trace.</summary>
public sealed class BadSettingStartTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "SeaTable__Jwt__Secret", "0123456789", "must be at least 32 bytes long" },
        { "SeaTable__Sockets__PingInterval", "abc", "must be a positive duration" },
        { "SeaTable__Storage__Provider", "Cassandra", "must be one of Sqlite, PostgreSQL" },
        { "SeaTable__PublicUrl", "not a url", "must be an absolute http:// or https:// URL" },
        { "SeaTable__ImportExport__MaxConcurrentTasks", "0", "must be at least 1" },
        { "SeaTable__Orleans__SiloPort", "70000", "must be from 1 to 65535" },
        { "SeaTable__TrashRetentionDays", "abc", "the deprecated name of SeaTable__Trash__RetentionDays" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task The_silo_exits_with_one_line_naming_the_setting(string name, string value, string requirement)
    {
        var dataDir = TestFolders.NewTempFolder("bad-setting");
        try
        {
            var settings = new Dictionary<string, string>
            {
                ["SeaTable__DataDir"] = dataDir,
                [name] = value,
            };
            await using var silo = SiloProcess.Start("bad-setting", settings);
            var exitCode = await silo.WaitForExitAsync(ExitTimeout);
            var output = silo.Output.All();
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

            Assert.True(exitCode != 0, $"exit code 0\n{output}");
            var line = Assert.Single(lines, l => l.Contains(name, StringComparison.Ordinal));
            Assert.Contains(requirement, line, StringComparison.Ordinal);
            Assert.DoesNotContain(output.Split('\n'), l => l.StartsWith("   at ", StringComparison.Ordinal));
            Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
            if (name.EndsWith("Secret", StringComparison.Ordinal))
            {
                Assert.DoesNotContain(value, output, StringComparison.Ordinal);
            }
        }
        finally
        {
            TestFolders.TryDelete(dataDir);
        }
    }
}
