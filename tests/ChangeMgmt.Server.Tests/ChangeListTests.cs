using System.Net;

namespace ChangeMgmt.Server.Tests;

public sealed class ChangeListTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly LocalServer server = fixture.Server;

    [Fact]
    public async Task Lists_are_filtered_and_paged_with_a_token()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var ids = new List<string>();
        foreach (var customer in new[] { "acme", "globex", "acme" })
        {
            var body = ChangeRequests.For(customer);
            body["changeTitle"] = $"List test {marker}";
            ids.Add((string)(await server.PostJsonAsync("/api/changes", body, HttpStatusCode.Created))["changeId"]!);
        }

        var first = await server.GetJsonAsync($"/api/changes?q={marker}&customer=acme&pageSize=1");
        var second = await server.GetJsonAsync($"/api/changes?q={marker}&customer=acme&pageSize=1&pageToken={Uri.EscapeDataString((string)first["nextPageToken"]!)}");

        var listed = new[] { first, second }.SelectMany(p => p["items"]!.AsArray()).Select(i => (string)i!["changeId"]!).ToList();
        Assert.Equal(new[] { ids[0], ids[2] }.Order(), listed.Order());
        Assert.All(new[] { first, second }.SelectMany(p => p["items"]!.AsArray()), i => Assert.Equal("draft", (string)i!["status"]!));

        using var bad = await server.Http.GetAsync("/api/changes?status=bogus");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}

public sealed class ChangeDeleteApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly LocalServer server = fixture.Server;

    [Fact]
    public async Task Deleting_a_draft_answers_204_then_410_and_a_stale_version_412()
    {
        var id = (string)(await server.PostJsonAsync("/api/changes", ChangeRequests.For("acme"), HttpStatusCode.Created))["changeId"]!;

        using var stale = new HttpRequestMessage(HttpMethod.Delete, $"/api/changes/{id}");
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"9\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await server.Http.SendAsync(stale)).StatusCode);

        using var delete = await server.Http.DeleteAsync($"/api/changes/{id}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var gone = await server.Http.GetAsync($"/api/changes/{id}");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
    }
}
