using System.Net;
using System.Text.Json.Nodes;

namespace ChangeMgmt.Server.Tests;

/// <summary>A person's path in local mode: write a change for two customers, submit, approve, complete.</summary>
public sealed class NotificationFlowTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly LocalServer server = fixture.Server;

    [Fact]
    public async Task Each_customer_subscriber_gets_exactly_the_right_emails_and_other_customers_none()
    {
        var created = await server.PostJsonAsync("/api/changes", ChangeRequests.For("acme", "globex"), HttpStatusCode.Created);
        var id = (string)created["changeId"]!;
        Assert.Equal("draft", (string)created["status"]!);
        Assert.Empty(await Outbox.ReadAsync(server, changeId: id));

        await server.PostJsonAsync($"/api/changes/{id}/submit", null);
        var mails = await WaitForMailsAsync(id, 3);
        Assert.Equal(["ann@acme.example", "ben@acme.example"], mails.To("acme", "Approval requested"));
        Assert.Equal(["hal@globex.example"], mails.To("globex", "Approval requested"));

        await server.PostJsonAsync($"/api/changes/{id}/approve", null);
        mails = await WaitForMailsAsync(id, 3 + 6);
        Assert.Equal(["ann@acme.example", "cid@acme.example"], mails.To("acme", "Scheduled change"));
        Assert.Equal(["hal@globex.example"], mails.To("globex", "Scheduled change"));
        Assert.Equal(["ann@acme.example"], mails.To("acme", "Invitation"));
        Assert.Equal(["gil@globex.example", "hal@globex.example"], mails.To("globex", "Invitation"));

        await server.PostJsonAsync($"/api/changes/{id}/complete", null);
        mails = await WaitForMailsAsync(id, 9 + 3);
        Assert.Equal(["ann@acme.example", "cid@acme.example"], mails.To("acme", "Completed"));
        Assert.Equal(["hal@globex.example"], mails.To("globex", "Completed"));

        Assert.All(mails, m => Assert.Contains(m.Customer, new[] { "acme", "globex" }));
        Assert.DoesNotContain(await Outbox.ReadAsync(server, "initech"), m => m.ChangeId == id);
        Assert.DoesNotContain(await Outbox.ReadAsync(server, "umbrella"), m => m.ChangeId == id);
        await AssertQueuesDrainedAsync();
        Assert.Equal(12, (await Outbox.ReadAsync(server, changeId: id)).Count);
    }

    [Fact]
    public async Task Deliveries_report_each_customer_and_recipient()
    {
        var id = (string)(await server.PostJsonAsync("/api/changes", ChangeRequests.For("acme"), HttpStatusCode.Created))["changeId"]!;
        await server.PostJsonAsync($"/api/changes/{id}/submit", null);

        var deliveries = await server.EventuallyAsync(
            () => server.GetJsonAsync($"/api/changes/{id}/deliveries"),
            d => d["items"]!.AsArray().Count(i => (string)i!["state"]! == "sent") == 2, "two approval requests to acme");

        var items = deliveries["items"]!.AsArray();
        Assert.All(items, i => Assert.Equal("sent", (string)i!["state"]!));
        Assert.All(items, i => Assert.False(string.IsNullOrEmpty((string?)i!["messageId"])));
        Assert.Equal(["ann@acme.example", "ben@acme.example"], items.Select(i => (string)i!["recipient"]!).Order());
    }

    [Fact]
    public async Task Lifecycle_is_enforced_and_stale_versions_conflict()
    {
        var created = await server.PostJsonAsync("/api/changes", ChangeRequests.For("acme"), HttpStatusCode.Created);
        var id = (string)created["changeId"]!;

        var problem = await server.PostJsonAsync($"/api/changes/{id}/approve", null, HttpStatusCode.Conflict);
        Assert.Contains("cannot be approved", (string)problem["detail"]!);

        await server.PostJsonAsync($"/api/changes/{id}/submit", null);
        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/changes/{id}") { Content = System.Net.Http.Json.JsonContent.Create(created) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        using var response = await server.Http.SendAsync(stale);
        var conflict = await LocalServer.ReadAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal(2, conflict["currentVersion"]!.GetValue<int>());

        using var unconditional = await server.Http.PutAsync($"/api/changes/{id}", System.Net.Http.Json.JsonContent.Create(created));
        Assert.Equal((HttpStatusCode)428, unconditional.StatusCode);
    }

    [Fact]
    public async Task Invalid_change_is_refused_naming_each_field()
    {
        var body = ChangeRequests.For("acme", "nosuchcustomer");
        body["timezone"] = "Mars/Olympus";
        var problem = await server.PostJsonAsync("/api/changes", body, HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.Contains("customers", errors.Select(e => e.Key));
        Assert.Contains("timezone", errors.Select(e => e.Key));
    }

    private Task<IReadOnlyList<SentMail>> WaitForMailsAsync(string changeId, int count) =>
        server.EventuallyAsync(() => Outbox.ReadAsync(server, changeId: changeId), m => m.Count >= count, $"{count} sent emails");
    // ">=" so that an extra (duplicate) email makes the exact assertions that follow fail rather than time out.

    private async Task AssertQueuesDrainedAsync()
    {
        var queues = await server.EventuallyAsync(() => server.GetJsonAsync("/api/queues"),
            q => q["items"]!.AsArray().All(i => i!["visible"]!.GetValue<int>() + i["inFlight"]!.GetValue<int>() == 0), "empty queues");
        Assert.NotNull(queues);
    }
}
