using System.Net;

namespace ChangeMgmt.Api.Tests;

/// <summary>
/// The portal sends <c>x-amz-content-sha256</c> with every write (CloudFront's origin access control to a
/// Lambda function URL signs the body with it); the server ignores it, whatever its value.
/// </summary>
public sealed class PayloadHashTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Header = "x-amz-content-sha256";
    private const string EmptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private readonly ApiHost host = fixture.Host;

    [Fact]
    public async Task Writes_with_the_header_are_served_as_without_it()
    {
        using var created = await host.SendAsync(HttpMethod.Post, "/api/changes", Changes.Complete("Hashed", "acme"), (Header, new string('0', 64)));
        var id = (string)(await ApiHost.ReadAsync(created, HttpStatusCode.Created))["changeId"]!;
        using var edited = await host.SendAsync(HttpMethod.Put, $"/api/changes/{id}", Changes.Complete("Hashed, edited", "acme"), ("If-Match", "\"1\""), (Header, "not-a-hash"));
        await ApiHost.ReadAsync(edited, HttpStatusCode.OK);
        using var deleted = await host.SendAsync(HttpMethod.Delete, $"/api/changes/{id}", null, ("If-Match", "\"2\""), (Header, EmptyBodyHash));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }
}
