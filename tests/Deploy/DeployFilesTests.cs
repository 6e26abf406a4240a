using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using SeaTable.Grains.Common;
using SeaTable.Grains.Settings;
using SeaTable.Silo.Hosting;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Settings;
using YamlDotNet.RepresentationModel;

namespace SeaTable.Tests.Deploy;

/// <summary>
/// The deployment files under deploy/ cannot run here (no Docker daemon, no Kubernetes): they are parsed with a
/// real YAML parser and their structure checked, and every setting they name must be one the silo reads.
/// </summary>
public sealed partial class DeployFilesTests
{

    [Fact]
    public void Every_yaml_file_under_deploy_parses()
    {
        var files = YamlFiles();
        Assert.Contains(files, f => f.EndsWith("docker-compose.yml", StringComparison.Ordinal));
        Assert.True(files.Count(f => f.Contains($"{Path.DirectorySeparatorChar}k8s{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) >= 4);
        foreach (var file in files)
        {
            var documents = LoadDocuments(file);
            Assert.NotEmpty(documents);
        }
    }

    [Fact]
    public void Compose_runs_postgres_with_a_health_check_and_the_schema_scripts()
    {
        var postgres = Mapping(ComposeServices(), "postgres");
        Assert.StartsWith("postgres:15", Scalar(postgres, "image"), StringComparison.Ordinal);
        Assert.Contains("pg_isready", string.Join(' ', Strings(Get(postgres, "healthcheck", "test"))), StringComparison.Ordinal);
        Assert.Contains(Strings(Get(postgres, "volumes")),
            v => v.StartsWith("./sql/postgresql:/docker-entrypoint-initdb.d", StringComparison.Ordinal));
        Assert.StartsWith("${POSTGRES_PASSWORD:?", Scalar(postgres, "environment", "POSTGRES_PASSWORD"), StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_runs_three_silos_that_wait_for_a_healthy_postgres_and_share_one_data_volume()
    {
        var compose = LoadDocuments(DeployPath("docker-compose.yml")).Single();
        var silos = ComposeSilos();
        Assert.Equal(3, silos.Count);

        var dataVolumes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, silo) in silos)
        {
            Assert.Equal("service_healthy", Scalar(silo, "depends_on", "postgres", "condition"));
            Assert.Equal("deploy/Dockerfile", Scalar(silo, "build", "dockerfile"));
            var environment = Mapping(silo, "environment");
            Assert.Equal("true", Scalar(environment, "SeaTable__Orleans__ListenOnAnyAddress"), ignoreCase: true);
            Assert.Contains("Password=${POSTGRES_PASSWORD:?", Scalar(environment, "ConnectionStrings__SeaTable"), StringComparison.Ordinal);
            Assert.StartsWith("${SEATABLE_ADMIN_PASSWORD:?", Scalar(environment, "SeaTable__Admin__Password"), StringComparison.Ordinal);

            // Each silo advertises its own container address, set by the image's entrypoint: never a fixed one here.
            Assert.Null(Get(environment, "SeaTable__Orleans__AdvertisedAddress"));

            var dataDir = Scalar(environment, "SeaTable__DataDir");
            var mount = Assert.Single(Strings(Get(silo, "volumes")), v => v.EndsWith($":{dataDir}", StringComparison.Ordinal));
            var volume = mount[..mount.IndexOf(':', StringComparison.Ordinal)];
            Assert.NotNull(Get(compose, "volumes", volume));
            Assert.True(dataVolumes.Add(volume) || dataVolumes.Count == 1, $"{name} mounts another data volume");
        }

        Assert.Single(dataVolumes);
    }

    [Fact]
    public void Compose_puts_nginx_in_front_of_every_silo()
    {
        var services = ComposeServices();
        var silos = ComposeSilos();
        var proxy = Assert.Single(services.Children, s => Scalar(s.Value, "image").StartsWith("nginx", StringComparison.Ordinal)).Value;
        Assert.Contains(Strings(Get(proxy, "volumes")), v => v.StartsWith("./nginx.conf:/etc/nginx/nginx.conf", StringComparison.Ordinal));
        var dependsOn = Strings(Get(proxy, "depends_on"));
        Assert.All(silos.Keys, silo => Assert.Contains(silo, dependsOn));

        var nginx = WithoutComments(File.ReadAllText(DeployPath("nginx.conf")));
        var upstreams = UpstreamServer().Matches(nginx).ToList();
        Assert.Equal(silos.Keys.Order(StringComparer.Ordinal), upstreams.Select(m => m.Groups["host"].Value).Order(StringComparer.Ordinal));
        Assert.All(upstreams, m => Assert.Contains("max_fails=", m.Value, StringComparison.Ordinal));
        Assert.All(upstreams, m => Assert.Equal("8080", m.Groups["port"].Value));
        Assert.Contains("proxy_next_upstream error timeout http_503;", nginx, StringComparison.Ordinal);
        // Non-idempotent requests (POST) are never retried on another silo: Orleans calls are at-most-once.
        Assert.DoesNotContain("non_idempotent", nginx, StringComparison.Ordinal);
        // Socket.IO's upgrade to a WebSocket gets through: the client's Upgrade is passed on with
        // "Connection: upgrade" (a cleared Connection header alone would turn every upgrade into a 400).
        Assert.Contains("proxy_set_header Upgrade $http_upgrade;", nginx, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header Connection $connection_upgrade;", nginx, StringComparison.Ordinal);
        Assert.Matches(@"map \$http_upgrade \$connection_upgrade \{\s*default upgrade;", nginx);
    }

    [Fact]
    public void Dockerfile_builds_with_the_sdk_runs_on_aspnet_and_advertises_the_container_address()
    {
        var dockerfile = File.ReadAllText(DeployPath("Dockerfile"));
        // The images are build arguments (no registry host in the repository), named SDK and runtime.
        Assert.Matches(@"(?m)^ARG SDK_IMAGE$", dockerfile);
        Assert.Matches(@"(?m)^ARG RUNTIME_IMAGE$", dockerfile);
        Assert.Matches(@"(?m)^FROM \$\{SDK_IMAGE\} AS build$", dockerfile);
        Assert.Matches(@"(?m)^FROM \$\{RUNTIME_IMAGE\} AS runtime$", dockerfile);
        Assert.Contains("dotnet publish silo/SeaTable.Silo.csproj", dockerfile, StringComparison.Ordinal);
        Assert.Contains("exec dotnet /app/SeaTable.Silo.dll", dockerfile, StringComparison.Ordinal);
        Assert.Contains("hostname -i", dockerfile, StringComparison.Ordinal);
        Assert.Contains("export SeaTable__Orleans__AdvertisedAddress=", dockerfile, StringComparison.Ordinal);
        Assert.Contains("Urls=http://+:8080", dockerfile, StringComparison.Ordinal);
        Assert.Contains("EXPOSE 8080 11111 30000", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void Kubernetes_manifests_are_namespace_agnostic_and_complete()
    {
        var resources = KubernetesResources();
        foreach (var resource in resources)
        {
            Assert.False(string.IsNullOrEmpty(Scalar(resource, "apiVersion")));
            Assert.False(string.IsNullOrEmpty(Scalar(resource, "metadata", "name")));
            Assert.Null(Get(resource, "metadata", "namespace"));
        }

        var kinds = resources.Select(r => Scalar(r, "kind")).ToHashSet(StringComparer.Ordinal);
        var required = new HashSet<string>(StringComparer.Ordinal)
        {
            "ConfigMap", "Secret", "Deployment", "PersistentVolumeClaim", "PodDisruptionBudget", "Service", "Job",
        };
        Assert.Superset(required, kinds);
    }

    [Fact]
    public void Kubernetes_deployment_runs_three_silos_with_probes_and_safe_rollouts()
    {
        var deployment = KubernetesResource("Deployment");
        Assert.Equal("3", Scalar(deployment, "spec", "replicas"));
        Assert.Equal("0", Scalar(deployment, "spec", "strategy", "rollingUpdate", "maxUnavailable"));
        Assert.Equal("1", Scalar(deployment, "spec", "strategy", "rollingUpdate", "maxSurge"));
        Assert.True(int.Parse(Scalar(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds"), System.Globalization.CultureInfo.InvariantCulture) >= 30);

        var container = SiloContainer(deployment);
        var ports = Sequence(container, "ports").Children.ToDictionary(p => Scalar(p, "name"), p => Scalar(p, "containerPort"), StringComparer.Ordinal);
        Assert.Equal("8080", ports["http"]);
        Assert.Equal("11111", ports["silo"]);
        Assert.Equal("30000", ports["gateway"]);

        var settings = EffectiveSettings(container);
        Assert.Equal(ports["silo"], settings["SeaTable__Orleans__SiloPort"]);
        Assert.Equal(ports["gateway"], settings["SeaTable__Orleans__GatewayPort"]);
        Assert.Equal("true", settings["SeaTable__Orleans__ListenOnAnyAddress"], ignoreCase: true);
        Assert.Equal("PostgreSQL", settings["SeaTable__Storage__Provider"]);
        Assert.Equal("http://+:" + ports["http"], settings["Urls"]);

        // Traffic waits for readiness (silo active, storage answering); only a dead process is restarted.
        foreach (var (probe, path) in new[] { ("startupProbe", "/readyz"), ("readinessProbe", "/readyz"), ("livenessProbe", "/healthz") })
        {
            Assert.Equal(path, Scalar(container, probe, "httpGet", "path"));
            Assert.Equal("http", Scalar(container, probe, "httpGet", "port"));
        }

        // A CPU request, no CPU limit.
        Assert.NotNull(Get(container, "resources", "requests", "cpu"));
        Assert.Null(Get(container, "resources", "limits", "cpu"));
    }

    [Fact]
    public void Kubernetes_silos_advertise_their_pod_ip_and_share_a_read_write_many_volume()
    {
        var deployment = KubernetesResource("Deployment");
        var container = SiloContainer(deployment);
        var env = Sequence(container, "env").Children.ToDictionary(e => Scalar(e, "name"), e => e, StringComparer.Ordinal);
        Assert.Equal("status.podIP", Scalar(env["POD_IP"], "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("metadata.name", Scalar(env["POD_NAME"], "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("$(POD_IP)", Scalar(env["SeaTable__Orleans__AdvertisedAddress"], "value"));
        Assert.Contains("Password=$(PGPASSWORD)", Scalar(env["ConnectionStrings__SeaTable"], "value"), StringComparison.Ordinal);

        // Every $(VAR) in a value is defined before it (envFrom first, then env in order), or Kubernetes leaves it as is.
        var defined = new HashSet<string>(ConfigMapSettings(container).Keys, StringComparer.Ordinal);
        foreach (var variable in Sequence(container, "env").Children)
        {
            if (Get(variable, "value") is YamlScalarNode { Value: { } value })
            {
                Assert.All(VariableReference().Matches(value), m => Assert.Contains(m.Groups[1].Value, defined));
            }

            defined.Add(Scalar(variable, "name"));
        }

        // Secrets come from the Secret the template describes.
        var secretKeys = Mapping(KubernetesResource("Secret"), "stringData").Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();
        foreach (var variable in Sequence(container, "env").Children)
        {
            if (Get(variable, "valueFrom", "secretKeyRef") is YamlMappingNode secretRef)
            {
                Assert.Equal(Scalar(KubernetesResource("Secret"), "metadata", "name"), Scalar(secretRef, "name"));
                Assert.Contains(Scalar(secretRef, "key"), secretKeys);
            }
        }

        // The data folder is a ReadWriteMany claim mounted where SeaTable__DataDir points.
        var podSpec = Mapping(deployment, "spec", "template", "spec");
        var volume = Assert.Single(Sequence(podSpec, "volumes").Children, v => Get(v, "persistentVolumeClaim") is not null);
        var claim = KubernetesResources().Single(r => Scalar(r, "kind") == "PersistentVolumeClaim"
            && Scalar(r, "metadata", "name") == Scalar(volume, "persistentVolumeClaim", "claimName"));
        Assert.Contains("ReadWriteMany", Strings(Get(claim, "spec", "accessModes")));
        var mount = Assert.Single(Sequence(container, "volumeMounts").Children, m => Scalar(m, "name") == Scalar(volume, "name"));
        Assert.Equal(EffectiveSettings(container)["SeaTable__DataDir"], Scalar(mount, "mountPath"));
    }

    [Fact]
    public void Kubernetes_disruption_budget_keeps_two_silos_and_the_service_exposes_only_http()
    {
        var podLabels = Mapping(KubernetesResource("Deployment"), "spec", "template", "metadata", "labels");

        var budget = KubernetesResource("PodDisruptionBudget");
        Assert.Equal("2", Scalar(budget, "spec", "minAvailable"));
        AssertSelects(Mapping(budget, "spec", "selector", "matchLabels"), podLabels);

        var service = KubernetesResource("Service");
        Assert.Equal("ClusterIP", Get(service, "spec", "type") is null ? "ClusterIP" : Scalar(service, "spec", "type"));
        Assert.Null(Get(service, "spec", "clusterIP"));
        AssertSelects(Mapping(service, "spec", "selector"), podLabels);
        var port = Assert.Single(Sequence(service, "spec", "ports").Children);
        Assert.Contains(Scalar(port, "targetPort"), new[] { "http", "8080" });
        Assert.Equal("TCP", Get(port, "protocol") is null ? "TCP" : Scalar(port, "protocol"));
    }

    [Fact]
    public void Kubernetes_schema_job_applies_the_sql_files_with_psql()
    {
        var job = KubernetesResource("Job");
        var container = Assert.Single(Sequence(job, "spec", "template", "spec", "containers").Children);
        Assert.StartsWith("postgres:", Scalar(container, "image"), StringComparison.Ordinal);
        var command = string.Join(' ', Strings(Get(container, "command")));
        Assert.Contains("psql -v ON_ERROR_STOP=1", command, StringComparison.Ordinal);
        Assert.Contains("*.sql", command, StringComparison.Ordinal);
        var volume = Assert.Single(Sequence(job, "spec", "template", "spec", "volumes").Children);
        Assert.Equal("seatable-schema", Scalar(volume, "configMap", "name"));
        Assert.Contains("kubectl create configmap seatable-schema --from-file=deploy/sql/postgresql",
            File.ReadAllText(DeployPath("k8s", "schema-job.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_setting_named_in_the_deploy_files_is_one_the_silo_reads()
    {
        var known = KnownSettings();
        Assert.Contains("SeaTable__Orleans__AdvertisedAddress", known);
        Assert.Contains("SeaTable__Storage__ApplySchema", known);
        Assert.DoesNotContain("SeaTable__DataDirFullPath", known);

        var files = new List<string> { DeployPath("Dockerfile"), DeployPath("local-cluster.sh"), DeployPath("nginx.conf") };
        files.AddRange(YamlFiles());
        var named = new List<(string File, string Name)>();
        foreach (var file in files)
        {
            named.AddRange(SettingName().Matches(File.ReadAllText(file)).Select(m => (Path.GetFileName(file), m.Value)));
        }

        // The YAML keys and env names, structurally, on top of the text scan.
        foreach (var (name, silo) in ComposeSilos())
        {
            named.AddRange(Mapping(silo, "environment").Children.Keys.Select(k => ($"docker-compose.yml:{name}", ((YamlScalarNode)k).Value!)));
        }

        var container = SiloContainer(KubernetesResource("Deployment"));
        named.AddRange(EffectiveSettings(container).Keys.Select(k => ("k8s", k)));

        var settings = named.Where(n => n.Name.StartsWith("SeaTable__", StringComparison.OrdinalIgnoreCase)
            || n.Name.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(settings.Count > 30, $"only {settings.Count} settings found: is the scan broken?");
        Assert.Empty(settings.Where(n => !known.Contains(n.Name)).Select(n => $"{n.File}: {n.Name}").Distinct());
    }

    [Fact]
    public async Task Local_cluster_script_passes_bash_n_and_is_executable()
    {
        var script = DeployPath("local-cluster.sh");
        var (exitCode, _, error) = await RunBashAsync(new Dictionary<string, string>(), "-n", script);
        Assert.True(exitCode == 0, error);

        var text = File.ReadAllText(script);
        Assert.StartsWith("#!/usr/bin/env bash", text, StringComparison.Ordinal);
        Assert.Contains("set -euo pipefail", text, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute), "deploy/local-cluster.sh is not executable");
        }
    }

    [Fact]
    public async Task Local_cluster_script_reports_no_silo_and_says_how_to_get_postgres_when_it_does_not_answer()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var clusterDir = TestFolders.NewTempFolder("local-cluster");
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["SEATABLE_CLUSTER_DIR"] = clusterDir,
                ["SEATABLE_HTTP_PORT"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["SEATABLE_SILO_PORT"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["SEATABLE_GATEWAY_PORT"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
                // Nothing listens there: the script must stop before building or starting anything.
                ["PGHOST"] = "127.0.0.1",
                ["PGPORT"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            };

            var status = await RunBashAsync(environment, DeployPath("local-cluster.sh"), "status");
            Assert.Equal(3, status.ExitCode);
            Assert.Contains("No silo running", status.Output, StringComparison.Ordinal);

            var start = await RunBashAsync(environment, DeployPath("local-cluster.sh"), "start", "1");
            Assert.Equal(2, start.ExitCode);
            Assert.Contains("apt-get install -y postgresql", start.Error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(clusterDir, "run")));

            var usage = await RunBashAsync(environment, DeployPath("local-cluster.sh"), "restart");
            Assert.Equal(64, usage.ExitCode);
        }
        finally
        {
            TestFolders.TryDelete(clusterDir);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Settings the silo reads
    // ---------------------------------------------------------------------------------------------------------

    /// <summary>
    /// SeaTable__Section__Property for every settable property of every settings section the server registers
    /// (new names only: deploy files should not use the deprecated ones).
    /// </summary>
    private static HashSet<string> KnownSettings()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sections = RegisteredSettings.Sections;
        Assert.Contains(sections, s => s.OptionsType == typeof(SiloOptions) && s.Section == "SeaTable");
        Assert.Contains(sections, s => s.OptionsType == typeof(TrashOptions));
        foreach (var section in sections)
        {
            AddSettings(names, SettingNames.EnvironmentName(section.Section), section.OptionsType);
        }

        Assert.Contains("GetConnectionString(\"SeaTable\")", TestFolders.ReadRepositoryFile("silo", "Hosting", "SiloSetup.cs"), StringComparison.Ordinal);
        names.Add("ConnectionStrings__SeaTable");
        return names;
    }

    private static void AddSettings(HashSet<string> names, string prefix, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true })
            {
                continue;
            }

            var name = $"{prefix}__{property.Name}";
            var propertyType = property.PropertyType;
            if (propertyType.IsClass && propertyType != typeof(string)
                && propertyType.Namespace?.StartsWith("SeaTable", StringComparison.Ordinal) == true)
            {
                AddSettings(names, name, propertyType);
            }
            else
            {
                names.Add(name);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Files
    // ---------------------------------------------------------------------------------------------------------

    private static string DeployPath(params string[] parts) => Path.Combine([TestFolders.RepositoryRoot, "deploy", .. parts]);

    private static List<string> YamlFiles() =>
        Directory.EnumerateFiles(DeployPath(), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static List<YamlMappingNode> LoadDocuments(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(path)))
        {
            stream.Load(reader);
        }

        return stream.Documents
            .Select(d => Assert.IsType<YamlMappingNode>(d.RootNode))
            .ToList();
    }

    private static YamlMappingNode ComposeServices() =>
        Mapping(LoadDocuments(DeployPath("docker-compose.yml")).Single(), "services");

    /// <summary>The compose services that run a cluster silo: PostgreSQL provider in their environment.</summary>
    private static Dictionary<string, YamlNode> ComposeSilos() =>
        ComposeServices().Children
            .Where(s => Get(s.Value, "environment", "SeaTable__Storage__Provider") is YamlScalarNode { Value: "PostgreSQL" })
            .ToDictionary(s => ((YamlScalarNode)s.Key).Value!, s => s.Value, StringComparer.Ordinal);

    private static List<YamlMappingNode> KubernetesResources() =>
        Directory.EnumerateFiles(DeployPath("k8s"), "*.yaml").Order(StringComparer.Ordinal).SelectMany(LoadDocuments).ToList();

    private static YamlMappingNode KubernetesResource(string kind) =>
        Assert.Single(KubernetesResources(), r => Scalar(r, "kind") == kind);

    private static YamlNode SiloContainer(YamlNode deployment) =>
        Assert.Single(Sequence(deployment, "spec", "template", "spec", "containers").Children);

    /// <summary>The data of the ConfigMaps a container takes its environment from (envFrom).</summary>
    private static Dictionary<string, string> ConfigMapSettings(YamlNode container)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in Sequence(container, "envFrom").Children)
        {
            var name = Scalar(source, "configMapRef", "name");
            var configMap = Assert.Single(KubernetesResources(), r => Scalar(r, "kind") == "ConfigMap" && Scalar(r, "metadata", "name") == name);
            foreach (var (key, value) in Mapping(configMap, "data").Children)
            {
                settings[((YamlScalarNode)key).Value!] = ((YamlScalarNode)value).Value!;
            }
        }

        return settings;
    }

    /// <summary>A container's environment: envFrom ConfigMaps, then env (a value, or "(from ...)" for valueFrom).</summary>
    private static Dictionary<string, string> EffectiveSettings(YamlNode container)
    {
        var settings = ConfigMapSettings(container);
        foreach (var variable in Sequence(container, "env").Children)
        {
            settings[Scalar(variable, "name")] = Get(variable, "value") is YamlScalarNode { Value: { } value } ? value : "(from valueFrom)";
        }

        return settings;
    }

    private static void AssertSelects(YamlMappingNode selector, YamlMappingNode labels)
    {
        Assert.NotEmpty(selector.Children);
        foreach (var (key, value) in selector.Children)
        {
            Assert.Equal(((YamlScalarNode)value).Value, Scalar(labels, ((YamlScalarNode)key).Value!));
        }
    }

    private static string WithoutComments(string text) =>
        string.Join('\n', text.Split('\n').Select(line => line.Contains('#', StringComparison.Ordinal) ? line[..line.IndexOf('#', StringComparison.Ordinal)] : line));

    private static async Task<(int ExitCode, string Output, string Error)> RunBashAsync(
        Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = TestFolders.RepositoryRoot,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    // ---------------------------------------------------------------------------------------------------------
    // YAML navigation (merge keys "<<" resolved: explicit keys first, then the merged mapping's)
    // ---------------------------------------------------------------------------------------------------------

    private static YamlNode? Get(YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            node = node is YamlMappingNode mapping ? Lookup(mapping, key) : null;
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    private static YamlNode? Lookup(YamlMappingNode mapping, string key)
    {
        if (mapping.Children.TryGetValue(new YamlScalarNode(key), out var value))
        {
            return value;
        }

        if (mapping.Children.TryGetValue(new YamlScalarNode("<<"), out var merged))
        {
            var sources = merged is YamlSequenceNode sequence ? sequence.Children.ToList() : [merged];
            return sources.OfType<YamlMappingNode>().Select(source => Lookup(source, key)).FirstOrDefault(found => found is not null);
        }

        return null;
    }

    private static string Scalar(YamlNode? node, params string[] path)
    {
        var found = Get(node, path);
        var scalar = Assert.IsType<YamlScalarNode>(found);
        return scalar.Value ?? "";
    }

    private static YamlMappingNode Mapping(YamlNode? node, params string[] path) =>
        Assert.IsType<YamlMappingNode>(Get(node, path));

    private static YamlSequenceNode Sequence(YamlNode? node, params string[] path) =>
        Assert.IsType<YamlSequenceNode>(Get(node, path));

    /// <summary>The scalars of a sequence, the keys of a mapping (depends_on in its long form), or one scalar.</summary>
    private static List<string> Strings(YamlNode? node) => node switch
    {
        YamlSequenceNode sequence => sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList(),
        YamlMappingNode mapping => mapping.Children.Keys.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList(),
        YamlScalarNode scalar => [scalar.Value ?? ""],
        _ => [],
    };

    [GeneratedRegex(@"\b(?:SeaTable|ConnectionStrings)__[A-Za-z0-9_]+", RegexOptions.IgnoreCase)]
    private static partial Regex SettingName();

    [GeneratedRegex(@"(?m)^\s*server\s+(?<host>[A-Za-z0-9_.-]+):(?<port>\d+)[^;]*;")]
    private static partial Regex UpstreamServer();

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex VariableReference();
}
