using System.Net;
using System.Text.Json.Nodes;
using ChangeMgmt.Server.Tests;

namespace ChangeMgmt.Api.Tests;

/// <summary>
/// Each role against each route, allowed and refused (the matrix in Access). "own": the caller
/// created the change (as an editor); otherwise it is another editor's.
/// </summary>
public sealed class PermissionTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    public static TheoryData<string, string, bool, int> Matrix()
    {
        var rows = new TheoryData<string, string, bool, int>();
        void Row(string route, string role, bool own, int status) => rows.Add(route, role, own, status);
        foreach (var role in new[] { "viewer", "editor", "approver", "admin" })
            foreach (var read in new[] { "frz-list", "frz-get", "frz-versions" })
                Row(read, role, false, 200);
        foreach (var read in new[] { "frz-list", "frz-get", "frz-versions" }) Row(read, "none", false, 403);
        foreach (var write in new[] { "frz-create", "frz-edit", "frz-remove" })
            foreach (var role in new[] { "viewer", "editor", "approver" })
                Row(write, role, false, 403);
        Row("frz-create", "admin", false, 201); Row("frz-edit", "admin", false, 200); Row("frz-remove", "admin", false, 204);
        foreach (var route in new[] { "cal-issue", "cal-list", "cal-revoke" })
        {
            foreach (var role in new[] { "none", "viewer", "editor", "approver" }) Row(route, role, false, 403);
            Row(route, "admin", false, route == "cal-issue" ? 201 : 200);
        }
        // Public with a token: a recipient's preferences open with the token of an email's link only; no role opens them without it.
        foreach (var route in new[] { "prefs-get", "prefs-set" })
            foreach (var role in new[] { "none", "viewer", "editor", "approver", "admin" })
                Row(route, role, false, 401);
        foreach (var role in new[] { "viewer", "editor", "approver", "admin" })
            foreach (var read in new[] { "list", "get", "versions", "status", "deliveries", "stats", "customers", "reputation", "csv", "preview", "check", "calendar" })
                Row(read, role, false, 200);
        foreach (var read in new[] { "list", "get", "stats", "customers", "reputation", "calendar" }) Row(read, "none", false, 403);
        Row("create", "viewer", false, 403); Row("create", "editor", false, 201); Row("create", "approver", false, 403); Row("create", "admin", false, 201);
        Row("edit-draft", "editor", true, 200); Row("edit-draft", "editor", false, 403); Row("edit-draft", "approver", false, 403);
        Row("edit-draft", "viewer", false, 403); Row("edit-draft", "admin", false, 200);
        Row("edit-submitted", "editor", true, 403); Row("edit-submitted", "approver", false, 200); Row("edit-submitted", "admin", false, 200);
        Row("submit", "editor", true, 200); Row("submit", "editor", false, 403); Row("submit", "approver", false, 403);
        Row("submit", "viewer", false, 403); Row("submit", "admin", false, 200);
        Row("delete", "editor", true, 204); Row("delete", "editor", false, 403); Row("delete", "approver", false, 403); Row("delete", "admin", false, 204);
        Row("approve", "viewer", false, 403); Row("approve", "editor", false, 403); Row("approve", "approver", false, 200); Row("approve", "admin", false, 200);
        Row("reject", "viewer", false, 403); Row("reject", "editor", false, 403); Row("reject", "approver", false, 200); Row("reject", "admin", false, 200);
        Row("complete", "editor", false, 403); Row("complete", "approver", false, 200); Row("complete", "admin", false, 200);
        Row("cancel", "viewer", false, 403); Row("cancel", "editor", true, 403); Row("cancel", "approver", false, 200); Row("cancel", "admin", false, 200);
        Row("triggers", "editor", false, 403); Row("triggers", "approver", false, 403); Row("triggers", "admin", false, 200);
        Row("dead-letters", "viewer", false, 403); Row("dead-letters", "approver", false, 403); Row("dead-letters", "admin", false, 200);
        Row("redrive", "viewer", false, 403); Row("redrive", "editor", false, 403); Row("redrive", "approver", false, 403); Row("redrive", "admin", false, 200);
        foreach (var role in new[] { "viewer", "editor", "approver", "admin" })
            foreach (var read in new[] { "ann-list", "ann-get", "ann-versions", "ann-types", "ann-status", "ann-deliveries", "ann-preview", "ann-draft-preview" })
                Row(read, role, false, 200);
        foreach (var read in new[] { "ann-list", "ann-get", "ann-types", "ann-status", "ann-deliveries", "ann-preview", "ann-draft-preview" }) Row(read, "none", false, 403);
        Row("ann-create", "viewer", false, 403); Row("ann-create", "editor", false, 201); Row("ann-create", "approver", false, 403); Row("ann-create", "admin", false, 201);
        Row("ann-edit-draft", "editor", true, 200); Row("ann-edit-draft", "editor", false, 403); Row("ann-edit-draft", "approver", false, 403);
        Row("ann-edit-draft", "viewer", false, 403); Row("ann-edit-draft", "admin", false, 200);
        Row("ann-edit-submitted", "editor", true, 403); Row("ann-edit-submitted", "approver", false, 200); Row("ann-edit-submitted", "admin", false, 200);
        Row("ann-submit", "editor", true, 200); Row("ann-submit", "editor", false, 403); Row("ann-submit", "approver", false, 403);
        Row("ann-submit", "viewer", false, 403); Row("ann-submit", "admin", false, 200);
        Row("ann-delete", "editor", true, 204); Row("ann-delete", "editor", false, 403); Row("ann-delete", "approver", false, 403); Row("ann-delete", "admin", false, 204);
        Row("ann-approve", "viewer", false, 403); Row("ann-approve", "editor", false, 403); Row("ann-approve", "approver", false, 200); Row("ann-approve", "admin", false, 200);
        Row("ann-cancel", "viewer", false, 403); Row("ann-cancel", "editor", true, 403); Row("ann-cancel", "approver", false, 200); Row("ann-cancel", "admin", false, 200);
        foreach (var files in new[] { "ann-attach", "ann-detach" })
        {
            Row(files, "editor", true, 200); Row(files, "editor", false, 403); Row(files, "approver", false, 403);
            Row(files, "viewer", false, 403); Row(files, "admin", false, 200);
        }
        foreach (var route in SubscriptionRouteTests.Routes)
        {
            // Unscoped, only an admin manages subscriptions; the subscriptions role is a customer-scoped user's (SubscriptionRouteTests).
            foreach (var role in new[] { "none", "viewer", "editor", "approver", "subscriptions" }) Row(route, role, false, 403);
            Row(route, "admin", false, SubscriptionRouteTests.Success(route));
        }
        foreach (var route in AlternateContactRouteTests.Routes)
        {
            // Every role reads its customers' reports; only an admin asks for a fresh check.
            foreach (var role in new[] { "viewer", "editor", "approver", "subscriptions" })
                Row(route, role, false, route == "ac-check" ? 403 : 200);
            Row(route, "none", false, 403);
            Row(route, "admin", false, AlternateContactRouteTests.Success(route));
        }
        Row("ann-attach-submitted", "editor", true, 403); Row("ann-attach-submitted", "approver", false, 200); Row("ann-attach-submitted", "admin", false, 200);
        return rows;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Role_against_route(string route, string role, bool own, int expected)
    {
        var user = $"{role}-{Guid.NewGuid().ToString("N")[..6]}";
        var token = TestTokens.For(user, role == "none" ? [] : [role]);
        var author = own ? user : "author";
        var status = route switch
        {
            "edit-submitted" or "approve" or "reject" or "cancel" or "triggers" or "ann-edit-submitted" or "ann-approve" or "ann-cancel"
                or "ann-attach-submitted" => "submitted",
            "complete" => "approved",
            _ => "draft",
        };
        var id = route.StartsWith("ann-", StringComparison.Ordinal) ? await fixture.AnnouncementAsync(author, status)
            : route.StartsWith("frz-", StringComparison.Ordinal) ? await fixture.FreezeAsync("acme")
            : route.StartsWith("cal-", StringComparison.Ordinal) ? (await fixture.FeedAsync("acme")).TokenId
            : route.StartsWith("sub-", StringComparison.Ordinal) || route.StartsWith("ac-", StringComparison.Ordinal) ? ""
            : await fixture.ChangeAsync(author, status);
        if (own && role != "editor") throw new InvalidOperationException("own rows are editors' drafts");
        if (own) token = TestTokens.For(user, [role]);

        using var response = route switch
        {
            "list" => await fixture.SendAsync(token, HttpMethod.Get, "/api/changes"),
            "csv" => await fixture.SendAsync(token, HttpMethod.Get, "/api/changes?format=csv"),
            "get" => await fixture.SendAsync(token, HttpMethod.Get, $"/api/changes/{id}"),
            "versions" => await fixture.SendAsync(token, HttpMethod.Get, $"/api/changes/{id}/versions"),
            "status" => await fixture.SendAsync(token, HttpMethod.Get, $"/api/changes/{id}/status"),
            "deliveries" => await fixture.SendAsync(token, HttpMethod.Get, $"/api/changes/{id}/deliveries"),
            "stats" => await fixture.SendAsync(token, HttpMethod.Get, "/api/stats"),
            "calendar" => await fixture.SendAsync(token, HttpMethod.Get, CalendarRouteTests.AroundNow),
            "customers" => await fixture.SendAsync(token, HttpMethod.Get, "/api/customers"),
            "reputation" => await fixture.SendAsync(token, HttpMethod.Get, "/api/reputation"),
            "preview" => await fixture.SendAsync(token, HttpMethod.Post, "/api/preview?customer=acme", Changes.Complete("preview", "acme")),
            "create" => await fixture.SendAsync(token, HttpMethod.Post, "/api/changes", Changes.Complete("created", "acme")),
            "edit-draft" or "edit-submitted" => await EditAsync(token, id),
            "delete" => await fixture.SendAsync(token, HttpMethod.Delete, $"/api/changes/{id}"),
            "submit" or "approve" or "complete" or "cancel" => await fixture.SendAsync(token, HttpMethod.Post, $"/api/changes/{id}/{route}", new { }),
            "reject" => await fixture.SendAsync(token, HttpMethod.Post, $"/api/changes/{id}/reject", new { comment = "Needs a rollback test." }),
            "check" => await fixture.SendAsync(token, HttpMethod.Post, "/api/changes/check", Changes.CheckOf(id, "acme")),
            "triggers" => await fixture.SendAsync(token, HttpMethod.Post, $"/api/changes/{id}/triggers", new { }),
            "dead-letters" => await fixture.SendAsync(token, HttpMethod.Get, "/api/dead-letters"),
            "redrive" => await fixture.SendAsync(token, HttpMethod.Post, "/api/dead-letters/redrive?customer=acme", new { }),
            "frz-list" => await fixture.SendAsync(token, HttpMethod.Get, "/api/freezes"),
            "frz-get" => await fixture.SendAsync(token, HttpMethod.Get, $"/api/freezes/{id}"),
            "frz-versions" => await fixture.SendAsync(token, HttpMethod.Get, $"/api/freezes/{id}/versions"),
            "frz-create" => await fixture.SendAsync(token, HttpMethod.Post, "/api/freezes", FreezeBodies.Timed("created", DateTimeOffset.Parse("2091-01-01T00:00:00Z"), TimeSpan.FromHours(4), "acme")),
            "frz-edit" => await fixture.SendAsync(token, HttpMethod.Put, $"/api/freezes/{id}", FreezeBodies.Timed("edited", DateTimeOffset.Parse("2091-01-01T00:00:00Z"), TimeSpan.FromHours(4), "acme"), headers: ("If-Match", "\"1\"")),
            "frz-remove" => await fixture.SendAsync(token, HttpMethod.Delete, $"/api/freezes/{id}", headers: ("If-Match", "\"1\"")),
            "cal-issue" => await fixture.SendAsync(token, HttpMethod.Post, "/api/calendar-feeds", new { customer = "acme" }),
            "cal-list" => await fixture.SendAsync(token, HttpMethod.Get, "/api/calendar-feeds"),
            "cal-revoke" => await fixture.SendAsync(token, HttpMethod.Delete, $"/api/calendar-feeds/{id}"),
            "prefs-get" => await fixture.SendAsync(token, HttpMethod.Get, "/api/preferences"),
            "prefs-set" => await fixture.SendAsync(token, HttpMethod.Put, "/api/preferences", new { topics = new[] { "aws-announce" }, unsubscribeAll = false }),
            "ann-list" => await fixture.SendAsync(token, HttpMethod.Get, "/api/announcements"),
            "ann-get" => await fixture.SendAsync(token, HttpMethod.Get, $"/api/announcements/{id}"),
            "ann-versions" => await fixture.SendAsync(token, HttpMethod.Get, $"/api/announcements/{id}/versions"),
            "ann-types" => await fixture.SendAsync(token, HttpMethod.Get, "/api/announcements/types"),
            "ann-status" => await fixture.SendAsync(token, HttpMethod.Get, $"/api/announcements/{id}/status"),
            "ann-deliveries" => await fixture.SendAsync(token, HttpMethod.Get, $"/api/announcements/{id}/deliveries"),
            "ann-preview" => await fixture.SendAsync(token, HttpMethod.Get, $"/api/announcements/{id}/preview?customer=acme"),
            "ann-draft-preview" => await fixture.SendAsync(token, HttpMethod.Post, "/api/announcements/preview?customer=acme", AnnouncementBodies.Complete("preview", "finops", "acme")),
            "ann-create" => await fixture.SendAsync(token, HttpMethod.Post, "/api/announcements", AnnouncementBodies.Complete("created", "finops", "acme")),
            "ann-edit-draft" or "ann-edit-submitted" => await EditAnnouncementAsync(token, id),
            "ann-delete" => await fixture.SendAsync(token, HttpMethod.Delete, $"/api/announcements/{id}"),
            "ann-submit" or "ann-approve" or "ann-cancel" => await fixture.SendAsync(token, HttpMethod.Post, $"/api/announcements/{id}/{route[4..]}", new { }),
            "ann-attach" or "ann-attach-submitted" => await AttachAsync(token, id),
            "ann-detach" => await DetachAsync(token, id),
            _ when route.StartsWith("sub-", StringComparison.Ordinal) => await SubscriptionRouteTests.CallAsync(fixture, token, route, "acme"),
            _ when route.StartsWith("ac-", StringComparison.Ordinal) => await AlternateContactRouteTests.CallAsync(fixture, token, route, "acme"),
            _ => throw new ArgumentException(route),
        };

        Assert.True(expected == (int)response.StatusCode, $"{role} {route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (expected == 403)
        {
            var problem = await ApiHost.ReadAsync(response, HttpStatusCode.Forbidden);
            Assert.False(string.IsNullOrEmpty((string?)problem["requiredRole"]), "the 403 names the role needed");
        }
    }

    private async Task<HttpResponseMessage> EditAnnouncementAsync(string token, string id)
    {
        var current = await fixture.JsonAsync(TestTokens.For("reader", ["viewer"]), HttpMethod.Get, $"/api/announcements/{id}");
        current["title"] = "edited";
        return await fixture.SendAsync(token, HttpMethod.Put, $"/api/announcements/{id}", current, headers: ("If-Match", $"\"{(int)current["version"]!}\""));
    }

    private async Task<HttpResponseMessage> AttachAsync(string token, string id)
    {
        var version = (int)(await fixture.JsonAsync(TestTokens.For("reader", ["viewer"]), HttpMethod.Get, $"/api/announcements/{id}"))["version"]!;
        return await fixture.Host.Http.SendAsync(AnnouncementBodies.Attachment(token, id, "notes.txt", "text/plain", version));
    }

    /// <summary>An admin attaches the file, then the caller removes it.</summary>
    private async Task<HttpResponseMessage> DetachAsync(string token, string id)
    {
        using (var attached = await AttachAsync(TestTokens.For("setup-admin", ["admin"]), id))
            Assert.Equal(HttpStatusCode.OK, attached.StatusCode);
        var version = (int)(await fixture.JsonAsync(TestTokens.For("reader", ["viewer"]), HttpMethod.Get, $"/api/announcements/{id}"))["version"]!;
        return await fixture.SendAsync(token, HttpMethod.Delete, $"/api/announcements/{id}/attachments/notes.txt", headers: ("If-Match", $"\"{version}\""));
    }

    private async Task<HttpResponseMessage> EditAsync(string token, string id)
    {
        var current = await fixture.JsonAsync(TestTokens.For("reader", ["viewer"]), HttpMethod.Get, $"/api/changes/{id}");
        current["changeTitle"] = "edited";
        return await fixture.SendAsync(token, HttpMethod.Put, $"/api/changes/{id}", current, headers: ("If-Match", $"\"{(int)current["version"]!}\""));
    }
}

/// <summary>A customer-scoped user sees and changes only their customers' changes, deliveries, status and numbers.</summary>
public sealed class CustomerScopeTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    private readonly string acmeApprover = TestTokens.For("acme-approver", ["viewer", "editor", "approver"], ["acme"]);

    [Fact]
    public async Task Another_customers_change_is_not_found_for_reads_and_changes()
    {
        var id = await fixture.ChangeAsync("author", "submitted", "globex");
        foreach (var path in new[] { $"/api/changes/{id}", $"/api/changes/{id}/versions", $"/api/changes/{id}/versions/1", $"/api/changes/{id}/status", $"/api/changes/{id}/deliveries" })
        {
            using var read = await fixture.SendAsync(acmeApprover, HttpMethod.Get, path);
            Assert.True(HttpStatusCode.NotFound == read.StatusCode, path);
        }
        foreach (var action in new[] { "approve", "cancel" })
        {
            using var change = await fixture.SendAsync(acmeApprover, HttpMethod.Post, $"/api/changes/{id}/{action}", new { });
            Assert.Equal(HttpStatusCode.NotFound, change.StatusCode);
        }
        using var edit = await fixture.SendAsync(acmeApprover, HttpMethod.Put, $"/api/changes/{id}", Changes.Complete("mine now", "acme"), headers: ("If-Match", "\"2\""));
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var still = await fixture.JsonAsync(TestTokens.For("ada", ["admin"]), HttpMethod.Get, $"/api/changes/{id}");
        Assert.Equal("submitted", (string)still["status"]!);
    }

    [Fact]
    public async Task A_shared_change_is_readable_with_only_their_customers_but_not_changeable()
    {
        var id = await fixture.ChangeAsync("author", "submitted", "acme", "globex");

        var change = await fixture.JsonAsync(acmeApprover, HttpMethod.Get, $"/api/changes/{id}");
        Assert.Equal(["acme"], change["customers"]!.AsArray().Select(c => (string)c!));
        var status = await fixture.JsonAsync(acmeApprover, HttpMethod.Get, $"/api/changes/{id}/status");
        Assert.Equal(["acme"], status["items"]!.AsArray().Select(c => (string)c!["customer"]!));
        var deliveries = await fixture.JsonAsync(acmeApprover, HttpMethod.Get, $"/api/changes/{id}/deliveries");
        Assert.All(deliveries["items"]!.AsArray(), d => Assert.Equal("acme", (string)d!["customer"]!));
        using var approve = await fixture.SendAsync(acmeApprover, HttpMethod.Post, $"/api/changes/{id}/approve", new { });
        var problem = await ApiHost.ReadAsync(approve, HttpStatusCode.Forbidden);
        Assert.Contains("globex", (string)problem["detail"]!);
    }

    [Fact]
    public async Task Announcements_are_seen_only_through_their_customers_and_redacted_to_them()
    {
        var marker = Changes.Marker();
        var admin = TestTokens.For("ada", ["admin"]);
        async Task<string> CreateAsync(params string[] customers) => (string)(await fixture.JsonAsync(admin, HttpMethod.Post, "/api/announcements",
            AnnouncementBodies.Complete(marker, "finops", customers), HttpStatusCode.Created))["announcement_id"]!;
        var shared = await CreateAsync("acme", "globex");
        var theirs = await CreateAsync("globex");

        var read = await fixture.JsonAsync(acmeApprover, HttpMethod.Get, $"/api/announcements/{shared}");
        Assert.Equal(["acme"], read["customers"]!.AsArray().Select(c => (string)c!));
        using (var other = await fixture.SendAsync(acmeApprover, HttpMethod.Get, $"/api/announcements/{theirs}"))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        var list = await fixture.JsonAsync(acmeApprover, HttpMethod.Get, $"/api/announcements?q={marker}");
        Assert.Equal([shared], list["items"]!.AsArray().Select(i => (string)i!["announcementId"]!));
        using (var filter = await fixture.SendAsync(acmeApprover, HttpMethod.Get, "/api/announcements?customer=globex"))
            Assert.Equal(HttpStatusCode.Forbidden, filter.StatusCode);
        using var submit = await fixture.SendAsync(acmeApprover, HttpMethod.Post, $"/api/announcements/{shared}/submit", new { });
        Assert.Contains("globex", (string)(await ApiHost.ReadAsync(submit, HttpStatusCode.Forbidden))["detail"]!);
    }

    [Fact]
    public async Task Creating_for_another_customer_is_refused_and_for_their_own_allowed()
    {
        using var other = await fixture.SendAsync(acmeApprover, HttpMethod.Post, "/api/changes", Changes.Complete("scoped", "acme", "globex"));
        await ApiHost.ReadAsync(other, HttpStatusCode.Forbidden);
        using var own = await fixture.SendAsync(acmeApprover, HttpMethod.Post, "/api/changes", Changes.Complete("scoped", "acme"));
        await ApiHost.ReadAsync(own, HttpStatusCode.Created);
        using var preview = await fixture.SendAsync(acmeApprover, HttpMethod.Post, "/api/preview?customer=globex", Changes.Complete("scoped", "acme"));
        Assert.Equal(HttpStatusCode.Forbidden, preview.StatusCode);
    }

    [Fact]
    public async Task Lists_csv_customers_and_stats_hold_only_their_customers()
    {
        var marker = Changes.Marker();
        var admin = TestTokens.For("ada", ["admin"]);
        var ids = new Dictionary<string, string>();
        foreach (var customer in new[] { "acme", "globex", "initech" })
            ids[customer] = (string)(await fixture.JsonAsync(admin, HttpMethod.Post, "/api/changes", Changes.Complete($"{marker} {customer}", customer), HttpStatusCode.Created))["changeId"]!;
        var scoped = TestTokens.For("globex-viewer", ["viewer"], ["globex"]);

        var list = await fixture.JsonAsync(scoped, HttpMethod.Get, $"/api/changes?q={marker}");
        Assert.Equal([ids["globex"]], list["items"]!.AsArray().Select(i => (string)i!["changeId"]!));
        using var other = await fixture.SendAsync(scoped, HttpMethod.Get, $"/api/changes?q={marker}&customer=acme");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        using var csv = await fixture.SendAsync(scoped, HttpMethod.Get, $"/api/changes?format=csv&q={marker}");
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains(ids["globex"], text);
        Assert.DoesNotContain(ids["acme"], text);
        var customers = await fixture.JsonAsync(scoped, HttpMethod.Get, "/api/customers");
        Assert.Equal(["globex"], customers["items"]!.AsArray().Select(c => (string)c!["code"]!));

        // Stats count only changes that include globex: every one this user can list.
        var all = await fixture.JsonAsync(scoped, HttpMethod.Get, "/api/changes?pageSize=200");
        var stats = await fixture.JsonAsync(scoped, HttpMethod.Get, "/api/stats");
        Assert.Equal(all["items"]!.AsArray().Count, stats["byStatus"]!.AsObject().Sum(p => (int)p.Value!));
        Assert.All(stats["recent"]!.AsArray(), r => Assert.Contains((string)r!["changeId"]!, all["items"]!.AsArray().Select(i => (string)i!["changeId"]!)));
        var adminStats = await fixture.JsonAsync(admin, HttpMethod.Get, "/api/stats");
        Assert.True(adminStats["byStatus"]!.AsObject().Sum(p => (int)p.Value!) > stats["byStatus"]!.AsObject().Sum(p => (int)p.Value!));
    }
}

