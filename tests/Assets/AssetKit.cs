using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using SeaTable.Tests.Api;
using SeaTable.Tests.Cluster;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;

namespace SeaTable.Tests.Assets;

/// <summary>Calls and checks of the asset links (E6, E7) and the file service behind them (reference 4.2-4.4).</summary>
public static class AssetCalls
{
    public const string UploadLinkPath = "/api/v2.1/dtable/app-upload-link/";
    public const string DownloadLinkPath = "/api/v2.1/dtable/app-download-link/";
    public const string TokenNotFound = "api token not found.";
    public const string PathInvalid = "path invalid.";
    public const string AssetNotFound = "asset not found.";

    /// <summary>The current UTC month as SeaTable names its asset folders ("2021-08").</summary>
    public static string Month() => DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string Sha1(byte[] content) => Convert.ToHexStringLower(SHA1.HashData(content));

    /// <summary>Distinct bytes of that length, so two files never share an id by accident.</summary>
    public static byte[] RandomBytes(int length) => RandomNumberGenerator.GetBytes(length);

    /// <summary>The path and query of an absolute link, for the in-memory server.</summary>
    public static string Local(string link) => new Uri(link).PathAndQuery;

    /// <summary>The token of an upload link (…/seafhttp/upload-api/&lt;token&gt;).</summary>
    public static string UploadToken(string uploadLink) => new Uri(uploadLink).AbsolutePath.Split('/')[^1];

    /// <summary>The token of a download link (…/seafhttp/files/&lt;token&gt;/&lt;name&gt;).</summary>
    public static string DownloadToken(string downloadLink) => new Uri(downloadLink).AbsolutePath.Split('/')[^2];

    /// <summary>A GET with "Authorization: &lt;header&gt;" verbatim (null: none); status and raw body.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> AppGetAsync(this SeaTableAppFactory factory, string uri, string? authorization)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (authorization is not null)
        {
            Assert.True(request.Headers.TryAddWithoutValidation("Authorization", authorization));
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A GET with "Token &lt;api token&gt;" that must answer that status; the JSON body.</summary>
    public static async Task<JsonNode> AppGetJsonAsync(this SeaTableAppFactory factory, string uri, string apiToken, HttpStatusCode expected)
    {
        var (status, body) = await factory.AppGetAsync(uri, $"Token {apiToken}");
        Assert.True(status == expected, $"GET {uri}: expected {(int)expected}, got {(int)status}: {body}");
        return JsonNode.Parse(body) ?? throw new Xunit.Sdk.XunitException($"GET {uri}: JSON null");
    }

    public static string DownloadLinkUrl(string path) => $"{DownloadLinkPath}?path={Uri.EscapeDataString(path)}";

    /// <summary>POST to an upload link's path (query appended as given); status, content type and raw body.</summary>
    public static async Task<(HttpStatusCode Status, string? ContentType, string Body)> PostUploadAsync(
        this SeaTableAppFactory factory, string uploadLink, HttpContent content, string query = "?ret-json=1")
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsync(Local(uploadLink) + query, content);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    /// <summary>An upload with ret-json=1 that must succeed: the [{name, id, size}] answer.</summary>
    public static async Task<List<JsonObject>> UploadJsonAsync(this SeaTableAppFactory factory, string uploadLink, MultipartBody body)
    {
        var (status, _, text) = await factory.PostUploadAsync(uploadLink, body.Build());
        Assert.True(status == HttpStatusCode.OK, $"Upload: expected 200, got {(int)status}: {text}");
        var array = Assert.IsType<JsonArray>(JsonNode.Parse(text));
        return [.. array.Select(n => n!.AsObject())];
    }

    /// <summary>Every file of the server's blob store (relative path → SHA-1), to see that a refused call stored nothing.</summary>
    public static SortedDictionary<string, string> BlobSnapshot(string dataDir)
    {
        var root = Path.Combine(dataDir, "blobs");
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (Directory.Exists(root))
        {
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                files[Path.GetRelativePath(root, file).Replace('\\', '/')] = Sha1(File.ReadAllBytes(file));
            }
        }

        return files;
    }

    /// <summary>The upload staging folder holds nothing (or does not exist), and no temporary file lies anywhere in the store.</summary>
    public static void AssertNoLeftovers(string dataDir)
    {
        var staging = Path.Combine(dataDir, "blobs", "staging");
        if (Directory.Exists(staging))
        {
            Assert.Empty(Directory.EnumerateFileSystemEntries(staging, "*", SearchOption.AllDirectories));
        }

        var root = Path.Combine(dataDir, "blobs");
        if (Directory.Exists(root))
        {
            Assert.Empty(Directory.EnumerateFiles(root, "*.tmp", SearchOption.AllDirectories));
        }
    }
}

/// <summary>A base of its own with one API token, as an app sees it.</summary>
public sealed record AppBase(ApiUser Owner, string Name, string Uuid, string ApiToken, SeaTableAppFactory Factory)
{
    /// <summary>Where the server keeps this base's assets: DataDir/blobs/assets/&lt;uuid&gt;.</summary>
    public string AssetFolder => Path.Combine(Factory.DataDir, "blobs", "assets", Uuid);

    public string ParentPath => $"/asset/{Uuid}";

    public string FilePath(params string[] relative) => Path.Combine([AssetFolder, .. relative]);

