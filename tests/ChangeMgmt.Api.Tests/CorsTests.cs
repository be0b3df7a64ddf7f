using System.Net;

namespace ChangeMgmt.Api.Tests;

/// <summary>CORS only for the portal's origin (examples/config.json: portal_base_url http://127.0.0.1:5080).</summary>
public sealed class CorsTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Portal = "http://127.0.0.1:5080";
    private readonly ApiHost host = fixture.Host;

    private async Task<HttpResponseMessage> PreflightAsync(string origin, string method = "PUT", string headers = "content-type,if-match")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/changes/CHG-20260101-AAAAAA");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return await host.Http.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    [Fact]
    public async Task The_portal_origin_is_allowed_with_the_etag_exposed()
    {
        using var response = await host.SendAsync(HttpMethod.Get, "/api/health", null, ("Origin", Portal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Portal, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("ETag", Header(response, "Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task The_preflight_is_answered_for_the_portal_origin()
    {
        using var response = await PreflightAsync(Portal, "PUT", "content-type,if-match,idempotency-key");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Portal, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("PUT", Header(response, "Access-Control-Allow-Methods"));
        var allowed = Header(response, "Access-Control-Allow-Headers")!.ToLowerInvariant();
        Assert.Contains("if-match", allowed);
        Assert.Contains("idempotency-key", allowed);
    }

    [Fact]
    public async Task The_portal_may_send_its_body_hash_for_cloudfront_origin_access_control()
    {
        using var response = await PreflightAsync(Portal, "POST", "content-type,x-amz-content-sha256,x-requested-with");

        Assert.Equal(Portal, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("x-amz-content-sha256", Header(response, "Access-Control-Allow-Headers")!.ToLowerInvariant());
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("http://127.0.0.1:5081")]
    [InlineData("https://127.0.0.1:5080")]
    public async Task Other_origins_get_no_cors_headers(string origin)
    {
        using var simple = await host.SendAsync(HttpMethod.Get, "/api/health", null, ("Origin", origin));
        Assert.Null(Header(simple, "Access-Control-Allow-Origin"));

        using var preflight = await PreflightAsync(origin);
        Assert.Null(Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Null(Header(preflight, "Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task A_method_or_header_outside_the_policy_is_not_allowed()
    {
        using var patch = await PreflightAsync(Portal, "PATCH", "content-type");
        Assert.DoesNotContain("PATCH", Header(patch, "Access-Control-Allow-Methods") ?? "");
        using var header = await PreflightAsync(Portal, "PUT", "x-secret");
        Assert.DoesNotContain("x-secret", (Header(header, "Access-Control-Allow-Headers") ?? "").ToLowerInvariant());
    }
}
