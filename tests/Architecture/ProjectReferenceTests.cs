using System.Reflection;
using System.Xml.Linq;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Architecture;

/// <summary>
/// The arrows between the projects (DESIGN.md, "The house"): the API sees the grain contracts and nothing of
/// the grains' implementation; the contracts need only Orleans and the base class library. Namespaces are
/// shared between contracts and grains, so using lines cannot show this: the assemblies and project files do.
/// </summary>
public sealed class ProjectReferenceTests
{
    private static readonly Assembly Api = typeof(SeaTable.Api.ApiSetup).Assembly;
    private static readonly Assembly Contracts = typeof(SeaTable.Grains.DTables.IDTableGrain).Assembly;
    private static readonly Assembly Grains = typeof(SeaTable.Grains.Hosting.GrainServices).Assembly;

    [Fact]
    public void The_api_assembly_references_the_contracts_and_not_the_grains()
    {
        var references = Api.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains(Contracts.GetName().Name, references);
        Assert.DoesNotContain(Grains.GetName().Name, references);
    }

    [Fact]
    public void The_contracts_assembly_references_only_orleans_and_the_base_class_library()
    {
        var others = Contracts.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => !name.StartsWith("Orleans.", StringComparison.Ordinal)
                && !name.StartsWith("System.", StringComparison.Ordinal)
                && name is not ("System" or "netstandard" or "mscorlib")
                // The settings rules (options classes the API and the grains share, validated at start): abstractions
                // the Orleans SDK itself depends on, no implementation.
                && !name.StartsWith("Microsoft.Extensions.Options", StringComparison.Ordinal)
                && !name.StartsWith("Microsoft.Extensions.Configuration", StringComparison.Ordinal)
                && !name.StartsWith("Microsoft.Extensions.DependencyInjection.Abstractions", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(others);
    }

    [Fact]
    public void The_contracts_hold_no_grain_and_no_persisted_state()
    {
        // A state type's stored rows name its assembly: it stays in the grains (see tests/Storage/PersistedState).
        var states = Grains.GetTypes()
            .SelectMany(t => t.GetConstructors())
            .SelectMany(c => c.GetParameters())
            .Where(p => p.GetCustomAttribute<PersistentStateAttribute>() is not null)
            .Select(p => p.ParameterType.GetGenericArguments().Single())
            .ToList();

        Assert.NotEmpty(states);
        Assert.DoesNotContain(states, t => t.Assembly == Contracts);
        Assert.DoesNotContain(Contracts.GetTypes(), t => typeof(Grain).IsAssignableFrom(t));
    }

    [Fact]
    public void The_api_project_references_only_the_contracts_project()
    {
        Assert.Equal([@"..\grains\Contracts\SeaTable.Grains.Contracts.csproj"], ProjectReferences("api", "SeaTable.Api.csproj"));
    }

    [Fact]
    public void The_contracts_project_uses_the_orleans_sdk_and_nothing_else()
    {
        var project = Load("grains", "Contracts", "SeaTable.Grains.Contracts.csproj");

        Assert.Empty(ProjectReferences("grains", "Contracts", "SeaTable.Grains.Contracts.csproj"));
        Assert.Empty(project.Descendants("FrameworkReference"));
        Assert.Equal(["Microsoft.Orleans.Sdk"], project.Descendants("PackageReference").Select(p => (string?)p.Attribute("Include")));
    }

    [Fact]
    public void The_grains_project_names_the_packages_it_uses_instead_of_the_aspnetcore_framework()
    {
        Assert.Empty(Load("grains", "SeaTable.Grains.csproj").Descendants("FrameworkReference"));
    }

    private static List<string?> ProjectReferences(params string[] path) =>
        [.. Load(path).Descendants("ProjectReference").Select(p => (string?)p.Attribute("Include"))];

    private static XDocument Load(params string[] path) => XDocument.Parse(TestFolders.ReadRepositoryFile(path));
}
