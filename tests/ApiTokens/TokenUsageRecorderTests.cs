using System.Net;
using Microsoft.AspNetCore.Http;
using SeaTable.Api.Infrastructure.RateLimits;
using SeaTable.Grains.ApiTokens;

namespace SeaTable.Tests.ApiTokens;

public sealed class TokenUsageRecorderTests
{
    private static HttpContext Request(string address, string? userAgent)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        if (userAgent is not null)
        {
            context.Request.Headers.UserAgent = userAgent;
        }

        return context;
    }

    [Fact]
    public void Counts_by_kind_keep_the_last_client_and_start_over_after_each_report()
    {
        var recorder = new TokenUsageRecorder(TimeProvider.System);
        recorder.Record("t1", "access_token", Request("10.0.0.1", "app/1"), jwtIssued: true);
        recorder.Record("t1", "base_read", Request("10.0.0.2", null));
        recorder.Record("t1", "base_read", Request("10.0.0.3", "app/2"));
        recorder.Record("t2", "upload_link", Request("10.0.0.9", "other"));

        var taken = recorder.TakeAll().ToDictionary(t => t.TokenId, t => t.Delta);
        Assert.Equal(1, taken["t1"].JwtsIssued);
        Assert.Equal(1, taken["t1"].Requests["access_token"]);
        Assert.Equal(2, taken["t1"].Requests["base_read"]);
        Assert.Equal("10.0.0.3", taken["t1"].LastClientAddress);
        Assert.Equal("app/2", taken["t1"].LastUserAgent);
        Assert.Equal(1, taken["t2"].Requests["upload_link"]);
        Assert.Empty(recorder.TakeAll());
    }

    [Fact]
    public void Reports_add_up_in_the_usage_record()
    {
        var t0 = DateTimeOffset.UtcNow;
        var usage = ApiTokenUsage.Empty
            .Add(new ApiTokenUsageDelta(1, new Dictionary<string, long> { ["access_token"] = 1 }, "10.0.0.1", "a", t0, t0.AddSeconds(1)))
            .Add(new ApiTokenUsageDelta(0, new Dictionary<string, long> { ["access_token"] = 2, ["base_read"] = 5 }, null, null, t0.AddSeconds(2), t0.AddSeconds(3)));

        Assert.Equal(1, usage.JwtsIssued);
        Assert.Equal(3, usage.Requests["access_token"]);
        Assert.Equal(5, usage.Requests["base_read"]);
        Assert.Equal("10.0.0.1", usage.LastClientAddress);
        Assert.Equal(t0, usage.FirstSeen);
        Assert.Equal(t0.AddSeconds(3), usage.LastSeen);
    }
}
