using System.Text.Json;
using SeaTable.Silo.Hosting;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Hosting;

/// <summary>
/// "dotnet run --project silo" (its launch profile: Development) reads silo/appsettings*.json from the project
/// folder; everything else reads the copies beside the executable. The working directory is never the content
/// root: it only decides where the relative data folder goes.
/// </summary>
public sealed class ContentRootTests
{
    private static string SiloFolder => Path.Combine(TestFolders.RepositoryRoot, "silo");

    [Fact]
    public void Development_reads_the_settings_from_the_project_folder()
    {
        Assert.Equal(SiloFolder, SiloContentRoot.Resolve("Development", SiloFolder));
        Assert.Equal(SiloFolder, SiloContentRoot.Resolve("development", SiloFolder));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Other_environments_read_the_settings_beside_the_executable(string environment) =>
        Assert.Equal(AppContext.BaseDirectory, SiloContentRoot.Resolve(environment, SiloFolder));

    [Fact]
    public void Development_without_the_project_folder_falls_back_to_the_executable()
    {
        // A silo published elsewhere and started in Development: the build machine's folder is not there.
        var missing = Path.Combine(Path.GetTempPath(), "seatable-no-such-project-" + Guid.NewGuid().ToString("N"));
        Assert.Equal(AppContext.BaseDirectory, SiloContentRoot.Resolve("Development", missing));
        Assert.Equal(AppContext.BaseDirectory, SiloContentRoot.Resolve("Development", null));
    }

    [Fact]
    public void The_build_records_the_project_folder_and_it_holds_both_settings_files()
    {
        Assert.Equal(Path.GetFullPath(SiloFolder), Path.GetFullPath(SiloContentRoot.ProjectFolder()!));
        Assert.True(File.Exists(Path.Combine(SiloFolder, "appsettings.json")));
        Assert.True(File.Exists(Path.Combine(SiloFolder, "appsettings.Development.json")));
    }

    [Fact]
    public void Development_console_options_name_their_formatter()
    {
        // Without a FormatterName the console logger takes its obsolete options and ignores FormatterOptions.
        using var settings = JsonDocument.Parse(TestFolders.ReadRepositoryFile("silo", "appsettings.Development.json"));
        var console = settings.RootElement.GetProperty("Logging").GetProperty("Console");
        Assert.Equal("simple", console.GetProperty("FormatterName").GetString());
        Assert.True(console.GetProperty("FormatterOptions").GetProperty("SingleLine").GetBoolean());
    }

    [Fact]
    public void The_command_line_environment_wins_as_in_the_host()
    {
        Assert.Equal("Staging", SiloContentRoot.EnvironmentName(["--environment", "Staging"]));
        Assert.Equal("Development", SiloContentRoot.EnvironmentName(["--environment=Development"]));
    }

    [Fact]
    public void Launch_profile_runs_in_development_on_the_documented_address()
    {
        using var settings = JsonDocument.Parse(TestFolders.ReadRepositoryFile("silo", "Properties", "launchSettings.json"));
        var profiles = settings.RootElement.GetProperty("profiles").EnumerateObject().ToList();
        // One profile: "dotnet run" takes the first, and a second one would only be a choice nobody documents.
        var profile = Assert.Single(profiles).Value;
        Assert.Equal("Project", profile.GetProperty("commandName").GetString());
        Assert.Equal("http://127.0.0.1:8000", profile.GetProperty("applicationUrl").GetString());
        Assert.Equal("Development", profile.GetProperty("environmentVariables").GetProperty("ASPNETCORE_ENVIRONMENT").GetString());
        Assert.Contains("\"http://127.0.0.1:8000\"", TestFolders.ReadRepositoryFile("silo", "Program.cs"), StringComparison.Ordinal);
    }
}
