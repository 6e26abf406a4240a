using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Cluster;

/// <summary>HTTP to one silo of a process cluster: a client per silo (optionally logged in) and login.</summary>
public static class ClusterHttp
{
    public static HttpClient Client(SiloProcess silo, string? token = null, TimeSpan? timeout = null)
    {
        var http = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(40) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", token);
        }

        return http;
    }

    public static async Task<string> LoginAsync(SiloProcess silo, string email, string password)
    {
        using var http = Client(silo);
        var body = await (await http.PostAsJsonAsync("/api2/auth-token/", new { username = email, password })).ReadJsonAsync(HttpStatusCode.OK);
        return body["token"]!.GetValue<string>();
    }
}
