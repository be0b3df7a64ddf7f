using System.Net;
using System.Text.Json.Nodes;

namespace ChangeMgmt.Api.Tests;

public sealed class PreviewTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHost host = fixture.Host;

    [Fact]
    public async Task Every_email_of_the_lifecycle_with_user_text_escaped()
    {
        var body = Changes.Complete("Patch <script>alert(1)</script> & more", "acme");

        var items = (await host.PostJsonAsync("/api/preview?customer=acme", body))["items"]!.AsArray();

        Assert.Equal(["approvalRequest", "announcement", "calendarInvite", "completion", "cancellation"], items.Select(i => (string)i!["kind"]!));
        Assert.Equal(["aws-approval", "aws-announce", "aws-calendar", "aws-announce", "aws-announce"], items.Select(i => (string)i!["topic"]!));
        Assert.All(items, i =>
        {
            var html = (string)i!["html"]!;
            Assert.DoesNotContain("<script>", html);
            Assert.Contains("&lt;script&gt;", html);
            Assert.Contains("<script>", (string)i["text"]!);
            Assert.False(string.IsNullOrWhiteSpace((string)i["subject"]!));
        });
    }

    [Fact]
    public async Task The_preview_shows_the_links_the_sent_emails_carry()
    {
        var body = Changes.Complete("Links", "acme");
        body["changeId"] = "CHG-20261130-7Q2K9D";

        var items = (await host.PostJsonAsync("/api/preview?customer=acme", body))["items"]!.AsArray();

        var request = items.Single(i => (string)i!["kind"]! == "approvalRequest")!;
        Assert.Contains("/detail.html?id=CHG-20261130-7Q2K9D&amp;action=approve\"", (string)request["html"]!);
        Assert.Contains("/detail.html?id=CHG-20261130-7Q2K9D&action=approve", (string)request["text"]!);
        Assert.All(items, i => Assert.DoesNotContain("/changes/CHG", (string?)i!["html"] ?? ""));
    }

    [Fact]
    public async Task An_unfinished_draft_previews_what_it_can()
    {
        var items = (await host.PostJsonAsync("/api/preview?customer=globex", new JsonObject { ["changeTitle"] = "Half written" }))["items"]!.AsArray();

        Assert.Equal(5, items.Count);
        Assert.Contains("Half written", (string)items[0]!["subject"]!);
        var invite = items.Single(i => (string)i!["kind"]! == "calendarInvite")!;
        Assert.Contains("implementationStart", (string)invite["error"]!);
    }

    [Fact]
    public async Task An_unknown_or_missing_customer_is_400_naming_customer()
    {
        foreach (var query in new[] { "?customer=nobody", "" })
        {
            var problem = await host.PostJsonAsync($"/api/preview{query}", Changes.Complete("x", "acme"), HttpStatusCode.BadRequest);
            Assert.NotEmpty(problem["errors"]!["customer"]!.AsArray());
        }
    }
}
