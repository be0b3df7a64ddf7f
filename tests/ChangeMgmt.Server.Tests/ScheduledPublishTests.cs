using System.Net;
using System.Text.Json.Nodes;

namespace ChangeMgmt.Server.Tests;

/// <summary>publishAt on the running server: the sweep sends a scheduled announcement; /events takes EventBridge's schedule.</summary>
public sealed class ScheduledPublishTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly LocalServer server = fixture.Server;

    [Fact]
    public async Task A_general_announcement_published_for_later_is_sent_by_the_sweep_to_its_topic_once_per_subscriber()
    {
        var publishAt = DateTimeOffset.UtcNow.AddSeconds(5);
        var created = await server.PostJsonAsync("/api/announcements", new
        {
            announcement_type = "general",
            title = "Office move",
            summary = "We move on Friday.",
            content = "New **address** from Friday.",
            customers = new[] { "acme", "globex" },
            publishAt,
        }, HttpStatusCode.Created);
        var id = (string)created["announcement_id"]!;

        var published = await server.PostJsonAsync($"/api/announcements/{id}/submit", null);
        Assert.Equal("approved", (string)published["announcement"]!["status"]!);
        Assert.Equal(publishAt.ToUnixTimeSeconds(), DateTimeOffset.Parse((string)published["scheduledFor"]!).ToUnixTimeSeconds());
        Assert.Empty(published["triggers"]!.AsArray());

        var mails = await server.EventuallyAsync(() => Outbox.ReadAsync(server, changeId: id),
            m => m.Any(x => x.Customer == "acme") && m.Any(x => x.Customer == "globex"), "the scheduled announcement's emails", TimeSpan.FromSeconds(60));
        Assert.All(mails, m => Assert.Equal("general-updates", m.Topic));
        Assert.Equal(mails.Count, mails.Select(m => (m.Customer, m.To)).Distinct().Count());
        Assert.Contains(mails, m => m.To == "ann@acme.example");
        Assert.DoesNotContain(mails, m => m.To is "dee@acme.example" or "eve@acme.example");
    }

    [Fact]
    public async Task The_schedules_event_runs_one_sweep_and_anything_else_is_refused_by_name()
    {
        var sweep = await server.PostJsonAsync("/events", new JsonObject
        {
            ["version"] = "0", ["id"] = "53dc4d37", ["detail-type"] = "Scheduled Event", ["source"] = "aws.events",
            ["time"] = DateTimeOffset.UtcNow.ToString("O"), ["resources"] = new JsonArray("arn:aws:events:us-east-1:111122223333:rule/changemgmt-sweep"),
            ["detail"] = new JsonObject(),
        });
        Assert.NotNull(sweep["published"]);
        Assert.NotNull(sweep["triggers"]);
        Assert.NotNull(sweep["pendingWrites"]);

        var refused = await server.PostJsonAsync("/events", new JsonObject { ["source"] = "aws.s3", ["detail"] = new JsonObject() }, HttpStatusCode.BadRequest);
        Assert.Contains("Records", (string)refused["detail"]!);
        Assert.Contains("Scheduled Event", (string)refused["detail"]!);
    }
}
