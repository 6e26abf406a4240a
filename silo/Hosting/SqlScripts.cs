using System.Reflection;

namespace SeaTable.Silo.Hosting;

/// <summary>The schema scripts embedded from deploy/sql/&lt;dialect&gt;/, in the order they must run.</summary>
public static class SqlScripts
{
    public static IReadOnlyList<(string Name, string Text)> For(string dialect)
    {
        var assembly = typeof(SqlScripts).Assembly;
        var prefix = $"sql/{dialect}/";
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[prefix.Length..], Read(assembly, n)))];
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Missing embedded schema script {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
