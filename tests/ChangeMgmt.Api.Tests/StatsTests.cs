using System.Text.Json.Nodes;

namespace ChangeMgmt.Api.Tests;

/// <summary>The dashboard numbers, on a server of its own so every count is this test's.</summary>
public sealed class StatsTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHost host = fixture.Host;

    private async Task<string> ChangeAsync(string title, TimeSpan startsIn, params string[] actions)
    {
        var body = Changes.Complete(title, "acme");
        var start = DateTimeOffset.UtcNow + startsIn;
        body["implementationStart"] = start.ToString("o");
        body["implementationEnd"] = (start + TimeSpan.FromHours(2)).ToString("o");
        var id = await host.CreateAsync(body);
        // The overrides count only where needed: approving the past window (backdated), completing before the window (early).
        foreach (var action in actions)
            await host.PostJsonAsync($"/api/changes/{id}/{action}", new JsonObject { ["backdated"] = true, ["early"] = true, ["reason"] = "dashboard fixture" });
        return id;
    }

    [Fact]
    public async Task Counts_awaiting_upcoming_and_recent()
    {
        var day = TimeSpan.FromDays(1);
        await ChangeAsync("draft one", day);
        await ChangeAsync("draft two", day);
        var deleted = await ChangeAsync("deleted draft", day);
        await host.Http.DeleteAsync($"/api/changes/{deleted}");
        var submittedFirst = await ChangeAsync("submitted first", day, "submit");
        var submittedSecond = await ChangeAsync("submitted second", day, "submit");
        var soon = await ChangeAsync("approved soon", 2 * day, "submit", "approve");
        var sooner = await ChangeAsync("approved sooner", 0.5 * day, "submit", "approve");
        await ChangeAsync("approved later", 20 * day, "submit", "approve");
        await ChangeAsync("approved past", -day, "submit", "approve");
        await ChangeAsync("completed", day, "submit", "approve", "complete");
        var last = await ChangeAsync("cancelled", day, "cancel");

        var stats = await host.GetJsonAsync("/api/stats");

        var byStatus = stats["byStatus"]!.AsObject();
        Assert.Equal(new Dictionary<string, int> { ["draft"] = 2, ["submitted"] = 2, ["approved"] = 4, ["completed"] = 1, ["cancelled"] = 1, ["rejected"] = 0 },
            byStatus.ToDictionary(p => p.Key, p => (int)p.Value!));
        Assert.Equal([submittedSecond, submittedFirst], Ids(stats["awaitingApproval"]!));
        Assert.Equal([sooner, soon], Ids(stats["upcoming"]!));
        var recent = stats["recent"]!.AsArray();
        Assert.Equal(10, recent.Count);
        Assert.Equal(last, (string)recent[0]!["changeId"]!);
        Assert.Equal("cancelled", (string)recent[0]!["status"]!);
        Assert.Equal("cancelled", (string)recent[0]!["changeTitle"]!);
        Assert.Equal("local-operator", (string)recent[0]!["modifiedBy"]!);
        Assert.DoesNotContain(deleted, recent.Select(r => (string)r!["changeId"]!));
        var times = recent.Select(r => DateTimeOffset.Parse((string)r!["modifiedAt"]!)).ToList();
        Assert.Equal(times.OrderDescending(), times);
    }

    private static string[] Ids(JsonNode list) => [.. list.AsArray().Select(i => (string)i!["changeId"]!)];
}
