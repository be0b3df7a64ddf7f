using System.Net;
using System.Text.Json.Nodes;
using ChangeMgmt.Server.Tests;

namespace ChangeMgmt.Api.Tests;

/// <summary>
/// /api/alternate-contacts: the sweep's reports (counts, drifting accounts, failures with fixes, "not configured"),
/// an admin's request answered by the next sweep, every role reading only its customers, local mode saying it has none.
/// </summary>
public sealed class AlternateContactRouteTests(AlternateContactsFixture fixture) : IClassFixture<AlternateContactsFixture>
{
    public static readonly string[] Routes = ["ac-list", "ac-get", "ac-check"];

    public static int Success(string route) => route == "ac-check" ? 202 : 200;

    private static readonly string Admin = TestTokens.For("ada", ["admin"]);
    private static readonly string AcmeViewer = TestTokens.For("amy", ["viewer"], ["acme"]);
    private static readonly string AcmeAdmin = TestTokens.For("acme-admin", ["admin"], ["acme"]);

    public static Task<HttpResponseMessage> CallAsync(AuthFixture fixture, string token, string route, string customer) => route switch
    {
        "ac-list" => fixture.SendAsync(token, HttpMethod.Get, "/api/alternate-contacts"),
        "ac-get" => fixture.SendAsync(token, HttpMethod.Get, $"/api/alternate-contacts/{customer}"),
        "ac-check" => fixture.SendAsync(token, HttpMethod.Post, $"/api/alternate-contacts/{customer}/check", new { }),
        _ => throw new ArgumentException(route),
    };

    /// <summary>The customer's report once the sweep has checked it (after <paramref name="after"/>, when given).</summary>
    private Task<JsonNode> CheckedAsync(string customer, DateTimeOffset? after = null) =>
        ApiHost.EventuallyAsync(() => fixture.JsonAsync(Admin, HttpMethod.Get, $"/api/alternate-contacts/{customer}"),
            r => (string?)r["state"] == "checked" && r["checkRequestedAt"] is null && (after is null || DateTimeOffset.Parse((string)r["checkedAt"]!) > after),
            $"{customer}'s alternate contacts checked");

    [Fact]
    public async Task The_sweep_reports_the_drifting_account_with_current_and_configured_contacts()
    {
        var acme = await CheckedAsync("acme");

        Assert.Equal((3, 2, 1, 0), ((int)acme["accounts"]!, (int)acme["matching"]!, (int)acme["drifting"]!, (int)acme["failed"]!));
        var account = Assert.Single(acme["driftingAccounts"]!.AsArray())!;
        Assert.Equal((AlternateContactsFixture.AcmeDrifting, $"account-{AlternateContactsFixture.AcmeDrifting}", false),
            ((string?)account["accountId"], (string?)account["accountName"], (bool)account["isManagementAccount"]!));
        var difference = Assert.Single(account["differences"]!.AsArray())!;
        Assert.Equal("security", (string?)difference["type"]);
        Assert.Equal(("Old SOC", "soc-old@acme.example"), ((string?)difference["current"]!["name"], (string?)difference["current"]!["email"]));
        Assert.Equal(("MSP SOC", "soc@msp.example"), ((string?)difference["configured"]!["name"], (string?)difference["configured"]!["email"]));
        Assert.Empty(acme["failures"]!.AsArray());
    }

    [Fact]
    public async Task A_failing_organization_is_reported_with_its_fix_and_the_others_are_still_checked()
    {
        var globex = await CheckedAsync("globex");
        var initech = await CheckedAsync("initech");

        var trusted = Assert.Single(globex["failures"]!.AsArray())!;
        Assert.Null(trusted["accountId"]);
        Assert.Contains("Trusted access", (string?)trusted["message"]);
        Assert.Contains("enable-aws-service-access --service-principal account.amazonaws.com", (string?)trusted["fix"]);
        Assert.Equal(1, (int)globex["failed"]!);
        Assert.Contains("in no organization", (string?)Assert.Single(initech["failures"]!.AsArray())!["message"]);
        Assert.Equal("checked", (string?)(await CheckedAsync("acme"))["state"]);
    }

    [Fact]
    public async Task A_customer_without_contact_config_is_not_configured_with_the_fix_and_never_checked()
    {
        await CheckedAsync("acme");
        var list = await fixture.JsonAsync(Admin, HttpMethod.Get, "/api/alternate-contacts");

        Assert.True((bool)list["available"]!);
        Assert.Equal(["acme", "globex", "initech", "umbrella"], list["items"]!.AsArray().Select(i => (string?)i!["customerCode"]));
        var umbrella = list["items"]!.AsArray().Single(i => (string?)i!["customerCode"] == "umbrella")!;
        Assert.Equal("notConfigured", (string?)umbrella["state"]);
        Assert.Null(umbrella["checkedAt"]);
        Assert.Contains("contact_config", (string?)umbrella["notConfigured"]!["fix"]);
        Assert.Equal("Umbrella Holdings", (string?)umbrella["customerName"]);
    }

    [Fact]
    public async Task An_admins_request_is_answered_by_the_next_sweep_and_then_cleared()
    {
        var before = DateTimeOffset.Parse((string)(await CheckedAsync("acme"))["checkedAt"]!);

        var requested = await fixture.JsonAsync(Admin, HttpMethod.Post, "/api/alternate-contacts/acme/check", new { }, HttpStatusCode.Accepted);

        Assert.Equal("Check requested; results after the next sweep.", (string?)requested["message"]);
        await CheckedAsync("acme", after: before);
    }

    [Fact]
    public async Task Each_role_reads_only_its_customers_and_only_an_admin_asks_for_a_check()
    {
        var list = await fixture.JsonAsync(AcmeViewer, HttpMethod.Get, "/api/alternate-contacts");
        Assert.Equal(["acme"], list["items"]!.AsArray().Select(i => (string?)i!["customerCode"]));

        foreach (var other in new[] { "globex", "no-such-customer" })
        {
            using var get = await fixture.SendAsync(AcmeViewer, HttpMethod.Get, $"/api/alternate-contacts/{other}");
            var problem = await ApiHost.ReadAsync(get, HttpStatusCode.NotFound);
            Assert.Contains($"'{other}'", (string?)problem["detail"]);
            using var check = await fixture.SendAsync(AcmeAdmin, HttpMethod.Post, $"/api/alternate-contacts/{other}/check", new { });
            Assert.Equal(HttpStatusCode.NotFound, check.StatusCode);
        }
        using (var viewerCheck = await fixture.SendAsync(AcmeViewer, HttpMethod.Post, "/api/alternate-contacts/acme/check", new { }))
            Assert.Equal("admin", (string?)(await ApiHost.ReadAsync(viewerCheck, HttpStatusCode.Forbidden))["requiredRole"]);
        using var own = await fixture.SendAsync(AcmeAdmin, HttpMethod.Post, "/api/alternate-contacts/acme/check", new { });
        Assert.Equal(HttpStatusCode.Accepted, own.StatusCode);
    }

    [Fact]
    public async Task Local_mode_has_no_organizations_and_says_so()
    {
        await using var local = await ApiHost.StartAsync();

        var list = await local.GetJsonAsync("/api/alternate-contacts");
        Assert.False((bool)list["available"]!);
        Assert.Contains("Local mode", (string?)list["reason"]);
        Assert.All(list["items"]!.AsArray(), i => Assert.Equal("notConfigured", (string?)i!["state"]));
        var refused = await local.PostJsonAsync("/api/alternate-contacts/acme/check", new { }, HttpStatusCode.Conflict);
        Assert.Contains("Local mode", (string?)refused["detail"]);
    }
}
