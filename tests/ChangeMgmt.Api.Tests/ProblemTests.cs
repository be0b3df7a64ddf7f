using System.Net;
using System.Text.Json.Nodes;
using ChangeMgmt.Server.Tests;

namespace ChangeMgmt.Api.Tests;

/// <summary>Errors as RFC 9457 problem details: fields named, versions and statuses stated.</summary>
public sealed class ProblemTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHost host = fixture.Host;

    /// <summary>The messages a validation problem gives for one field.</summary>
    internal static string[] Errors(JsonNode problem, string field) =>
        [.. problem["errors"]![field]!.AsArray().Select(m => (string)m!)];

    [Fact]
    public async Task Create_names_each_invalid_field()
    {
        var body = Changes.Complete("Bad", "acme", "nobody", "acme");
        body["timezone"] = "Mars/Olympus";
        body["implementationEnd"] = ChangeRequests.Iso(DateTimeOffset.Parse((string)body["implementationStart"]!).AddHours(-1));

        var problem = await host.PostJsonAsync("/api/changes", body, HttpStatusCode.BadRequest);

        Assert.Equal(400, (int)problem["status"]!);
        Assert.Equal(2, Errors(problem, "customers").Length);
        Assert.Single(Errors(problem, "timezone"));
        Assert.Single(Errors(problem, "implementationEnd"));
    }

    [Fact]
    public async Task A_value_that_does_not_parse_is_named_by_its_field()
    {
        var body = Changes.Complete("Bad date", "acme");
        body["implementationStart"] = "next tuesday";

        var problem = await host.PostJsonAsync("/api/changes", body, HttpStatusCode.BadRequest);
        Assert.NotEmpty(Errors(problem, "implementationStart"));

        var query = await host.GetJsonAsync("/api/changes?pageSize=many", HttpStatusCode.BadRequest);
        Assert.NotEmpty(Errors(query, "pageSize"));
    }

    [Fact]
    public async Task A_query_value_that_does_not_parse_is_named_with_its_fix()
    {
        var pageSize = await host.GetJsonAsync("/api/changes?pageSize=many", HttpStatusCode.BadRequest);
        Assert.Equal(["'many' is not a whole number; use 1 to 200."], Errors(pageSize, "pageSize"));
        Assert.Equal(["Use 1 to 200."], Errors(await host.GetJsonAsync("/api/changes?pageSize=0", HttpStatusCode.BadRequest), "pageSize"));

        var to = await host.GetJsonAsync("/api/changes?from=2026-01-01T00:00:00Z&to=next%20tuesday", HttpStatusCode.BadRequest);
        Assert.Equal(["'next tuesday' is not a date and time; use ISO 8601, for example 2026-12-03T22:00:00Z."], Errors(to, "to"));
        Assert.False(to["errors"]!.AsObject().ContainsKey("from"));
        Assert.Equal("The request is not valid", (string)to["title"]!);

        var outbox = await host.GetJsonAsync("/api/outbox?pageSize=lots", HttpStatusCode.BadRequest);
        Assert.Equal(["'lots' is not a whole number; use 1 to 1000."], Errors(outbox, "pageSize"));
    }

    [Fact]
    public async Task Query_values_that_parse_still_filter()
    {
        var id = await host.CreateAsync(Changes.Complete("Query values", "acme"));

        var all = await host.GetJsonAsync("/api/changes?pageSize=200&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00%2B01:00");
        Assert.Contains(all["items"]!.AsArray(), i => (string)i!["changeId"]! == id);
        var none = await host.GetJsonAsync("/api/changes?pageSize=200&to=2000-01-01T00:00:00Z");
        Assert.DoesNotContain(none["items"]!.AsArray(), i => (string)i!["changeId"]! == id);
    }

    [Fact]
    public async Task Put_and_submit_validation_errors_name_fields()
    {
        var id = await host.CreateAsync(new JsonObject { ["changeTitle"] = "Only a title", ["customers"] = new JsonArray("acme") });

        using var put = await host.SendAsync(HttpMethod.Put, $"/api/changes/{id}", new JsonObject { ["customers"] = new JsonArray("nobody") }, ("If-Match", "\"1\""));
        Assert.NotEmpty(Errors(await ApiHost.ReadAsync(put, HttpStatusCode.BadRequest), "customers"));

        var submit = await host.PostJsonAsync($"/api/changes/{id}/submit", null, HttpStatusCode.BadRequest);
        foreach (var field in new[] { "changeReason", "implementationPlan", "testPlan", "customerImpact", "rollbackPlan", "implementationStart", "implementationEnd", "timezone" })
            Assert.Equal(["Required."], Errors(submit, field));
        Assert.False(submit["errors"]!.AsObject().ContainsKey("changeTitle"));
    }

    [Fact]
    public async Task Put_without_if_match_is_428_and_with_a_stale_one_412_with_the_current_version()
    {
        var id = await host.CreateAsync(Changes.Complete("Concurrent edit", "acme"));
        using var first = await host.SendAsync(HttpMethod.Put, $"/api/changes/{id}", Changes.Complete("Edit one", "acme"), ("If-Match", "\"1\""));
        Assert.Equal("\"2\"", first.Headers.ETag?.Tag);

        using var missing = await host.SendAsync(HttpMethod.Put, $"/api/changes/{id}", Changes.Complete("Edit two", "acme"));
        Assert.Equal(428, (int)(await ApiHost.ReadAsync(missing, (HttpStatusCode)428))["status"]!);

        using var stale = await host.SendAsync(HttpMethod.Put, $"/api/changes/{id}", Changes.Complete("Edit two", "acme"), ("If-Match", "\"1\""));
        var problem = await ApiHost.ReadAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal(2, (int)problem["currentVersion"]!);
        Assert.Equal("\"2\"", stale.Headers.ETag?.Tag);
        Assert.Equal("Edit one", (string)(await host.GetJsonAsync($"/api/changes/{id}"))["changeTitle"]!);
    }

    [Fact]
    public async Task A_transition_the_lifecycle_forbids_is_409_with_the_current_status()
    {
        var id = await host.CreateAsync(Changes.Complete("Lifecycle", "acme"));

        var approveDraft = await host.PostJsonAsync($"/api/changes/{id}/approve", null, HttpStatusCode.Conflict);
        Assert.Equal("draft", (string)approveDraft["changeStatus"]!);

        foreach (var action in new[] { "submit", "approve", "complete" })
            await host.PostJsonAsync($"/api/changes/{id}/{action}", null);
        using var edit = await host.SendAsync(HttpMethod.Put, $"/api/changes/{id}", Changes.Complete("Too late", "acme"), ("If-Match", "\"4\""));
        Assert.Equal("completed", (string)(await ApiHost.ReadAsync(edit, HttpStatusCode.Conflict))["changeStatus"]!);
        var cancel = await host.PostJsonAsync($"/api/changes/{id}/cancel", null, HttpStatusCode.Conflict);
        Assert.Equal(409, (int)cancel["status"]!);
    }

    [Fact]
    public async Task Unknown_and_malformed_ids()
    {
        Assert.Equal(404, (int)(await host.GetJsonAsync("/api/changes/CHG-20260101-ZZZZZZ", HttpStatusCode.NotFound))["status"]!);
        Assert.NotEmpty(Errors(await host.GetJsonAsync("/api/changes/not-an-id", HttpStatusCode.BadRequest), "changeId"));
        await host.PostJsonAsync("/api/changes/CHG-20260101-ZZZZZZ/dance", null, HttpStatusCode.NotFound);
    }
}
