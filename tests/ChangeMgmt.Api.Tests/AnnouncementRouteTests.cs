using System.Net;
using System.Text.Json.Nodes;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Rendering;

namespace ChangeMgmt.Api.Tests;

/// <summary>/api/announcements on the local server: lifecycle, triggers, versions, If-Match, problems, types, delivery status and previews.</summary>
public sealed class AnnouncementRouteTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHost host = fixture.Host;
    private IObjectStore Store => host.Get<IObjectStore>();

    private async Task<JsonNode> CreateAsync(string type, params string[] customers) =>
        await host.PostJsonAsync("/api/announcements", AnnouncementBodies.Complete("Quarterly review", type, customers), HttpStatusCode.Created);

    private async Task<IReadOnlyList<string>> TriggeredAsync(string id) =>
        [.. (await Store.ListAllKeysAsync(StorageLayout.CustomersPrefix, default).ToListAsync())
            .Where(k => k.EndsWith($"/{id}.json", StringComparison.Ordinal)).Select(k => k.Split('/')[1]).Order()];

    [Fact]
    public async Task Create_submit_approve_writes_triggers_for_exactly_its_customers()
    {
        var created = await CreateAsync("finops", "acme", "globex");
        var id = (string)created["announcement_id"]!;
        Assert.Equal("draft", (string)created["status"]!);
        Assert.Empty(await TriggeredAsync(id));

        var submitted = await host.PostJsonAsync($"/api/announcements/{id}/submit", null);
        Assert.Equal("submitted", (string)submitted["announcement"]!["status"]!);
        var approved = await host.PostJsonAsync($"/api/announcements/{id}/approve", new { comment = "Numbers checked." });

        Assert.Equal("approved", (string)approved["announcement"]!["status"]!);
        Assert.Equal(["acme", "globex"], approved["triggers"]!.AsArray().Select(t => (string)t!["customerCode"]!).Order());
        Assert.Equal(["acme", "globex"], await TriggeredAsync(id));
        var trigger = await Store.GetAsync(AnnouncementKeys.CustomerTrigger("globex", id), default);
        Assert.Equal(AnnouncementStatus.Approved, AnnouncementJson.Deserialize(trigger!.Content, trigger.Key).Status);
        var versions = await host.GetJsonAsync($"/api/announcements/{id}/versions");
        Assert.Equal([1, 2, 3], versions["items"]!.AsArray().Select(v => (int)v!["version"]!));
        Assert.Equal("draft", (string)(await host.GetJsonAsync($"/api/announcements/{id}/versions/1"))["status"]!);
    }

    [Fact]
    public async Task A_type_without_approval_is_approved_by_its_submit()
    {
        var id = (string)(await CreateAsync("general", "initech"))["announcement_id"]!;

        var published = await host.PostJsonAsync($"/api/announcements/{id}/submit", null);

        Assert.Equal("approved", (string)published["announcement"]!["status"]!);
        Assert.Equal(["initech"], await TriggeredAsync(id));
    }

    [Fact]
    public async Task An_edit_needs_If_Match_and_a_stale_one_is_412_with_the_current_ETag()
    {
        var created = await CreateAsync("finops", "acme");
        var id = (string)created["announcement_id"]!;
        created["title"] = "Edited";

        using var missing = await host.SendAsync(HttpMethod.Put, $"/api/announcements/{id}", created);
        Assert.Equal(428, (int)missing.StatusCode);
        using var ok = await host.SendAsync(HttpMethod.Put, $"/api/announcements/{id}", created, ("If-Match", "\"1\""));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("\"2\"", ok.Headers.ETag?.Tag);
        using var stale = await host.SendAsync(HttpMethod.Put, $"/api/announcements/{id}", created, ("If-Match", "\"1\""));

        var problem = await ApiHost.ReadAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal(2, (int)problem["currentVersion"]!);
        Assert.Equal("\"2\"", stale.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Problems_name_the_field()
    {
        var body = AnnouncementBodies.Complete("Bad type", "newsletter", "acme");
        var invalid = await host.PostJsonAsync("/api/announcements", body, HttpStatusCode.BadRequest);
        Assert.NotEmpty(invalid["errors"]!["announcement_type"]!.AsArray());

        var draft = new JsonObject { ["announcement_type"] = "finops", ["title"] = "No content yet", ["customers"] = new JsonArray("acme") };
        var id = (string)(await host.PostJsonAsync("/api/announcements", draft, HttpStatusCode.Created))["announcement_id"]!;
        var incomplete = await host.PostJsonAsync($"/api/announcements/{id}/submit", null, HttpStatusCode.BadRequest);
        Assert.Equal(["content", "summary"], incomplete["errors"]!.AsObject().Select(p => p.Key).Order());

        var early = await host.PostJsonAsync($"/api/announcements/{id}/approve", null, HttpStatusCode.Conflict);
        Assert.Equal("draft", (string)early["announcementStatus"]!);
        await host.GetJsonAsync("/api/announcements/ANN-20261206-ZZZZZZ", HttpStatusCode.NotFound);
        await host.PostJsonAsync($"/api/announcements/{id}/publish", null, HttpStatusCode.NotFound);
        await host.GetJsonAsync("/api/announcements?status=sent", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_list_filters_by_type_status_customer_and_text_and_pages()
    {
        var marker = Changes.Marker();
        var ids = new List<string>();
        foreach (var (type, customer) in new[] { ("finops", "acme"), ("general", "globex"), ("finops", "globex") })
            ids.Add((string)(await host.PostJsonAsync("/api/announcements", AnnouncementBodies.Complete($"{marker} {type}", type, customer), HttpStatusCode.Created))["announcement_id"]!);
        await host.PostJsonAsync($"/api/announcements/{ids[1]}/submit", null);

        async Task<IEnumerable<string>> Ids(string query) =>
            (await host.GetJsonAsync($"/api/announcements?q={marker}&{query}"))["items"]!.AsArray().Select(i => (string)i!["announcementId"]!).Order();

        Assert.Equal(new[] { ids[0], ids[2] }.Order(), await Ids("type=FinOps"));
        Assert.Equal([ids[1]], await Ids("status=approved"));
        Assert.Equal(new[] { ids[1], ids[2] }.Order(), await Ids("customer=globex"));
        var first = await host.GetJsonAsync($"/api/announcements?q={marker}&pageSize=2");
        Assert.Equal(2, first["items"]!.AsArray().Count);
        var rest = await host.GetJsonAsync($"/api/announcements?q={marker}&pageSize=2&pageToken={Uri.EscapeDataString((string)first["nextPageToken"]!)}");
        Assert.Single(rest["items"]!.AsArray());
    }

    [Fact]
    public async Task A_draft_is_deleted_and_a_sent_announcement_cancelled()
    {
        var draft = (string)(await CreateAsync("finops", "acme"))["announcement_id"]!;
        using (var deleted = await host.SendAsync(HttpMethod.Delete, $"/api/announcements/{draft}"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await host.GetJsonAsync($"/api/announcements/{draft}", HttpStatusCode.NotFound);

        var sent = (string)(await CreateAsync("general", "acme"))["announcement_id"]!;
        await host.PostJsonAsync($"/api/announcements/{sent}/submit", null);
        using (var refused = await host.SendAsync(HttpMethod.Delete, $"/api/announcements/{sent}"))
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var cancelled = await host.PostJsonAsync($"/api/announcements/{sent}/cancel", new { reason = "Sent to the wrong list." });
        Assert.Equal("cancelled", (string)cancelled["announcement"]!["status"]!);
    }

    private async Task<Dictionary<string, JsonNode>> StatusAsync(string id) =>
        (await host.GetJsonAsync($"/api/announcements/{id}/status"))["items"]!.AsArray().ToDictionary(i => (string)i!["customer"]!, i => i!);

    [Fact]
    public async Task Status_is_pending_as_a_draft_queued_once_published_then_sent_and_the_deliveries_are_the_notices()
    {
        var id = (string)(await CreateAsync("general", "acme", "globex"))["announcement_id"]!;
        Assert.All((await StatusAsync(id)).Values, s => Assert.Equal("pending", (string)s["state"]!));

        await host.PostJsonAsync($"/api/announcements/{id}/submit", null);
        var queued = await StatusAsync(id);
        Assert.Equal(["acme", "globex"], queued.Keys.Order());
        Assert.All(queued.Values, s => Assert.Equal(("queued", id, 2), ((string)s["state"]!, (string)s["changeId"]!, (int)s["version"]!)));

        foreach (var code in new[] { "acme", "globex" }) await host.Get<QueueWorker>().DrainAsync(code, DeliveryOptions.Send, default);
        var sent = await StatusAsync(id);
        var deliveries = (await host.GetJsonAsync($"/api/announcements/{id}/deliveries"))["items"]!.AsArray();
        Assert.All(sent, s =>
        {
            Assert.Equal("sent", (string)s.Value["state"]!);
            Assert.True((int)s.Value["sent"]! > 0, s.Key);
            Assert.Equal((int)s.Value["total"]!, (int)s.Value["sent"]!);
            Assert.Equal((int)s.Value["sent"]!, deliveries.Count(d => (string)d!["customer"]! == s.Key));
        });
        Assert.All(deliveries, d => Assert.Equal(("announcementNotice", "general-updates", 2), ((string)d!["kind"]!, (string)d["topic"]!, (int)d["version"]!)));
        var onlyAcme = (await host.GetJsonAsync($"/api/announcements/{id}/deliveries?customer=acme"))["items"]!.AsArray();
        Assert.Equal(sent["acme"]["sent"]!.GetValue<int>(), onlyAcme.Count);
    }

    [Fact]
    public async Task The_preview_is_the_notice_as_sent_with_markup_and_script_links_inert_and_writes_nothing()
    {
        var body = AnnouncementBodies.Complete("Review <b>Q3</b>", "finops", "acme", "globex");
        body["content"] = "Hello <script>alert(1)</script> and [click](javascript:alert(2)) and [docs](https://docs.example/q3).";
        var id = (string)(await host.PostJsonAsync("/api/announcements", body, HttpStatusCode.Created))["announcement_id"]!;
        var keys = await Store.ListAllKeysAsync("", default).ToListAsync();

        var item = (await host.GetJsonAsync($"/api/announcements/{id}/preview?customer=globex"))["items"]!.AsArray().Single()!;

        Assert.Equal((id, "globex", "announcementNotice", "finops-announce"), ((string)item["changeId"]!, (string)item["customerCode"]!, (string)item["kind"]!, (string)item["topic"]!));
        Assert.Equal("Review <b>Q3</b>", (string)item["subject"]!);
        var html = (string)item["html"]!;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("href=\"https://docs.example/q3\"", html);
        Assert.Contains("Review &lt;b&gt;Q3&lt;/b&gt;", html);
        Assert.Equal(keys, await Store.ListAllKeysAsync("", default).ToListAsync());
        Assert.Equal("draft", (string)(await host.GetJsonAsync($"/api/announcements/{id}"))["status"]!);
        Assert.Empty(await TriggeredAsync(id));
    }

    [Fact]
    public async Task The_form_previews_an_unsaved_announcement_and_a_preview_needs_a_customer_of_it_and_a_known_type()
    {
        var unsaved = (await host.PostJsonAsync("/api/announcements/preview?customer=initech", AnnouncementBodies.Complete("Unsaved", "general", "initech")))["items"]!.AsArray().Single()!;
        Assert.Equal((EmailPreviews.UnsavedAnnouncementId, "general-updates"), ((string)unsaved["changeId"]!, (string)unsaved["topic"]!));
        Assert.Contains("<strong>details</strong>", (string)unsaved["html"]!);

        var id = (string)(await CreateAsync("finops", "acme"))["announcement_id"]!;
        var other = await host.GetJsonAsync($"/api/announcements/{id}/preview?customer=globex", HttpStatusCode.BadRequest);
        Assert.Contains("acme", (string)other["errors"]!["customer"]![0]!);
        await host.GetJsonAsync($"/api/announcements/{id}/preview", HttpStatusCode.BadRequest);
        var untyped = await host.PostJsonAsync("/api/announcements/preview?customer=acme", AnnouncementBodies.Complete("x", "newsletter", "acme"), HttpStatusCode.BadRequest);
        Assert.NotEmpty(untyped["errors"]!["announcement_type"]!.AsArray());
    }

    [Fact]
    public async Task Types_are_the_configured_ones_with_whether_they_need_approval()
    {
        var types = (await host.GetJsonAsync("/api/announcements/types"))["items"]!.AsArray().ToDictionary(t => (string)t!["name"]!, t => t!);

        Assert.Equal(["cic", "finops", "general", "innersource"], types.Keys.Order());
        Assert.Equal(("General", "general-updates", false), ((string)types["general"]["displayName"]!, (string)types["general"]["topic"]!, (bool)types["general"]["approvalRequired"]!));
        Assert.True((bool)types["finops"]["approvalRequired"]!);
    }

    [Fact]
    public async Task An_attachment_is_put_with_If_Match_stored_under_the_announcement_and_deleted()
    {
        var id = (string)(await CreateAsync("finops", "acme"))["announcement_id"]!;
        var bytes = new byte[2 * 1024 * 1024]; // above the 1 MB other bodies may take
        bytes[^1] = 7;

        using var added = await host.Http.SendAsync(AnnouncementBodies.Attachment(null, id, "q4 report.pdf", "application/pdf", 1, bytes));

        var written = await ApiHost.ReadAsync(added, HttpStatusCode.OK);
        Assert.Equal("\"2\"", added.Headers.ETag?.Tag);
        var attachment = written["announcement"]!["attachments"]!.AsArray().Single()!;
        Assert.Equal(("q4 report.pdf", "application/pdf", bytes.Length, AnnouncementKeys.Attachment(id, "q4 report.pdf")),
            ((string)attachment["name"]!, (string)attachment["content_type"]!, (int)attachment["size"]!, (string)attachment["key"]!));
        Assert.Equal(bytes, (await Store.GetAsync(AnnouncementKeys.Attachment(id, "q4 report.pdf"), default))!.Content);

        using var removed = await host.SendAsync(HttpMethod.Delete, $"/api/announcements/{id}/attachments/{Uri.EscapeDataString("q4 report.pdf")}", null, ("If-Match", "\"2\""));
        Assert.Empty((await ApiHost.ReadAsync(removed, HttpStatusCode.OK))["announcement"]!["attachments"]!.AsArray());
        Assert.Null(await Store.GetAsync(AnnouncementKeys.Attachment(id, "q4 report.pdf"), default));
    }

    [Fact]
    public async Task An_attachment_needs_If_Match_an_allowed_type_and_a_size_within_the_limit()
    {
        var id = (string)(await CreateAsync("finops", "acme"))["announcement_id"]!;

        using (var missing = AnnouncementBodies.Attachment(null, id, "a.pdf", "application/pdf", 1))
        {
            missing.Headers.Remove("If-Match");
            using var response = await host.Http.SendAsync(missing);
            Assert.Equal(428, (int)response.StatusCode);
        }
        using (var stale = await host.Http.SendAsync(AnnouncementBodies.Attachment(null, id, "a.pdf", "application/pdf", 7)))
            await ApiHost.ReadAsync(stale, HttpStatusCode.PreconditionFailed);
        using (var exe = await host.Http.SendAsync(AnnouncementBodies.Attachment(null, id, "setup.exe", "application/octet-stream", 1)))
        {
            var problem = await ApiHost.ReadAsync(exe, HttpStatusCode.BadRequest);
            Assert.Contains("Attachment 'setup.exe': type not allowed; allowed: .pdf", (string)problem["errors"]!["attachments[0].name"]![0]!);
        }
        using (var large = await host.Http.SendAsync(AnnouncementBodies.Attachment(null, id, "big.pdf", "application/pdf", 1, new byte[AttachmentRules.MaxTotalBytes + 1])))
            Assert.Equal(AttachmentRules.MaxTotalBytes, (long)(await ApiHost.ReadAsync(large, HttpStatusCode.RequestEntityTooLarge))["maxBytes"]!);
        using (var notThere = await host.SendAsync(HttpMethod.Delete, $"/api/announcements/{id}/attachments/none.pdf", null, ("If-Match", "\"1\"")))
            await ApiHost.ReadAsync(notThere, HttpStatusCode.NotFound);
        Assert.Empty(await Store.ListAllKeysAsync(AnnouncementKeys.AttachmentsOf(id), default).ToListAsync());
        Assert.Equal(1, (int)(await host.GetJsonAsync($"/api/announcements/{id}"))["version"]!);
    }

    [Fact]
    public async Task A_sent_announcement_takes_no_attachment()
    {
        var id = (string)(await CreateAsync("general", "acme"))["announcement_id"]!;
        await host.PostJsonAsync($"/api/announcements/{id}/submit", null);

        using var refused = await host.Http.SendAsync(AnnouncementBodies.Attachment(null, id, "a.pdf", "application/pdf", 2));

        Assert.Equal("approved", (string)(await ApiHost.ReadAsync(refused, HttpStatusCode.Conflict))["announcementStatus"]!);
    }
}
