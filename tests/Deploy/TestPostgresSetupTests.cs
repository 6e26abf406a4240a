using SeaTable.Tests.Cluster;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Deploy;

/// <summary>
/// The PostgreSQL half of the suite is set up by one script, on a laptop as in CI, and a run without it says
/// so and names the script.
/// </summary>
public sealed class TestPostgresSetupTests
{
    [Fact]
    public void Ci_sets_up_postgres_with_the_script_a_laptop_runs()
    {
        var script = Path.Combine(TestFolders.RepositoryRoot, TestPostgres.SetupScript);
        Assert.True(File.Exists(script), $"{TestPostgres.SetupScript} is missing");
        if (!OperatingSystem.IsWindows())
        {
            Assert.True((File.GetUnixFileMode(script) & UnixFileMode.UserExecute) != 0, $"{TestPostgres.SetupScript} is not executable");
        }

        var ci = TestFolders.ReadRepositoryFile(".ci", "run");
        Assert.Contains($"SEATABLE_TEST_POSTGRES=$({TestPostgres.SetupScript})", ci, StringComparison.Ordinal);
        // One place creates the role: the script, not a copy in .ci/run.
        Assert.DoesNotContain("CREATE ROLE", ci, StringComparison.Ordinal);
        Assert.Contains("CREATE ROLE seatable_ci", File.ReadAllText(script).Replace("$role", "seatable_ci", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Skip_reason_says_what_is_missing_and_how_to_set_it_up()
    {
        var unset = new PostgresUnavailable(TestPostgres.Advice(configured: false), "Failed to connect to 127.0.0.1:5432").ToString();
        Assert.Contains("SEATABLE_TEST_POSTGRES is not set", unset, StringComparison.Ordinal);
        Assert.Contains("run tests/setup-test-postgres.sh", unset, StringComparison.Ordinal);
        Assert.Contains("Failed to connect to 127.0.0.1:5432", unset, StringComparison.Ordinal);

        Assert.Contains("the server in SEATABLE_TEST_POSTGRES cannot be used", TestPostgres.Advice(configured: true), StringComparison.Ordinal);
        Assert.Equal("PostgreSQL tests skipped: ", TestPostgres.SkipPrefix);
    }
}
