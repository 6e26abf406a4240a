using System.Reflection;

namespace SeaTable.Silo.Hosting;

/// <summary>
/// The content root, where appsettings.json and appsettings.{Environment}.json are read from. The working
/// directory cannot be it: it decides where the relative data folder goes ("dotnet run" from the repository
/// root keeps ./data there). So a built or published silo reads the files beside its executable, and in
/// Development (the launch profile of "dotnet run") it reads them from the project folder itself, so an
/// edit of silo/appsettings.Development.json counts without a rebuild and reloads while running.
/// </summary>
public static class SiloContentRoot
{
    /// <summary>The assembly metadata key holding the project folder, written by SeaTable.Silo.csproj.</summary>
    public const string ProjectFolderKey = "SeaTable.SiloProjectFolder";

    public static string Resolve(string[] args) => Resolve(EnvironmentName(args), ProjectFolder());

    /// <summary>The project folder in Development while it still holds appsettings.json; else the executable's folder.</summary>
    public static string Resolve(string environmentName, string? projectFolder) =>
        string.Equals(environmentName, Environments.Development, StringComparison.OrdinalIgnoreCase)
        && projectFolder is not null && File.Exists(Path.Combine(projectFolder, "appsettings.json"))
            ? projectFolder
            : AppContext.BaseDirectory;

    /// <summary>
    /// The environment as the host will see it, from the same sources in the same order (DOTNET_ then
    /// ASPNETCORE_ variables, then --environment): the content root has to be chosen before the host exists.
    /// </summary>
    public static string EnvironmentName(string[] args) =>
        new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[HostDefaults.EnvironmentKey] is { Length: > 0 } name ? name : Environments.Production;

    /// <summary>Where the project was built from; null for a build without the metadata.</summary>
    public static string? ProjectFolder() =>
        typeof(SiloContentRoot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == ProjectFolderKey)?.Value;
}
