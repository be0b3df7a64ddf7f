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
