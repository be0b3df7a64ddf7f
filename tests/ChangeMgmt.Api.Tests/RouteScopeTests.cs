using System.Net;
using ChangeMgmt.Server.Tests;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeMgmt.Api.Tests;

/// <summary>
/// Customer isolation on every route: a filter naming another customer is 403 (known or not, so it says
/// nothing), a change outside the caller's customers is 404 whatever else is wrong with the request (a
/// stale If-Match, a deleted change), each old version is checked against its own customers, and every
/// /api route the server maps has its row in the permission matrix.
/// </summary>
public sealed class RouteScopeTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    /// <summary>Every /api route the server maps, as "METHOD pattern", named as the permission matrix names it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Routes = new Dictionary<string, string>
    {
        ["GET /api/health"] = "health",
        ["GET /api/me"] = "me",
        ["GET /api/customers"] = "customers",
        ["GET /api/reputation"] = "reputation",
        ["GET /api/changes/"] = "list",
        ["POST /api/changes/"] = "create",
        ["GET /api/changes/{id}"] = "get",
        ["PUT /api/changes/{id}"] = "edit",
        ["DELETE /api/changes/{id}"] = "delete",
        ["GET /api/changes/{id}/versions"] = "versions",
        ["GET /api/changes/{id}/versions/{version:int}"] = "version",
        ["POST /api/changes/{id}/triggers"] = "triggers",
        ["POST /api/changes/check"] = "check",
        ["POST /api/changes/{id}/{action}"] = "action",
        ["GET /api/changes/{id}/status"] = "status",
        ["GET /api/changes/{id}/deliveries"] = "deliveries",
        ["GET /api/stats"] = "stats",
        ["GET /api/calendar"] = "calendar",
        ["GET /api/dead-letters"] = "dead-letters",
        ["POST /api/dead-letters/redrive"] = "redrive",
        ["POST /api/preview"] = "preview",
        ["GET /api/freezes/"] = "frz-list",
        ["POST /api/freezes/"] = "frz-create",
        ["GET /api/freezes/{id}"] = "frz-get",
        ["PUT /api/freezes/{id}"] = "frz-edit",
        ["DELETE /api/freezes/{id}"] = "frz-remove",
        ["GET /api/freezes/{id}/versions"] = "frz-versions",
        ["POST /api/calendar-feeds/"] = "cal-issue",
        ["GET /api/calendar-feeds/"] = "cal-list",
        ["DELETE /api/calendar-feeds/{tokenId}"] = "cal-revoke",
        ["GET /api/preferences"] = "prefs-get",
        ["PUT /api/preferences"] = "prefs-set",
        ["GET /api/announcements/"] = "ann-list",
        ["POST /api/announcements/"] = "ann-create",
        ["GET /api/announcements/{id}"] = "ann-get",
        ["PUT /api/announcements/{id}"] = "ann-edit",
        ["DELETE /api/announcements/{id}"] = "ann-delete",
        ["GET /api/announcements/{id}/versions"] = "ann-versions",
        ["GET /api/announcements/{id}/versions/{version:int}"] = "ann-version",
        ["POST /api/announcements/{id}/{action}"] = "ann-action",
        ["GET /api/announcements/types"] = "ann-types",
        ["GET /api/announcements/{id}/status"] = "ann-status",
        ["GET /api/announcements/{id}/deliveries"] = "ann-deliveries",
        ["GET /api/announcements/{id}/preview"] = "ann-preview",
        ["POST /api/announcements/preview"] = "ann-draft-preview",
        ["PUT /api/announcements/{id}/attachments/{name}"] = "ann-attach",
        ["DELETE /api/announcements/{id}/attachments/{name}"] = "ann-detach",
        ["GET /api/customers/{code}/subscriptions"] = "sub-topics",
        ["GET /api/customers/{code}/contacts"] = "sub-contacts",
        ["POST /api/customers/{code}/contacts"] = "sub-add",
        ["GET /api/customers/{code}/contacts/{email}"] = "sub-get",
        ["PUT /api/customers/{code}/contacts/{email}"] = "sub-set",
        ["DELETE /api/customers/{code}/contacts/{email}"] = "sub-remove",
        ["POST /api/customers/{code}/contacts/import/preview"] = "sub-preview",
        ["POST /api/customers/{code}/contacts/import"] = "sub-import",
        ["GET /api/customers/{code}/jobs"] = "sub-jobs",
        ["GET /api/customers/{code}/jobs/{jobId}"] = "sub-job",
        ["GET /api/alternate-contacts/"] = "ac-list",
        ["GET /api/alternate-contacts/{customer}"] = "ac-get",
        ["POST /api/alternate-contacts/{customer}/check"] = "ac-check",
    };

    private static readonly string AcmeOnly = TestTokens.For("acme-admin", ["admin"], ["acme"]);
    private static readonly string Admin = TestTokens.For("ada", ["admin"]);

    [Fact]
    public void Every_api_route_the_server_maps_has_a_row_in_the_permission_matrix()
    {
        var mapped = fixture.Host.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();

        Assert.Empty(mapped.Except(Routes.Keys));
        Assert.Empty(Routes.Keys.Except(mapped));
        var matrix = PermissionTests.Matrix().Select(row => (string)row[0]).ToHashSet();
        var covered = new Dictionary<string, string[]>
        {
            ["action"] = ["submit", "approve", "reject", "complete", "cancel"], ["edit"] = ["edit-draft", "edit-submitted"], ["version"] = ["versions"],
            ["health"] = [], ["me"] = [],
            ["ann-action"] = ["ann-submit", "ann-approve", "ann-cancel"], ["ann-edit"] = ["ann-edit-draft", "ann-edit-submitted"], ["ann-version"] = ["ann-versions"],
        };
        foreach (var name in Routes.Values)
            Assert.True(covered.TryGetValue(name, out var rows) ? rows.All(matrix.Contains) : matrix.Contains(name), $"no matrix row for {name}");
    }

    [Theory]
    [InlineData("/api/changes?customer=globex")]
    [InlineData("/api/changes?customer=globex&format=csv")]
    [InlineData("/api/changes?customer=no-such-customer")]
    [InlineData("/api/dead-letters?customer=globex")]
    [InlineData("/api/dead-letters?customer=no-such-customer")]
    public async Task A_filter_naming_another_customer_is_403_and_holds_no_data(string path)
    {
        var shared = await fixture.ChangeAsync("author", "submitted", "acme", "globex");

        using var response = await fixture.SendAsync(AcmeOnly, HttpMethod.Get, path);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(HttpStatusCode.Forbidden == response.StatusCode, $"{path}: {(int)response.StatusCode} {body}");
        Assert.DoesNotContain(shared, body);
        using var deliveries = await fixture.SendAsync(AcmeOnly, HttpMethod.Get, $"/api/changes/{shared}/deliveries?customer=globex");
        Assert.Equal(HttpStatusCode.Forbidden, deliveries.StatusCode);
    }

    [Fact]
    public async Task Each_version_is_checked_against_its_own_customers()
    {
        var id = await fixture.ChangeAsync("ada", "draft", "globex");
        var v1 = await fixture.JsonAsync(Admin, HttpMethod.Get, $"/api/changes/{id}");
        v1["customers"] = new System.Text.Json.Nodes.JsonArray("acme");
        using (var moved = await fixture.SendAsync(Admin, HttpMethod.Put, $"/api/changes/{id}", v1, headers: ("If-Match", "\"1\"")))
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        using var old = await fixture.SendAsync(AcmeOnly, HttpMethod.Get, $"/api/changes/{id}/versions/1");
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.DoesNotContain("globex", await old.Content.ReadAsStringAsync());
        var current = await fixture.JsonAsync(AcmeOnly, HttpMethod.Get, $"/api/changes/{id}/versions/2");
        Assert.Equal(["acme"], current["customers"]!.AsArray().Select(c => (string)c!));
    }

    [Fact]
    public async Task Outside_the_callers_customers_a_stale_version_a_deleted_change_and_an_unknown_id_all_answer_404_alike()
    {
        var submitted = await fixture.ChangeAsync("author", "submitted", "globex");
        var deleted = await fixture.ChangeAsync("author", "draft", "globex");
        using (var delete = await fixture.SendAsync(Admin, HttpMethod.Delete, $"/api/changes/{deleted}"))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        const string unknown = "CHG-20261206-ZZZZZZ";

        var answers = new List<(string What, HttpResponseMessage Response)>
        {
            ("stale approve", await fixture.SendAsync(AcmeOnly, HttpMethod.Post, $"/api/changes/{submitted}/approve", new { }, headers: ("If-Match", "\"99\""))),
            ("stale edit", await fixture.SendAsync(AcmeOnly, HttpMethod.Put, $"/api/changes/{submitted}", Changes.Complete("x", "acme"), headers: ("If-Match", "\"99\""))),
            ("stale delete", await fixture.SendAsync(AcmeOnly, HttpMethod.Delete, $"/api/changes/{submitted}", headers: ("If-Match", "\"99\""))),
            ("deleted", await fixture.SendAsync(AcmeOnly, HttpMethod.Get, $"/api/changes/{deleted}")),
            ("deleted status", await fixture.SendAsync(AcmeOnly, HttpMethod.Get, $"/api/changes/{deleted}/status")),
            ("unknown", await fixture.SendAsync(AcmeOnly, HttpMethod.Get, $"/api/changes/{unknown}")),
        };

        var shapes = new HashSet<string>();
        foreach (var (what, response) in answers)
        {
            using (response)
            {
                var problem = await ApiHost.ReadAsync(response, HttpStatusCode.NotFound);
                Assert.DoesNotContain("author", problem.ToJsonString());
                Assert.DoesNotContain("deleted", (string?)problem["detail"] ?? "", StringComparison.OrdinalIgnoreCase);
                shapes.Add($"{problem["title"]} {string.Join(",", problem.AsObject().Select(p => p.Key).Order())}");
            }
        }
        Assert.Single(shapes);
        // In scope, the same requests still tell the truth.
        using var gone = await fixture.SendAsync(Admin, HttpMethod.Get, $"/api/changes/{deleted}");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
    }

    public static TheoryData<string> RouteNames() => [.. Routes.Values.Distinct()];

    [Theory]
    [MemberData(nameof(RouteNames))]
    public async Task Every_route_called_by_another_customers_admin_answers_403_or_404_or_nothing_of_acme(string route)
    {
        var status = route is "action" or "triggers" or "edit" or "ann-action" or "ann-edit" ? "submitted" : "draft";
        var id = route.StartsWith("ann-", StringComparison.Ordinal) ? await fixture.AnnouncementAsync("author", status, "acme")
            : route.StartsWith("frz-", StringComparison.Ordinal) ? await fixture.FreezeAsync("acme")
            : route.StartsWith("cal-", StringComparison.Ordinal) ? (await fixture.FeedAsync("acme")).TokenId
            : await fixture.ChangeAsync("author", status, "acme");
        var initech = TestTokens.For("initech-admin", ["admin"], ["initech"]);

        using var response = route switch
        {
            "health" => await fixture.SendAsync(initech, HttpMethod.Get, "/api/health"),
            "me" => await fixture.SendAsync(initech, HttpMethod.Get, "/api/me"),
            "customers" => await fixture.SendAsync(initech, HttpMethod.Get, "/api/customers"),
            "reputation" => await fixture.SendAsync(initech, HttpMethod.Get, "/api/reputation"),
            "list" => await fixture.SendAsync(initech, HttpMethod.Get, "/api/changes?pageSize=200"),
            "create" => await fixture.SendAsync(initech, HttpMethod.Post, "/api/changes", Changes.Complete("not mine", "acme")),
            "get" => await fixture.SendAsync(initech, HttpMethod.Get, $"/api/changes/{id}"),
            "edit" => await fixture.SendAsync(initech, HttpMethod.Put, $"/api/changes/{id}", Changes.Complete("mine", "initech"), headers: ("If-Match", "\"2\"")),
            "delete" => await fixture.SendAsync(initech, HttpMethod.Delete, $"/api/changes/{id}"),
            "versions" => await fixture.SendAsync(initech, HttpMethod.Get, $"/api/changes/{id}/versions"),
            "version" => await fixture.SendAsync(initech, HttpMethod.Get, $"/api/changes/{id}/versions/1"),
            "triggers" => await fixture.SendAsync(initech, HttpMethod.Post, $"/api/changes/{id}/triggers", new { }),
            "action" => await fixture.SendAsync(initech, HttpMethod.Post, $"/api/changes/{id}/approve", new { }),
            "check" => await fixture.SendAsync(initech, HttpMethod.Post, "/api/changes/check", Changes.CheckOf(id, "initech")),
            "status" => await fixture.SendAsync(initech, HttpMethod.Get, $"/api/changes/{id}/status"),
            "deliveries" => await fixture.SendAsync(initech, HttpMethod.Get, $"/api/changes/{id}/deliveries"),
            "stats" => await fixture.SendAsync(initech, HttpMethod.Get, "/api/stats"),
            "calendar" => await fixture.SendAsync(initech, HttpMethod.Get, CalendarRouteTests.AroundNow),
            "dead-letters" => await fixture.SendAsync(initech, HttpMethod.Get, "/api/dead-letters"),
            "redrive" => await fixture.SendAsync(initech, HttpMethod.Post, "/api/dead-letters/redrive?customer=acme", new { }),
            "preview" => await fixture.SendAsync(initech, HttpMethod.Post, "/api/preview?customer=acme", Changes.Complete("preview", "acme")),
            "frz-list" => await fixture.SendAsync(initech, HttpMethod.Get, "/api/freezes"),
            "frz-create" => await fixture.SendAsync(initech, HttpMethod.Post, "/api/freezes", FreezeBodies.Timed("not mine", DateTimeOffset.Parse("2091-01-01T00:00:00Z"), TimeSpan.FromHours(4), "acme")),
            "frz-get" => await fixture.SendAsync(initech, HttpMethod.Get, $"/api/freezes/{id}"),
            "frz-edit" => await fixture.SendAsync(initech, HttpMethod.Put, $"/api/freezes/{id}", FreezeBodies.Timed("mine", DateTimeOffset.Parse("2091-01-01T00:00:00Z"), TimeSpan.FromHours(4), "initech"), headers: ("If-Match", "\"1\"")),
            "frz-remove" => await fixture.SendAsync(initech, HttpMethod.Delete, $"/api/freezes/{id}", headers: ("If-Match", "\"1\"")),
            "frz-versions" => await fixture.SendAsync(initech, HttpMethod.Get, $"/api/freezes/{id}/versions"),
            "cal-issue" => await fixture.SendAsync(initech, HttpMethod.Post, "/api/calendar-feeds", new { customer = "acme" }),
            "cal-list" => await fixture.SendAsync(initech, HttpMethod.Get, "/api/calendar-feeds"),
            "cal-revoke" => await fixture.SendAsync(initech, HttpMethod.Delete, $"/api/calendar-feeds/{id}"),
            "prefs-get" => await fixture.SendAsync(initech, HttpMethod.Get, "/api/preferences"),
            "prefs-set" => await fixture.SendAsync(initech, HttpMethod.Put, "/api/preferences", new { topics = new[] { "aws-announce" }, unsubscribeAll = false }),
            "ann-list" => await fixture.SendAsync(initech, HttpMethod.Get, "/api/announcements?pageSize=200"),
            "ann-create" => await fixture.SendAsync(initech, HttpMethod.Post, "/api/announcements", AnnouncementBodies.Complete("not mine", "finops", "acme")),
            "ann-get" => await fixture.SendAsync(initech, HttpMethod.Get, $"/api/announcements/{id}"),
            "ann-edit" => await fixture.SendAsync(initech, HttpMethod.Put, $"/api/announcements/{id}", AnnouncementBodies.Complete("mine", "finops", "initech"), headers: ("If-Match", "\"2\"")),
            "ann-delete" => await fixture.SendAsync(initech, HttpMethod.Delete, $"/api/announcements/{id}"),
            "ann-versions" => await fixture.SendAsync(initech, HttpMethod.Get, $"/api/announcements/{id}/versions"),
            "ann-version" => await fixture.SendAsync(initech, HttpMethod.Get, $"/api/announcements/{id}/versions/1"),
            "ann-action" => await fixture.SendAsync(initech, HttpMethod.Post, $"/api/announcements/{id}/approve", new { }),
            "ann-types" => await fixture.SendAsync(initech, HttpMethod.Get, "/api/announcements/types"),
            "ann-status" => await fixture.SendAsync(initech, HttpMethod.Get, $"/api/announcements/{id}/status"),
            "ann-deliveries" => await fixture.SendAsync(initech, HttpMethod.Get, $"/api/announcements/{id}/deliveries"),
            "ann-preview" => await fixture.SendAsync(initech, HttpMethod.Get, $"/api/announcements/{id}/preview?customer=initech"),
            "ann-draft-preview" => await fixture.SendAsync(initech, HttpMethod.Post, "/api/announcements/preview?customer=acme", AnnouncementBodies.Complete("auth test", "finops", "acme")),
            "ann-attach" => await fixture.Host.Http.SendAsync(AnnouncementBodies.Attachment(initech, id, "notes.txt", "text/plain", 1)),
            "ann-detach" => await fixture.SendAsync(initech, HttpMethod.Delete, $"/api/announcements/{id}/attachments/notes.txt", headers: ("If-Match", "\"1\"")),
            _ when route.StartsWith("sub-", StringComparison.Ordinal) => await SubscriptionRouteTests.CallAsync(fixture, initech, route, "acme"),
            _ when route.StartsWith("ac-", StringComparison.Ordinal) => await AlternateContactRouteTests.CallAsync(fixture, initech, route, "acme"),
            _ => throw new ArgumentException($"no call for route {route}: add one"),
        };

        var body = await response.Content.ReadAsStringAsync();
        // The preferences routes open only with an email's preference token: a session, anyone's, opens nothing.
        if (route.StartsWith("prefs-", StringComparison.Ordinal)) Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        else Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.OK, $"{route}: {(int)response.StatusCode} {body}");
        // A 404 may repeat the id asked for; no answer holds the change's content or acme's code.
        if (response.StatusCode == HttpStatusCode.OK) Assert.DoesNotContain(id, body);
        Assert.DoesNotContain("auth test", body);
        Assert.DoesNotContain("\"acme\"", body);
    }
}
