using System.Net;
using System.Text.Json.Nodes;
using ChangeMgmt.Server.Tests;

namespace ChangeMgmt.Api.Tests;

/// <summary>Issue 19: customers' readiness in /api/customers, and the warning a change for a customer that is not ready answers.</summary>
public sealed class ReadinessTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHost host = fixture.Host;

    private static IEnumerable<JsonNode> NotReady(JsonNode answer) =>
        answer["warnings"]!.AsArray().Where(w => (string)w!["code"]! == "not_ready")!;

    [Fact]
    public async Task Customers_carry_readiness_umbrella_not_ready_with_its_failing_check_and_fix()
    {
        var items = (await host.GetJsonAsync("/api/customers"))["items"]!.AsArray().ToDictionary(c => (string)c!["code"]!, c => c!["readiness"]!);

        Assert.True((bool?)items["acme"]["ready"]);
        Assert.Null(items["acme"]["check"]);
        var umbrella = items["umbrella"];
        Assert.False((bool?)umbrella["ready"]);
        Assert.Equal("ProductionAccess", (string)umbrella["check"]!);
        Assert.Contains("sandbox", (string)umbrella["detail"]!);
        Assert.Contains("Initialize-SesAccount -Customer umbrella -RequestProductionAccess", (string)umbrella["fix"]!);
    }

    [Fact]
    public async Task Creating_submitting_and_checking_a_change_for_umbrella_warn_that_its_notices_would_not_be_delivered()
    {
        var body = GovernanceTests.Body("for umbrella", GovernanceTests.UniqueDay(), TimeSpan.FromHours(2), "acme", "umbrella");

        var created = await host.PostJsonAsync("/api/changes", body, HttpStatusCode.Created);
        var submitted = await host.PostJsonAsync($"/api/changes/{(string)created["changeId"]!}/submit", new { });
        var checkedBody = await host.PostJsonAsync("/api/changes/check", body);

        foreach (var answer in new[] { created, submitted, checkedBody })
        {
            var warning = Assert.Single(NotReady(answer));
            Assert.Equal(("umbrella", "customers"), ((string)warning["customerCode"]!, (string)warning["field"]!));
            Assert.StartsWith("Notices to umbrella would not be delivered: ProductionAccess", (string)warning["message"]!);
        }
    }

    [Fact]
    public async Task A_change_for_ready_customers_answers_no_readiness_warning()
    {
        var body = GovernanceTests.Body("ready customers", GovernanceTests.UniqueDay(), TimeSpan.FromHours(2), "acme", "globex");

        var created = await host.PostJsonAsync("/api/changes", body, HttpStatusCode.Created);
        var checkedBody = await host.PostJsonAsync("/api/changes/check", body);

        Assert.Empty(created["warnings"]!.AsArray());
        Assert.Empty(checkedBody["warnings"]!.AsArray());
    }
}

/// <summary>A customer-scoped caller reads only its own customers' readiness.</summary>
public sealed class ReadinessScopeTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    [Fact]
    public async Task A_customer_scoped_viewer_sees_only_its_own_customers_readiness()
    {
        var viewer = TestTokens.For("umbrella-viewer", ["viewer"], ["umbrella"]);

        var items = (await fixture.JsonAsync(viewer, HttpMethod.Get, "/api/customers"))["items"]!.AsArray();

        var only = Assert.Single(items)!;
        Assert.Equal("umbrella", (string)only["code"]!);
        Assert.False((bool?)only["readiness"]!["ready"]);
        Assert.Equal("ProductionAccess", (string)only["readiness"]!["check"]!);
    }
}
