using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Subscriptions;
using ChangeMgmt.Server.Tests;

namespace ChangeMgmt.Api.Tests;

/// <summary>
/// /api/customers/{code}/… (contacts, bulk change files, jobs): a customer-scoped subscriptions user manages their own
/// customer only (another's is 404 on every route), viewers are refused, a contact's change needs its current ETag, and
/// a contact list of thousands pages without gaps or repeats.
/// </summary>
public sealed class SubscriptionRouteTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    public static readonly string[] Routes = ["sub-topics", "sub-contacts", "sub-add", "sub-get", "sub-set", "sub-remove", "sub-preview", "sub-import", "sub-jobs", "sub-job"];

    public static int Success(string route) => route switch { "sub-add" => 201, "sub-remove" => 204, "sub-import" => 202, _ => 200 };

    private static readonly string Admin = TestTokens.For("ada", ["admin"]);
    private static readonly string AcmeSubscriptions = TestTokens.For("acme-subs", ["subscriptions"], ["acme"]);

    /// <summary>The route called by <paramref name="token"/> for <paramref name="customer"/>; what it needs (a contact, a job) is made for acme by an admin first.</summary>
    public static async Task<HttpResponseMessage> CallAsync(AuthFixture fixture, string token, string route, string customer)
    {
        var email = $"c-{Guid.NewGuid().ToString("N")[..8]}@acme.example";
        var etag = route is "sub-get" or "sub-set" or "sub-remove" ? await AddAsync(fixture, email) : "";
        var job = route == "sub-job" ? await QueueAsync(fixture, Admin, "acme", $"email,topics\n{email},aws-announce\n") : "";
        var contact = $"/api/customers/{customer}/contacts/{Uri.EscapeDataString(email)}";
        return route switch
        {
            "sub-topics" => await fixture.SendAsync(token, HttpMethod.Get, $"/api/customers/{customer}/subscriptions"),
            "sub-contacts" => await fixture.SendAsync(token, HttpMethod.Get, $"/api/customers/{customer}/contacts?pageSize=5"),
            "sub-add" => await fixture.SendAsync(token, HttpMethod.Post, $"/api/customers/{customer}/contacts", new { email, topics = new[] { "aws-announce" } }),
            "sub-get" => await fixture.SendAsync(token, HttpMethod.Get, contact),
            "sub-set" => await fixture.SendAsync(token, HttpMethod.Put, contact, new { topics = new[] { "general-updates" }, unsubscribeAll = false }, headers: ("If-Match", etag)),
            "sub-remove" => await fixture.SendAsync(token, HttpMethod.Delete, contact, headers: ("If-Match", etag)),
            "sub-preview" => await CsvAsync(fixture, token, $"/api/customers/{customer}/contacts/import/preview", $"email,topics\n{email},aws-announce\n"),
            "sub-import" => await CsvAsync(fixture, token, $"/api/customers/{customer}/contacts/import", $"email,topics\n{email},aws-announce\n"),
            "sub-jobs" => await fixture.SendAsync(token, HttpMethod.Get, $"/api/customers/{customer}/jobs"),
            "sub-job" => await fixture.SendAsync(token, HttpMethod.Get, $"/api/customers/{customer}/jobs/{job}"),
            _ => throw new ArgumentException(route),
        };
    }

    /// <summary>A contact added to acme's list by an admin; its ETag.</summary>
    public static async Task<string> AddAsync(AuthFixture fixture, string email, params string[] topics)
    {
        using var added = await fixture.SendAsync(Admin, HttpMethod.Post, "/api/customers/acme/contacts", new { email, topics });
        await ApiHost.ReadAsync(added, HttpStatusCode.Created);
        return added.Headers.ETag!.ToString();
    }

    public static Task<HttpResponseMessage> CsvAsync(AuthFixture fixture, string token, string path, string csv)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return fixture.Host.Http.SendAsync(request);
    }

    public static async Task<string> QueueAsync(AuthFixture fixture, string token, string customer, string csv)
    {
        using var queued = await CsvAsync(fixture, token, $"/api/customers/{customer}/contacts/import", csv);
        return (string)(await ApiHost.ReadAsync(queued, HttpStatusCode.Accepted))["jobId"]!;
    }

    [Fact]
    public async Task A_scoped_subscriptions_user_manages_their_customer_and_finds_no_other()
    {
        foreach (var route in Routes)
        {
            using var own = await CallAsync(fixture, AcmeSubscriptions, route, "acme");
            Assert.True(Success(route) == (int)own.StatusCode, $"{route} acme: {(int)own.StatusCode} {await own.Content.ReadAsStringAsync()}");
            foreach (var other in new[] { "globex", "no-such-customer" })
            {
                using var theirs = await CallAsync(fixture, AcmeSubscriptions, route, other);
                var body = await theirs.Content.ReadAsStringAsync();
                Assert.True(HttpStatusCode.NotFound == theirs.StatusCode, $"{route} {other}: {(int)theirs.StatusCode} {body}");
                Assert.DoesNotContain("acme", body);
            }
        }
    }

    [Fact]
    public async Task Viewers_editors_and_approvers_of_the_customer_are_refused()
    {
        var scoped = TestTokens.For("acme-staff", ["viewer", "editor", "approver"], ["acme"]);
        foreach (var route in Routes)
        {
            using var response = await CallAsync(fixture, scoped, route, "acme");
            var problem = await ApiHost.ReadAsync(response, HttpStatusCode.Forbidden);
            Assert.Equal("subscriptions", (string)problem["requiredRole"]!);
        }
    }

    [Fact]
    public async Task Topics_come_from_configuration_with_their_descriptions()
    {
        var info = await fixture.JsonAsync(AcmeSubscriptions, HttpMethod.Get, "/api/customers/acme/subscriptions");
        Assert.Equal("acme", (string)info["customer"]!);
        var announce = info["topics"]!.AsArray().Single(t => (string)t!["name"]! == "aws-announce")!;
        Assert.False(string.IsNullOrEmpty((string)announce["description"]!));
        Assert.Contains((string)announce["defaultSubscriptionStatus"]!, new[] { "OPT_IN", "OPT_OUT" });
    }

    [Fact]
    public async Task A_contacts_change_needs_its_current_etag()
    {
        var email = $"etag-{Guid.NewGuid().ToString("N")[..8]}@acme.example";
        var etag = await AddAsync(fixture, email, "aws-announce");
        var path = $"/api/customers/acme/contacts/{email}";
        var body = new { topics = new[] { "general-updates" }, unsubscribeAll = false };

        using (var none = await fixture.SendAsync(AcmeSubscriptions, HttpMethod.Put, path, body))
            await ApiHost.ReadAsync(none, (HttpStatusCode)428);
        using (var none = await fixture.SendAsync(AcmeSubscriptions, HttpMethod.Delete, path))
            await ApiHost.ReadAsync(none, (HttpStatusCode)428);
        using (var stale = await fixture.SendAsync(AcmeSubscriptions, HttpMethod.Put, path, body, headers: ("If-Match", "\"0000000000000000\"")))
        {
            await ApiHost.ReadAsync(stale, HttpStatusCode.PreconditionFailed);
            Assert.Equal(etag, stale.Headers.ETag!.ToString());
        }
        using var changed = await fixture.SendAsync(AcmeSubscriptions, HttpMethod.Put, path, body, headers: ("If-Match", etag));
        var contact = await ApiHost.ReadAsync(changed, HttpStatusCode.OK);
        Assert.Equal("OPT_IN", (string)contact["topics"]!.AsArray().Single(t => (string)t!["name"]! == "general-updates")!["status"]!);
        Assert.Equal("OPT_OUT", (string)contact["topics"]!.AsArray().Single(t => (string)t!["name"]! == "aws-announce")!["status"]!);
        Assert.NotEqual(etag, changed.Headers.ETag!.ToString());
        using (var old = await fixture.SendAsync(AcmeSubscriptions, HttpMethod.Delete, path, headers: ("If-Match", etag)))
            await ApiHost.ReadAsync(old, HttpStatusCode.PreconditionFailed);
        using (var removed = await fixture.SendAsync(AcmeSubscriptions, HttpMethod.Delete, path, headers: ("If-Match", changed.Headers.ETag!.ToString())))
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        using var gone = await fixture.SendAsync(AcmeSubscriptions, HttpMethod.Get, path);
        await ApiHost.ReadAsync(gone, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Thousands_of_contacts_page_without_gaps_or_repeats_with_and_without_a_filter()
    {
        var marker = $"pg{Guid.NewGuid().ToString("N")[..6]}";
        var account = fixture.Host.Get<ISesAccountProvider>().ForCustomer("acme");
        var list = (await account.ListContactListsAsync(null, default)).Items[0].ContactListName;
        var seeded = Enumerable.Range(0, 2500).Select(i => $"{marker}-{i:D4}@acme.example").ToList();
        foreach (var email in seeded) await account.CreateContactAsync(list, new SesContact(email, [], false), default);

        Assert.Equal(seeded, await WalkAsync($"q={marker.ToUpperInvariant()}&pageSize=300"));
        var all = await WalkAsync("pageSize=1000");
        Assert.Equal(all.Count, all.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(seeded, all.Where(e => e.StartsWith(marker, StringComparison.Ordinal)).ToList());
    }

    private async Task<List<string>> WalkAsync(string query)
    {
        var emails = new List<string>();
        string? token = null;
        do
        {
            var page = await fixture.JsonAsync(AcmeSubscriptions, HttpMethod.Get, $"/api/customers/acme/contacts?{query}{(token is null ? "" : $"&pageToken={Uri.EscapeDataString(token)}")}");
            emails.AddRange(page["items"]!.AsArray().Select(c => (string)c!["email"]!));
            token = (string?)page["nextPageToken"];
        } while (token is not null);
        return emails;
    }

    [Fact]
    public async Task A_preview_shows_each_change_and_a_bad_file_queues_nothing()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var (kept, changed, removed, added) = ($"kept-{id}@acme.example", $"changed-{id}@acme.example", $"removed-{id}@acme.example", $"added-{id}@acme.example");
        await AddAsync(fixture, kept, "aws-announce");
        await AddAsync(fixture, changed, "aws-announce");
        await AddAsync(fixture, removed);
        var csv = $"email,topics,action\n{kept},aws-announce,add\n{changed},general-updates,set\n{removed},,remove\n{added},aws-announce;general-updates,set\n";

        using var previewed = await CsvAsync(fixture, AcmeSubscriptions, "/api/customers/acme/contacts/import/preview", csv);
        var preview = await ApiHost.ReadAsync(previewed, HttpStatusCode.OK);
        var actions = preview["changes"]!.AsArray().ToDictionary(c => (string)c!["email"]!, c => (string)c!["action"]!);
        Assert.Equal(["unchanged", "update", "remove", "add"], new[] { kept, changed, removed, added }.Select(e => actions[e]));
        Assert.Equal(["general-updates"], preview["changes"]!.AsArray().Single(c => (string)c!["email"]! == changed)!["after"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(1, (int)preview["summary"]!["add"]!);
        Assert.Empty(preview["errors"]!.AsArray());
        using (var still = await fixture.SendAsync(AcmeSubscriptions, HttpMethod.Get, $"/api/customers/acme/contacts/{added}"))
            Assert.Equal(HttpStatusCode.NotFound, still.StatusCode);

        using var bad = await CsvAsync(fixture, AcmeSubscriptions, "/api/customers/acme/contacts/import", $"email,topics,action\n{added},no-such-topic,set\nnot-an-address,,frobnicate\n");
        var problem = await ApiHost.ReadAsync(bad, HttpStatusCode.BadRequest);
        Assert.Equal([2, 3, 3], problem["errors"]!.AsArray().Select(e => (int)e!["line"]!));
    }

    [Fact]
    public async Task A_queued_job_is_applied_by_the_sweep_backed_up_and_audited_per_contact()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var (existing, added) = ($"job-existing-{id}@acme.example", $"job-added-{id}@acme.example");
        await AddAsync(fixture, existing, "aws-announce");
        using var queued = await CsvAsync(fixture, AcmeSubscriptions, "/api/customers/acme/contacts/import",
            $"email,topics,action\n{existing},,remove\n{added},general-updates,set\n");
        var body = await ApiHost.ReadAsync(queued, HttpStatusCode.Accepted);
        Assert.Equal("queued", (string)body["status"]!);
        Assert.Equal($"/api/customers/acme/jobs/{body["jobId"]}", queued.Headers.Location!.ToString());

        var job = await FinishedAsync((string)body["jobId"]!);
        Assert.Equal("done", (string)job["status"]!);
        Assert.Equal(2, (int)job["done"]!);
        Assert.Equal(0, (int)job["failed"]!);
        Assert.Equal("acme-subs", (string)job["createdBy"]!);
        Assert.StartsWith("subscriptions/acme/backups/", (string)job["backup"]!);
        using (var gone = await fixture.SendAsync(AcmeSubscriptions, HttpMethod.Get, $"/api/customers/acme/contacts/{existing}"))
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var contact = await fixture.JsonAsync(AcmeSubscriptions, HttpMethod.Get, $"/api/customers/acme/contacts/{added}");
        Assert.Equal("OPT_IN", (string)contact["topics"]!.AsArray().Single(t => (string)t!["name"]! == "general-updates")!["status"]!);
        var audited = fixture.Logs.Entries.Where(e => e.Category == "ChangeMgmt.Audit" && e.Message.Contains((string)body["jobId"]!)).Select(e => JsonNode.Parse(e.Message)!).ToList();
        Assert.Equal([existing, added], audited.Select(a => (string)a["email"]!));
        Assert.Equal(["remove", "add"], audited.Select(a => (string)a["change"]!));
        var jobs = await fixture.JsonAsync(AcmeSubscriptions, HttpMethod.Get, "/api/customers/acme/jobs");
        Assert.Contains((string)body["jobId"]!, jobs["items"]!.AsArray().Select(j => (string)j!["jobId"]!));
    }

    /// <summary>The job once finished: the sweep is run here until it is (the server's own sweep may take it first).</summary>
    private async Task<JsonNode> FinishedAsync(string jobId)
    {
        var runner = fixture.Host.Get<SubscriptionJobRunner>();
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var job = await fixture.JsonAsync(AcmeSubscriptions, HttpMethod.Get, $"/api/customers/acme/jobs/{jobId}");
            if ((string)job["status"]! is "done" or "failed" || DateTime.UtcNow > until) return job;
            await fixture.Host.Get<ChangeMgmt.Lambda.Hosting.PendingWork>().RunAsync(default);
        }
    }
}
