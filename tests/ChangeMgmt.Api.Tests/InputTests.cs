using System.Net;
using System.Text;

namespace ChangeMgmt.Api.Tests;

/// <summary>Bad input at the API: body and field sizes, times without an offset, time zone names.</summary>
public sealed class InputTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHost host = fixture.Host;

    [Fact]
    public async Task A_body_over_the_limit_is_413_whether_its_length_is_stated_or_not()
    {
        var body = Changes.Complete("Huge", "acme");
        body["implementationPlan"] = new string('x', 10 * 1024 * 1024);
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        using var stated = new ByteArrayContent(bytes);
        stated.Headers.ContentType = new("application/json");
        var before = (await host.GetJsonAsync("/api/changes?q=Huge"))["items"]!.AsArray().Count;

        using var withLength = await host.Http.PostAsync("/api/changes", stated);
        var chunked = await host.PostJsonAsync("/api/changes", body, HttpStatusCode.RequestEntityTooLarge);

        var problem = await ApiHost.ReadAsync(withLength, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(413, (int)problem["status"]!);
        Assert.Equal(1024 * 1024, (int)problem["maxBytes"]!);
        Assert.Equal(413, (int)chunked["status"]!);
        Assert.Equal(before, (await host.GetJsonAsync("/api/changes?q=Huge"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_field_over_its_limit_is_400_naming_the_field()
    {
        var body = Changes.Complete(new string('t', 201), "acme");
        body["rollbackPlan"] = new string('r', 20_001);

        var problem = await host.PostJsonAsync("/api/changes", body, HttpStatusCode.BadRequest);

        Assert.Equal(["At most 200 characters; this one has 201."], ProblemTests.Errors(problem, "changeTitle"));
        Assert.Single(ProblemTests.Errors(problem, "rollbackPlan"));
    }

    [Fact]
    public async Task A_change_at_every_limit_fits_the_body_even_with_every_character_escaped()
    {
        var body = Changes.Complete(new string('€', 200), "acme");
        foreach (var field in new[] { "changeReason", "implementationPlan", "testPlan", "customerImpact", "rollbackPlan" })
            body[field] = new string('€', 20_000);

        var created = await host.PostJsonAsync("/api/changes", body, HttpStatusCode.Created);

        Assert.Equal(20_000, ((string)created["implementationPlan"]!).Length);
    }

    [Fact]
    public async Task A_time_without_offset_is_read_in_the_changes_timezone()
    {
        var body = Changes.Complete("Wall clock", "acme");
        body["implementationStart"] = "2026-12-10T22:00:00";
        body["implementationEnd"] = "2026-12-10T23:30:00";
        body["timezone"] = "America/New_York";

        var created = await host.PostJsonAsync("/api/changes", body, HttpStatusCode.Created);

        Assert.Equal(new DateTimeOffset(2026, 12, 11, 3, 0, 0, TimeSpan.Zero), DateTimeOffset.Parse((string)created["implementationStart"]!));
        Assert.EndsWith("-05:00", (string)created["implementationEnd"]!);
    }

    [Fact]
    public async Task An_iana_alias_is_stored_as_its_canonical_name()
    {
        var body = Changes.Complete("Alias", "acme");
        body["timezone"] = "US/Eastern";

        var created = await host.PostJsonAsync("/api/changes", body, HttpStatusCode.Created);

        Assert.Equal("America/New_York", (string)created["timezone"]!);
    }

    [Fact]
    public async Task A_property_given_twice_is_400()
    {
        using var content = new StringContent("""{"changeTitle":"Twice","timezone":"UTC","timezone":"Asia/Tokyo"}""", Encoding.UTF8, "application/json");

        using var response = await host.Http.PostAsync("/api/changes", content);

        Assert.Contains("more than once", ProblemTests.Errors(await ApiHost.ReadAsync(response, HttpStatusCode.BadRequest), "body")[0]);
    }

    [Fact]
    public async Task A_time_without_offset_and_no_timezone_is_400_naming_the_field()
    {
        var body = Changes.Complete("No zone", "acme");
        body["implementationStart"] = "2026-12-10T22:00:00";
        body.Remove("timezone");

        var problem = await host.PostJsonAsync("/api/changes", body, HttpStatusCode.BadRequest);

        Assert.Contains("no UTC offset", Assert.Single(ProblemTests.Errors(problem, "implementationStart")));
    }

    [Theory]
    [InlineData("EST")]
    [InlineData("Eastern Standard Time")]
    public async Task A_zone_that_is_not_canonical_iana_is_400_with_an_example(string zone)
    {
        var body = Changes.Complete("Zone", "acme");
        body["timezone"] = zone;

        var problem = await host.PostJsonAsync("/api/changes", body, HttpStatusCode.BadRequest);

        Assert.Contains("America/New_York", Assert.Single(ProblemTests.Errors(problem, "timezone")));
    }

    [Theory]
    [InlineData("PST", "America/Los_Angeles")]
    [InlineData("MST7MDT", "America/Denver")]
    [InlineData("EST5EDT", "America/New_York")]
    public async Task A_legacy_zone_abbreviation_is_400_naming_the_field_and_the_zone_to_use(string zone, string place)
    {
        var body = Changes.Complete("Legacy zone", "acme");
        body["timezone"] = zone;
        var before = (await host.GetJsonAsync("/api/changes?q=Legacy%20zone"))["items"]!.AsArray().Count;

        var problem = await host.PostJsonAsync("/api/changes", body, HttpStatusCode.BadRequest);

        Assert.Contains($"use {place}", Assert.Single(ProblemTests.Errors(problem, "timezone")));
        Assert.Equal(before, (await host.GetJsonAsync("/api/changes?q=Legacy%20zone"))["items"]!.AsArray().Count);
    }
}
