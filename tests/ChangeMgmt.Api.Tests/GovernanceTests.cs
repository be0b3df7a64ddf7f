using System.Net;
using System.Text.Json.Nodes;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Server.Tests;

namespace ChangeMgmt.Api.Tests;

/// <summary>The governance rules through the API: reject, comments and reasons, re-approval, schedules, warnings.</summary>
public sealed class GovernanceTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHost host = fixture.Host;

    private static int days;

    /// <summary>A window of its own, years ahead on a day no other test of the run picks, so overlaps are only the test's own.</summary>
    internal static DateTimeOffset UniqueDay() =>
        new DateTimeOffset(2031, 1, 1, 10, 0, 0, TimeSpan.Zero).AddDays(10 * Interlocked.Increment(ref days));

    internal static JsonObject Body(string title, DateTimeOffset start, TimeSpan length, params string[] customers)
    {
        var body = Changes.Complete(title, customers);
        body["implementationStart"] = ChangeRequests.Iso(start);
        body["implementationEnd"] = ChangeRequests.Iso(start + length);
        return body;
    }

    private async Task<JsonNode> ActAsync(string id, string action, object? body = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        await host.PostJsonAsync($"/api/changes/{id}/{action}", body ?? new { }, expected);

    private static JsonNode LastModification(JsonNode written) => (written["change"] ?? written)["modifications"]!.AsArray()[^1]!;

    [Fact]
    public async Task A_rejection_needs_a_comment_and_sends_the_change_back_to_be_edited_and_resubmitted()
    {
        var id = await host.CreateAsync(Changes.Complete("to reject", "acme"));
        await ActAsync(id, "submit");

        var refused = await ActAsync(id, "reject", new { comment = "  " }, HttpStatusCode.BadRequest);
        Assert.Contains("Say why", Assert.Single(ProblemTests.Errors(refused, "comment")));
        var rejected = await ActAsync(id, "reject", new { comment = "No rollback test <b>at all</b>." });

        Assert.Equal("rejected", (string)rejected["change"]!["status"]!);
        var entry = LastModification(rejected);
        Assert.Equal(("rejected", "No rollback test <b>at all</b>."), ((string)entry["modification_type"]!, (string)entry["comment"]!));
        Assert.Empty(rejected["triggers"]!.AsArray());
        await ActAsync(id, "approve", expected: HttpStatusCode.Conflict);

        var edited = Changes.Complete("to reject", "acme");
        edited["rollbackPlan"] = "Tested rollback.";
        using var put = await host.SendAsync(HttpMethod.Put, $"/api/changes/{id}", edited, ("If-Match", "\"3\""));
        Assert.Equal("rejected", (string)(await ApiHost.ReadAsync(put, HttpStatusCode.OK))["change"]!["status"]!);
        Assert.Equal("submitted", (string)(await ActAsync(id, "submit"))["change"]!["status"]!);
    }

    [Fact]
    public async Task An_approval_comment_and_a_cancellation_reason_are_recorded()
    {
        var id = await host.CreateAsync(Changes.Complete("commented", "acme"));
        await ActAsync(id, "submit");

        var approved = await ActAsync(id, "approve", new { comment = "Go ahead." });
        var cancelled = await ActAsync(id, "cancel", new { reason = "Vendor postponed the release." });

        Assert.Equal("Go ahead.", (string)LastModification(approved)["comment"]!);
        Assert.Equal(("cancelled", "Vendor postponed the release."), ((string)LastModification(cancelled)["modification_type"]!, (string)LastModification(cancelled)["reason"]!));
    }

    [Fact]
    public async Task A_material_edit_of_an_approved_change_needs_approval_again_and_a_typo_does_not_and_the_check_says_so_first()
    {
        var start = UniqueDay();
        var body = Body("material", start, TimeSpan.FromHours(2), "acme", "globex");
        var id = await host.CreateAsync(body);
        await ActAsync(id, "submit");
        await ActAsync(id, "approve");

        var typo = Body("material (typo fixed)", start, TimeSpan.FromHours(2), "acme", "globex");
        typo["changeId"] = id;
        var typoCheck = await host.PostJsonAsync("/api/changes/check", typo);
        Assert.Equal(("approved", false), ((string)typoCheck["resultingStatus"]!, (bool)typoCheck["reapproval"]!));
        Assert.Empty(typoCheck["materialFields"]!.AsArray());

        var moved = Body("material", start.AddDays(1), TimeSpan.FromHours(2), "acme", "initech");
        moved["changeId"] = id;
        var movedCheck = await host.PostJsonAsync("/api/changes/check", moved);
        Assert.Equal(("submitted", true), ((string)movedCheck["resultingStatus"]!, (bool)movedCheck["reapproval"]!));
        Assert.Equal(["implementationStart", "implementationEnd", "customers"], movedCheck["materialFields"]!.AsArray().Select(f => (string)f!));
        Assert.Equal(["acme", "initech", "globex"], movedCheck["customersTold"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(3, (int)(await host.GetJsonAsync($"/api/changes/{id}"))["version"]!);

        using var typoPut = await host.SendAsync(HttpMethod.Put, $"/api/changes/{id}", typo, ("If-Match", "\"3\""));
        Assert.Equal("approved", (string)(await ApiHost.ReadAsync(typoPut, HttpStatusCode.OK))["change"]!["status"]!);
        using var movedPut = await host.SendAsync(HttpMethod.Put, $"/api/changes/{id}", moved, ("If-Match", "\"4\""));
        var written = await ApiHost.ReadAsync(movedPut, HttpStatusCode.OK);

        Assert.Equal("submitted", (string)written["change"]!["status"]!);
        Assert.Null(written["change"]!["approvedBy"]);
        var entry = LastModification(written);
        Assert.True((bool)entry["reapproval"]!);
        Assert.Equal(["implementationStart", "implementationEnd", "customers"], entry["material_fields"]!.AsArray().Select(f => (string)f!));
        Assert.Equal(["acme", "globex", "initech"], written["triggers"]!.AsArray().Select(t => (string)t!["customerCode"]!).Order());
    }

    [Fact]
    public async Task A_window_that_has_ended_is_refused_unless_backdated_with_a_reason_which_is_recorded()
    {
        var id = await host.CreateAsync(Body("emergency", DateTimeOffset.UtcNow.AddHours(-5), TimeSpan.FromHours(1), "acme"));

        var refused = await ActAsync(id, "submit", expected: HttpStatusCode.BadRequest);
        Assert.Contains("move it to the future, or submit it as backdated", Assert.Single(ProblemTests.Errors(refused, "implementationEnd")));
        var noReason = await ActAsync(id, "submit", new { backdated = true }, HttpStatusCode.BadRequest);
        Assert.Single(ProblemTests.Errors(noReason, "reason"));
        Assert.Equal(1, (int)(await host.GetJsonAsync($"/api/changes/{id}"))["version"]!);

        var submitted = await ActAsync(id, "submit", new { backdated = true, reason = "Outage fix applied at 03:00." });
        await ActAsync(id, "approve", expected: HttpStatusCode.BadRequest);
        var approved = await ActAsync(id, "approve", new { backdated = true, reason = "Reviewed after the fact." });

        Assert.Equal(["backdated"], LastModification(submitted)["overrides"]!.AsArray().Select(o => (string)o!));
        Assert.Equal("Outage fix applied at 03:00.", (string)LastModification(submitted)["reason"]!);
        Assert.Equal("approved", (string)approved["change"]!["status"]!);
    }

    [Fact]
    public async Task Completing_before_the_window_needs_early_with_a_reason()
    {
        var id = await host.CreateAsync(Body("early", UniqueDay(), TimeSpan.FromHours(1), "acme"));
        await ActAsync(id, "submit");
        await ActAsync(id, "approve");

        var refused = await ActAsync(id, "complete", expected: HttpStatusCode.BadRequest);
        Assert.Contains("complete it as early", Assert.Single(ProblemTests.Errors(refused, "implementationStart")));
        var completed = await ActAsync(id, "complete", new { early = true, reason = "Done in the previous window." });

        Assert.Equal("completed", (string)completed["change"]!["status"]!);
        Assert.Equal(["early"], LastModification(completed)["overrides"]!.AsArray().Select(o => (string)o!));
    }

    [Fact]
    public async Task Overlapping_changes_for_the_same_customer_and_a_long_window_are_warnings_not_errors()
    {
        var start = UniqueDay();
        var first = await host.CreateAsync(Body("first", start, TimeSpan.FromHours(2), "acme", "globex"));
        await ActAsync(first, "submit");
        var elsewhere = await host.CreateAsync(Body("other customer", start, TimeSpan.FromHours(2), "initech"));
        await ActAsync(elsewhere, "submit");
        var second = await host.CreateAsync(Body("second", start.AddHours(1), TimeSpan.FromHours(80), "globex"));

        var submitted = await ActAsync(second, "submit");

        Assert.Equal("submitted", (string)submitted["change"]!["status"]!);
        var warnings = submitted["warnings"]!.AsArray();
        var overlap = Assert.Single(warnings, w => (string)w!["code"]! == "overlap")!;
        Assert.Equal((first, "globex"), ((string)overlap["changeId"]!, (string)overlap["customerCode"]!));
        Assert.Contains("80 hours long, over the 72-hour maximum", (string)Assert.Single(warnings, w => (string)w!["code"]! == "long_window")!["message"]!);
        var check = await host.PostJsonAsync("/api/changes/check", Body("new", start, TimeSpan.FromHours(2), "acme", "globex"));
        Assert.Equal(new[] { first, second }.Order(), check["warnings"]!.AsArray().Select(w => (string)w!["changeId"]!).Distinct().Order());
    }

    [Fact]
    public async Task A_created_change_answers_its_warnings_which_are_never_stored_even_when_sent_back()
    {
        var start = UniqueDay();
        var first = await host.CreateAsync(Body("first", start, TimeSpan.FromHours(2), "acme"));
        await ActAsync(first, "submit");

        var created = (await host.PostJsonAsync("/api/changes", Body("second", start.AddHours(1), TimeSpan.FromHours(2), "acme"), HttpStatusCode.Created)).AsObject();

        var overlap = Assert.Single(created["warnings"]!.AsArray())!;
        Assert.Equal(("overlap", first, "acme"), ((string)overlap["code"]!, (string)overlap["changeId"]!, (string)overlap["customerCode"]!));
        var id = (string)created["changeId"]!;
        using var edited = await host.SendAsync(HttpMethod.Put, $"/api/changes/{id}", created, ("If-Match", "\"1\""));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Null((await host.GetJsonAsync($"/api/changes/{id}"))["warnings"]);
        Assert.Empty((await host.PostJsonAsync("/api/changes", Body("alone", UniqueDay(), TimeSpan.FromHours(2), "acme"), HttpStatusCode.Created))["warnings"]!.AsArray());
    }
}
