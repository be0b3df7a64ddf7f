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