    /// <summary>A new base of the owner with one token.</summary>
    public static async Task<AppBase> CreateAsync(ApiUser owner, string appName = "assets", string permission = "rw")
    {
        using var client = owner.Client();
        var name = NewBaseName("asset");
        var table = await client.CreateBaseAsync(name);
        var token = await client.CallAsync(HttpMethod.Post,
            $"/api/v2.1/workspace/{owner.WorkspaceId.ToString(CultureInfo.InvariantCulture)}/dtable/{Uri.EscapeDataString(name)}/api-tokens/",
            Bodies.Json(("app_name", appName), ("permission", permission)), HttpStatusCode.Created);
        return new AppBase(owner, name, table.Str("uuid"), token.Str("api_token"), owner.Factory);
    }

    /// <summary>E6: the upload link answer.</summary>
    public Task<JsonNode> UploadLinkAsync(HttpStatusCode expected = HttpStatusCode.OK) =>
        Factory.AppGetJsonAsync(AssetCalls.UploadLinkPath, ApiToken, expected);

    public async Task<string> UploadLinkUrlAsync() => (await UploadLinkAsync()).Str("upload_link");

    /// <summary>E7 for that path: the download link answer.</summary>
    public Task<JsonNode> DownloadLinkAsync(string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        Factory.AppGetJsonAsync(AssetCalls.DownloadLinkUrl(path), ApiToken, expected);

    /// <summary>Uploads one file as SeaTable's Python client does (parent_path, relative_path, ret-json=1); the answer entry.</summary>
    public async Task<JsonObject> UploadAsync(string relativePath, string fileName, byte[] content, bool replace = false)
    {
        var body = new MultipartBody().File(fileName, content).Field("parent_dir", ParentPath).Field("relative_path", relativePath);
        if (replace)
        {
            body.Field("replace", "1");
        }

        return Assert.Single(await Factory.UploadJsonAsync(await UploadLinkUrlAsync(), body));
    }

    /// <summary>E2's entry of this base's token.</summary>
    public async Task<JsonObject> ListedTokenAsync()
    {
        using var client = Owner.Client();
        var list = await client.GetJsonAsync(
            $"/api/v2.1/workspace/{Owner.WorkspaceId.ToString(CultureInfo.InvariantCulture)}/dtable/{Uri.EscapeDataString(Name)}/api-tokens/");
        return Assert.Single(list.Objects("api_tokens"));
    }

    /// <summary>Moves the base to the trash (DELETE …/workspace/{id}/dtable/).</summary>
    public async Task TrashAsync()
    {
        using var client = Owner.Client();
        await client.DeleteBaseAsync(Owner.WorkspaceId, Name);
    }
}

/// <summary>
/// A multipart/form-data body written byte by byte, as Python's requests does (quoted name and filename, no
/// filename*), so a test controls the order of the parts and can send names no HTTP library would.
/// </summary>
public sealed class MultipartBody
{
    private readonly string _boundary = "----assettest" + Guid.NewGuid().ToString("N");
    private readonly MemoryStream _body = new();

    public MultipartBody Field(string name, string value) =>
        Part($"form-data; name=\"{name}\"", null, Encoding.UTF8.GetBytes(value));

    public MultipartBody File(string fileName, byte[] content, string field = "file", string contentType = "application/octet-stream") =>
        Part($"form-data; name=\"{field}\"; filename=\"{fileName}\"", contentType, content);

    /// <summary>A part with that Content-Disposition value verbatim (UTF-8 bytes).</summary>
    public MultipartBody Part(string disposition, string? contentType, byte[] content)
    {
        var head = new StringBuilder()
            .Append("--").Append(_boundary).Append("\r\n")
            .Append("Content-Disposition: ").Append(disposition).Append("\r\n");
        if (contentType is not null)
        {
            head.Append("Content-Type: ").Append(contentType).Append("\r\n");
        }

        head.Append("\r\n");
        Write(Encoding.UTF8.GetBytes(head.ToString()));
        Write(content);
        Write("\r\n"u8.ToArray());
        return this;
    }

    public HttpContent Build()
    {
        var bytes = _body.ToArray().Concat(Encoding.ASCII.GetBytes($"--{_boundary}--\r\n")).ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={_boundary}");
        return content;
    }

    private void Write(byte[] bytes) => _body.Write(bytes);
}

/// <summary>
/// A server of one test with its own settings (a small upload limit, a short link lifetime), on the storage of
/// the variant running: SQLite in its own data folder, or PostgreSQL in its own database. Disposing stops it
/// and deletes both.
/// </summary>
public sealed class OwnServer : IAsyncDisposable
{
    private readonly TestDatabase? _database;

    private OwnServer(SeaTableAppFactory factory, TestDatabase? database)
    {
        Factory = factory;
        _database = database;
    }

    public SeaTableAppFactory Factory { get; }

    public static async Task<OwnServer> StartAsync(string storage, IReadOnlyDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>(settings, StringComparer.OrdinalIgnoreCase);
        TestDatabase? database = null;
        if (storage == "PostgreSQL")
        {
            database = await TestPostgres.CreateDatabaseAsync();
            all["SeaTable:Storage:Provider"] = "PostgreSQL";
            all["ConnectionStrings:SeaTable"] = new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 5 }.ConnectionString;
            all["SeaTable:Orleans:ClusterId"] = database.Name;
            all["SeaTable:Orleans:AdvertisedAddress"] = "127.0.0.1";
        }

        var factory = new SeaTableAppFactory(settings: all);
        var server = new OwnServer(factory, database);
        try
        {
            _ = factory.Server;
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new user of this server, logged in.</summary>
    public async Task<ApiUser> NewUserAsync()
    {
        using var admin = Factory.CreateClient(await Factory.LoginAdminAsync());
        var account = await Factory.CreateUserAndLoginAsync(admin, "own");
        using var client = Factory.CreateClient(account.Token);
        var info = await client.GetJsonAsync(AccountInfo);
        return new ApiUser(account, info.Str("name"), info.Long("workspace_id"), Factory);
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