/// <summary>Local mode: the loopback operator, and nothing beyond loopback; AWS mode never falls back to it.</summary>
public sealed class LocalOperatorTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Me_is_the_local_operator()
    {
        var me = await fixture.Host.GetJsonAsync("/api/me");
        Assert.Equal("local-operator", (string)me["user"]!);
        Assert.Equal("local", (string)me["mode"]!);
        Assert.True((bool)me["local"]!);
        Assert.Equal(["admin"], me["roles"]!.AsArray().Select(r => (string)r!));
    }

    [Fact]
    public async Task A_request_for_a_non_loopback_host_is_refused()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Host = "rebound.example";
        using var response = await fixture.Host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_change_from_another_origin_is_refused()
    {
        using var response = await fixture.Host.SendAsync(HttpMethod.Post, "/api/changes", Changes.Complete("cross", "acme"), ("Origin", "https://evil.example"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5099")]
    [InlineData("http://192.0.2.10:5099")]
    public async Task Local_mode_does_not_start_beyond_loopback(string urls)
    {
        Assert.Null(await ApiHost.TryStartAsync(extraArgs: ["--urls", urls]));
    }

    [Fact]
    public async Task Aws_mode_does_not_start_without_auth_settings_or_with_a_weak_secret()
    {
        Assert.Null(await ApiHost.TryStartAsync(auth: new JsonObject { ["session_secret_env"] = "CHANGEMGMT_TEST_UNSET_SECRET" }));
        Assert.Null(await ApiHost.TryStartAsync(auth: new JsonObject { ["session_secret"] = Convert.ToBase64String(new byte[16]) }));
        Assert.Null(await ApiHost.TryStartAsync(auth: new JsonObject { ["session_secret"] = "not base64!" }));
    }
}
