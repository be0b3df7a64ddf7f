using System.Text.Json;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Tests.Changes;

/// <summary>ChangeValidator's field limits and time zone rule (one list for the API and the cmdlets).</summary>
public sealed class ChangeLimitsTests
{
    private static readonly ChangeMgmtConfig Config = new()
    {
        CustomerMappings = new(StringComparer.Ordinal) { ["acme"] = new() { CustomerCode = "acme", CustomerName = "Acme Corp" } },
    };

    private static IReadOnlyList<FieldError> Errors(Change change) => ChangeValidator.Validate(change, Config, complete: false);

    private static Change Draft() => new() { ChangeTitle = "Patch", Customers = ["acme"], Timezone = "America/New_York" };

    [Fact]
    public void Each_text_field_has_its_limit_and_the_error_names_it()
    {
        Assert.Empty(Errors(Draft() with { ChangeTitle = new string('t', ChangeLimits.Title), ImplementationPlan = new string('p', ChangeLimits.LongText) }));

        var errors = Errors(Draft() with
        {
            ChangeTitle = new string('t', 201),
            SnowTicket = new string('s', 101),
            ImplementationPlan = new string('p', 20_001),
            RollbackPlan = new string('r', 20_001),
        });

        Assert.Equal(["changeTitle", "snowTicket", "implementationPlan", "rollbackPlan"], errors.Select(e => e.Field));
        Assert.Equal("At most 200 characters; this one has 201.", errors[0].Message);
    }

    [Fact]
    public void Too_many_customers_is_one_error_not_one_per_customer()
    {
        var errors = Errors(Draft() with { Customers = [.. Enumerable.Range(0, 5_000).Select(i => $"c{i}")] });

        Assert.Equal("customers", Assert.Single(errors).Field);
    }

    [Fact]
    public void Unknown_fields_are_kept_up_to_a_size_and_the_largest_is_named()
    {
        JsonElement Text(int length) => JsonSerializer.SerializeToElement(new string('x', length));
        var small = new Dictionary<string, JsonElement> { ["object_type"] = Text(6) };
        var large = new Dictionary<string, JsonElement> { ["object_type"] = Text(6), ["blob"] = Text(ChangeLimits.UnknownFieldsBytes) };

        Assert.Empty(Errors(Draft() with { Extra = small }));
        Assert.Equal("blob", Assert.Single(Errors(Draft() with { Extra = large })).Field);
    }

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Europe/London")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Etc/GMT+5")]
    [InlineData("UTC")]
    public void Iana_zones_are_accepted(string zone) => Assert.Empty(Errors(Draft() with { Timezone = zone }));

    [Theory]
    [InlineData("EST")]
    [InlineData("posix/America/New_York")]
    [InlineData("Mars/Olympus")]
    public void Abbreviations_and_unknown_names_are_refused_with_an_example(string zone)
    {
        var error = Assert.Single(Errors(Draft() with { Timezone = zone }));

        Assert.Equal("timezone", error.Field);
        Assert.Contains("America/New_York", error.Message);
    }

    [Theory]
    [InlineData("PST", "America/Los_Angeles")]
    [InlineData("PST8PDT", "America/Los_Angeles")]
    [InlineData("mst", "America/Denver")]
    [InlineData("EST5EDT", "America/New_York")]
    [InlineData("CST6CDT", "America/Chicago")]
    [InlineData("GMT", "UTC")]
    public void A_legacy_abbreviation_is_refused_naming_the_places_zone_it_stands_for(string zone, string place)
    {
        var error = Assert.Single(Errors(Draft() with { Timezone = zone }));

        Assert.Equal("timezone", error.Field);
        Assert.Contains($"use {place}", error.Message);
    }

    [Fact]
    public void A_windows_zone_name_is_refused_naming_its_iana_name_where_icu_knows_it()
    {
        var error = Assert.Single(Errors(Draft() with { Timezone = "Eastern Standard Time" }));

        Assert.Equal("timezone", error.Field);
        Assert.Contains("America/New_York", error.Message);
    }
}
