using System.Net;

namespace ChangeMgmt.Api.Tests;

public sealed class IdempotencyTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHost host = fixture.Host;

    private Task<HttpResponseMessage> CreateAsync(string key, string title) =>
        host.SendAsync(HttpMethod.Post, "/api/changes", Changes.Complete(title, "acme"), ("Idempotency-Key", key));

    private async Task<int> CountAsync(string marker) =>
        (await host.GetJsonAsync($"/api/changes?q={marker}"))["items"]!.AsArray().Count;

    [Fact]
    public async Task A_repeat_with_the_same_body_answers_the_same_change_and_creates_nothing()
    {
        var marker = Changes.Marker();
        var key = Guid.NewGuid().ToString();
        using var first = await CreateAsync(key, marker);
        var created = await ApiHost.ReadAsync(first, HttpStatusCode.Created);
        Assert.False(first.Headers.Contains("Idempotency-Replayed"));

        using var again = await CreateAsync(key, marker);
        var replayed = await ApiHost.ReadAsync(again, HttpStatusCode.OK);

        Assert.Equal("true", again.Headers.GetValues("Idempotency-Replayed").Single());
        Assert.Equal((string)created["changeId"]!, (string)replayed["changeId"]!);
        Assert.Equal("\"1\"", again.Headers.ETag?.Tag);
        Assert.Equal(1, await CountAsync(marker));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_naming_the_header()
    {
        var key = Guid.NewGuid().ToString();
        using var first = await CreateAsync(key, Changes.Marker());
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var other = await CreateAsync(key, "something else");
        var problem = await ApiHost.ReadAsync(other, HttpStatusCode.UnprocessableEntity);
        Assert.NotEmpty(problem["errors"]!["Idempotency-Key"]!.AsArray());
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_create_one_change()
    {
        var marker = Changes.Marker();
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => CreateAsync(key, marker)));
        var bodies = await Task.WhenAll(responses.Select(r => ApiHost.ReadAsync(r, r.StatusCode)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Single(bodies.Select(b => (string)b["changeId"]!).Distinct());
        Assert.Equal(1, await CountAsync(marker));
        foreach (var r in responses) r.Dispose();
    }

    [Fact]
    public async Task Without_a_key_every_post_creates_and_an_invalid_body_reserves_nothing()
    {
        var marker = Changes.Marker();
        await host.CreateAsync(Changes.Complete(marker, "acme"));
        await host.CreateAsync(Changes.Complete(marker, "acme"));
        Assert.Equal(2, await CountAsync(marker));

        var key = Guid.NewGuid().ToString();
        using var invalid = await host.SendAsync(HttpMethod.Post, "/api/changes", Changes.Complete(marker, "nobody"), ("Idempotency-Key", key));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        using var valid = await host.SendAsync(HttpMethod.Post, "/api/changes", Changes.Complete(marker, "globex"), ("Idempotency-Key", key));
        Assert.Equal(HttpStatusCode.Created, valid.StatusCode);
    }
}
