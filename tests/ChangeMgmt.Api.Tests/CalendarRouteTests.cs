using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ChangeMgmt.Server.Tests;

namespace ChangeMgmt.Api.Tests;

/// <summary>GET /api/calendar: the range's changes and freezes, a customer-scoped caller seeing only its own and the global ones.</summary>
public sealed class CalendarRouteTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    private static readonly string AcmeViewer = TestTokens.For("acme-viewer", ["viewer"], ["acme"]);
    private static readonly string Viewer = TestTokens.For("vera", ["viewer"]);

    /// <summary>A range holding the changes the fixture creates (their window starts ten minutes ago).</summary>
    public static string AroundNow => Range(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

    private static string Range(DateTimeOffset from, DateTimeOffset to, string extra = "") =>
        string.Create(CultureInfo.InvariantCulture, $"/api/calendar?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}{extra}");

    private static IEnumerable<string> Ids(JsonNode view, string kind, string id) => view[kind]!.AsArray().Select(e => (string)e![id]!);

    [Fact]
    public async Task A_scoped_caller_sees_its_customers_changes_naming_only_them_and_the_global_and_its_own_freezes()
    {
        var acme = await fixture.ChangeAsync("author", "submitted", "acme");
        var shared = await fixture.ChangeAsync("author", "draft", "acme", "globex");
        var globex = await fixture.ChangeAsync("author", "draft", "globex");
        var global = await fixture.FreezeAsync();
        var acmeFreeze = await fixture.FreezeAsync("acme", "globex");
        var globexFreeze = await fixture.FreezeAsync("globex");
        var freezeRange = Range(DateTimeOffset.Parse("2090-12-01T00:00:00Z", CultureInfo.InvariantCulture), DateTimeOffset.Parse("2091-01-01T00:00:00Z", CultureInfo.InvariantCulture));

        var view = await fixture.JsonAsync(AcmeViewer, HttpMethod.Get, AroundNow);
        var freezes = await fixture.JsonAsync(AcmeViewer, HttpMethod.Get, freezeRange);

        Assert.Contains(acme, Ids(view, "changes", "changeId"));
        Assert.Contains(shared, Ids(view, "changes", "changeId"));
        Assert.DoesNotContain(globex, Ids(view, "changes", "changeId"));
        Assert.DoesNotContain("globex", view.ToJsonString());
        var entry = view["changes"]!.AsArray().Single(e => (string)e!["changeId"]! == shared)!;
        Assert.Equal(["acme"], entry["customers"]!.AsArray().Select(c => (string)c!));
        Assert.Equal("draft", (string)entry["status"]!);
        Assert.NotNull(entry["implementationStart"]);
        Assert.Contains(global, Ids(freezes, "freezes", "freezeId"));
        Assert.Contains(acmeFreeze, Ids(freezes, "freezes", "freezeId"));
        Assert.DoesNotContain(globexFreeze, Ids(freezes, "freezes", "freezeId"));
        Assert.DoesNotContain("globex", freezes.ToJsonString());
        Assert.Contains(globexFreeze, Ids(await fixture.JsonAsync(Viewer, HttpMethod.Get, freezeRange), "freezes", "freezeId"));
    }

    [Fact]
    public async Task The_status_and_customer_filters_narrow_the_changes()
    {
        var submitted = await fixture.ChangeAsync("author", "submitted", "initech");
        var draft = await fixture.ChangeAsync("author", "draft", "initech");

        var onlySubmitted = Ids(await fixture.JsonAsync(Viewer, HttpMethod.Get, AroundNow + "&customer=initech&status=submitted"), "changes", "changeId").ToList();

        Assert.Contains(submitted, onlySubmitted);
        Assert.DoesNotContain(draft, onlySubmitted);
    }

    [Theory]
    [InlineData("&customer=globex", HttpStatusCode.Forbidden, null)]
    [InlineData("&status=done", HttpStatusCode.BadRequest, "status")]
    public async Task Another_customer_is_403_and_a_bad_status_400_naming_it(string extra, HttpStatusCode expected, string? field)
    {
        using var response = await fixture.SendAsync(AcmeViewer, HttpMethod.Get, AroundNow + extra);

        Assert.Equal(expected, response.StatusCode);
        if (field is not null) Assert.NotNull((await ApiHost.ReadAsync(response, expected))["errors"]![field]);
    }

    [Fact]
    public async Task A_range_over_62_days_or_without_from_is_400_naming_the_parameter()
    {
        var from = DateTimeOffset.Parse("2027-01-01T00:00:00Z", CultureInfo.InvariantCulture);
        using var tooLong = await fixture.SendAsync(Viewer, HttpMethod.Get, Range(from, from.AddDays(63)));
        using var noFrom = await fixture.SendAsync(Viewer, HttpMethod.Get, "/api/calendar?to=2027-01-01T00:00:00Z");

        Assert.NotNull((await ApiHost.ReadAsync(tooLong, HttpStatusCode.BadRequest))["errors"]!["to"]);
        Assert.NotNull((await ApiHost.ReadAsync(noFrom, HttpStatusCode.BadRequest))["errors"]!["from"]);
    }
}
