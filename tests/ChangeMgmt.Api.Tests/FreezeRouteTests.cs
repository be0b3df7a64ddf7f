using System.Net;
using System.Text.Json.Nodes;
using ChangeMgmt.Server.Tests;

namespace ChangeMgmt.Api.Tests;

/// <summary>/api/freezes (admins write, everyone reads, scoped callers see theirs and global ones) and the refusal of a change that runs into a freeze.</summary>
public sealed class FreezeRouteTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    private static readonly string Admin = TestTokens.For("ada", ["admin"]);
    private static readonly string Approver = TestTokens.For("bob", ["approver"]);
    private static readonly DateTimeOffset FarAway = DateTimeOffset.Parse("2092-03-01T00:00:00Z");

    private async Task<JsonNode> AddAsync(string name, DateTimeOffset start, TimeSpan length, params string[] customers) =>
        await fixture.JsonAsync(Admin, HttpMethod.Post, "/api/freezes", FreezeBodies.Timed(name, start, length, customers), HttpStatusCode.Created);

    [Fact]
    public async Task An_admin_adds_edits_with_If_Match_and_removes_a_freeze_whose_versions_stay_readable()
    {
        using var created = await fixture.SendAsync(Admin, HttpMethod.Post, "/api/freezes", FreezeBodies.Timed("Quarter close", FarAway, TimeSpan.FromDays(1), "acme"));
        var freeze = await ApiHost.ReadAsync(created, HttpStatusCode.Created);
        var id = (string)freeze["freezeId"]!;
        Assert.Equal(("\"1\"", $"/api/freezes/{id}"), (created.Headers.ETag?.Tag, created.Headers.Location?.ToString()));
        Assert.Equal(("Europe/London", "ada"), ((string)freeze["timezone"]!, (string)freeze["createdBy"]!));
        var edit = FreezeBodies.Timed("Quarter close (moved)", FarAway.AddDays(1), TimeSpan.FromDays(1), "acme");

        using (var approver = await fixture.SendAsync(Approver, HttpMethod.Put, $"/api/freezes/{id}", edit, headers: ("If-Match", "\"1\"")))
            Assert.Equal("admin", (string)(await ApiHost.ReadAsync(approver, HttpStatusCode.Forbidden))["requiredRole"]!);
        using (var missing = await fixture.SendAsync(Admin, HttpMethod.Put, $"/api/freezes/{id}", edit))
            Assert.Equal(428, (int)missing.StatusCode);
        using (var edited = await fixture.SendAsync(Admin, HttpMethod.Put, $"/api/freezes/{id}", edit, headers: ("If-Match", "\"1\"")))
        {
            Assert.Equal("Quarter close (moved)", (string)(await ApiHost.ReadAsync(edited, HttpStatusCode.OK))["name"]!);
            Assert.Equal("\"2\"", edited.Headers.ETag?.Tag);
        }
        using (var stale = await fixture.SendAsync(Admin, HttpMethod.Put, $"/api/freezes/{id}", edit, headers: ("If-Match", "\"1\"")))
            Assert.Equal(2, (int)(await ApiHost.ReadAsync(stale, HttpStatusCode.PreconditionFailed))["currentVersion"]!);
        using (var noMatch = await fixture.SendAsync(Admin, HttpMethod.Delete, $"/api/freezes/{id}"))
            Assert.Equal(428, (int)noMatch.StatusCode);
        using (var removed = await fixture.SendAsync(Admin, HttpMethod.Delete, $"/api/freezes/{id}", headers: ("If-Match", "\"2\"")))
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);

        Assert.Equal("Freeze not found", (string)(await fixture.JsonAsync(Admin, HttpMethod.Get, $"/api/freezes/{id}", expected: HttpStatusCode.NotFound))["title"]!);
        Assert.DoesNotContain(id, (await fixture.JsonAsync(Approver, HttpMethod.Get, "/api/freezes")).ToJsonString());
        var versions = (await fixture.JsonAsync(Approver, HttpMethod.Get, $"/api/freezes/{id}/versions"))["items"]!.AsArray();
        Assert.Equal([1, 2, 3], versions.Select(v => (int)v!["version"]!));
        Assert.Equal("ada", (string)versions[2]!["deletedBy"]!);
    }

    [Fact]
    public async Task A_freeze_that_is_not_valid_is_400_naming_the_field()
    {
        var body = FreezeBodies.Timed("Bad zone", FarAway, TimeSpan.FromHours(2), "acme");
        body["timezone"] = "EST";

        var problem = await fixture.JsonAsync(Admin, HttpMethod.Post, "/api/freezes", body, HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]!["timezone"]);
        Assert.Equal("The freeze is not valid", (string)problem["title"]!);
    }

    [Fact]
    public async Task A_scoped_caller_sees_global_freezes_and_its_customers_with_other_codes_left_out()
    {
        var start = FarAway.AddDays(30);
        var shared = (string)(await AddAsync("Shared", start, TimeSpan.FromHours(2), "acme", "globex"))["freezeId"]!;
        var globexOnly = (string)(await AddAsync("Globex only", start, TimeSpan.FromHours(2), "globex"))["freezeId"]!;
        var global = (string)(await AddAsync("Everyone", start, TimeSpan.FromHours(2)))["freezeId"]!;
        var acmeAdmin = TestTokens.For("acme-admin", ["admin"], ["acme"]);

        var listed = (await fixture.JsonAsync(acmeAdmin, HttpMethod.Get, "/api/freezes"))["items"]!.AsArray();

        var ids = listed.Select(f => (string)f!["freezeId"]!).ToList();
        Assert.Contains(shared, ids);
        Assert.Contains(global, ids);
        Assert.DoesNotContain(globexOnly, ids);
        Assert.DoesNotContain("globex", listed.ToJsonString());
        Assert.Equal(["acme"], (await fixture.JsonAsync(acmeAdmin, HttpMethod.Get, $"/api/freezes/{shared}"))["customers"]!.AsArray().Select(c => (string)c!));
        await fixture.JsonAsync(acmeAdmin, HttpMethod.Get, $"/api/freezes/{globexOnly}", expected: HttpStatusCode.NotFound);
        // Writing: only their own customers, never a global freeze.
        await fixture.JsonAsync(acmeAdmin, HttpMethod.Post, "/api/freezes", FreezeBodies.Timed("Mine", start, TimeSpan.FromHours(1)), HttpStatusCode.Forbidden);
        using var edit = await fixture.SendAsync(acmeAdmin, HttpMethod.Put, $"/api/freezes/{shared}", FreezeBodies.Timed("Mine", start, TimeSpan.FromHours(1), "acme"), headers: ("If-Match", "\"1\""));
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        await fixture.JsonAsync(acmeAdmin, HttpMethod.Post, "/api/freezes", FreezeBodies.Timed("Mine", start, TimeSpan.FromHours(1), "acme"), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Submitting_and_approving_into_a_freeze_is_409_naming_it_unless_an_emergency_with_a_reason()
    {
        var window = ChangeRequests.WindowStart;
        var freeze = await AddAsync("Payroll <run>", window.AddHours(-1), TimeSpan.FromHours(4), "initech");
        var freezeId = (string)freeze["freezeId"]!;
        var id = await fixture.ChangeAsync("author", "draft", "initech");
        var author = TestTokens.For("author", ["editor"]);

        var refused = await fixture.JsonAsync(author, HttpMethod.Post, $"/api/changes/{id}/submit", new { }, HttpStatusCode.Conflict);

        Assert.Equal("The window runs into a freeze", (string)refused["title"]!);
        Assert.Contains(freezeId, (string)refused["detail"]!);
        var named = Assert.Single(refused["freezes"]!.AsArray())!;
        Assert.Equal((freezeId, "Payroll <run>", "Finance closes the books.", false), ((string)named["freezeId"]!, (string)named["name"]!, (string)named["reason"]!, (bool)named["global"]!));
        Assert.Equal(["initech"], named["customers"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(window.AddHours(-1), DateTimeOffset.Parse((string)named["start"]!));

        var noReason = await fixture.JsonAsync(author, HttpMethod.Post, $"/api/changes/{id}/submit", new { emergency = true }, HttpStatusCode.BadRequest);
        Assert.NotNull(noReason["errors"]!["reason"]);
        var submitted = await fixture.JsonAsync(author, HttpMethod.Post, $"/api/changes/{id}/submit", new { emergency = true, reason = "Certificate expired." });
        Assert.Equal("submitted", (string)submitted["change"]!["status"]!);
        Assert.Equal("Certificate expired.", (string)submitted["change"]!["emergency"]!["reason"]!);
        Assert.Equal(freezeId, (string)submitted["change"]!["emergency"]!["freezes"]![0]!["freezeId"]!);
        Assert.Equal("emergency", (string)submitted["change"]!["modifications"]!.AsArray()[^1]!["overrides"]![0]!);

        await fixture.JsonAsync(Approver, HttpMethod.Post, $"/api/changes/{id}/approve", new { }, HttpStatusCode.Conflict);
        var approved = await fixture.JsonAsync(Approver, HttpMethod.Post, $"/api/changes/{id}/approve", new { emergency = true, reason = "Agreed with the CAB." });
        Assert.Equal(("approved", "bob"), ((string)approved["change"]!["status"]!, (string)approved["change"]!["emergency"]!["by"]!));
    }

    [Fact]
    public async Task A_freeze_of_another_customer_does_not_hold_a_change()
    {
        await AddAsync("Globex payroll", ChangeRequests.WindowStart.AddHours(-1), TimeSpan.FromHours(4), "globex");
        var id = await fixture.ChangeAsync("author", "draft", "acme");

        var submitted = await fixture.JsonAsync(TestTokens.For("author", ["editor"]), HttpMethod.Post, $"/api/changes/{id}/submit", new { });

        Assert.Equal("submitted", (string)submitted["change"]!["status"]!);
        Assert.Null(submitted["change"]!["emergency"]);
    }
}
