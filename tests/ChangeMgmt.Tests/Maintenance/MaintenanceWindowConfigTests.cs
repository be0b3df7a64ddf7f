using System.Text.Json;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Tests.Maintenance;

public sealed class MaintenanceWindowConfigTests
{
    private static IReadOnlyList<ConfigProblem> Validate(string windows) =>
        ConfigValidator.Validate(JsonSerializer.Deserialize<ChangeMgmtConfig>(
            """{"email_config":{"sender_address":"changes@msp.example"},"customer_mappings":{"acme":{"customer_code":"acme","maintenance_windows":"""
            + windows + "}}}")!, "config.json");

    [Fact]
    public void A_valid_window_is_read_and_no_problem()
    {
        var config = JsonSerializer.Deserialize<ChangeMgmtConfig>("""
            {"customer_mappings":{"acme":{"customer_code":"acme","maintenance_windows":[
              {"name":"weekend","start":"22:00","end":"04:00","timezone":"Europe/London","rrule":"FREQ=WEEKLY;BYDAY=SA,SU"}]}}}
            """)!;
        var window = Assert.Single(config.FindCustomer("acme")!.MaintenanceWindows!);

        Assert.Equal(("weekend", "22:00", "04:00", "Europe/London", "FREQ=WEEKLY;BYDAY=SA,SU"), (window.Name, window.Start, window.End, window.Timezone, window.Rrule));
        Assert.Empty(Validate("""[{"name":"weekend","start":"22:00","end":"04:00","timezone":"Europe/London","rrule":"FREQ=WEEKLY;BYDAY=SA,SU"},{"start":"06:00","end":"08:00","timezone":"UTC"}]"""));
    }

    [Fact]
    public void Bad_times_zone_and_rule_are_problems_naming_the_field_and_the_fix()
    {
        var problems = Validate("""[{"start":"06:00","end":"08:00","timezone":"UTC"},{"start":"25:00","end":"4pm","timezone":"Mars/Olympus","rrule":"FREQ=SOMETIMES"}]""");

        Assert.Equal(
            ["customer_mappings.acme.maintenance_windows[1].start", "customer_mappings.acme.maintenance_windows[1].end",
             "customer_mappings.acme.maintenance_windows[1].timezone", "customer_mappings.acme.maintenance_windows[1].rrule"],
            problems.Select(p => p.Path));
        Assert.Contains("HH:mm", problems[0].Message);
        Assert.Contains("22:00", problems[0].Fix);
        Assert.Contains("Mars/Olympus", problems[2].Message);
        Assert.Contains(ChangeMgmt.Core.Changes.IanaZones.Example, problems[2].Fix);
        Assert.Contains("FREQ=WEEKLY;BYDAY=SA,SU", problems[3].Fix);
    }

    [Fact]
    public void An_equal_start_and_end_a_missing_zone_or_a_rule_that_never_occurs_is_a_problem()
    {
        Assert.Equal(
            ["customer_mappings.acme.maintenance_windows[0].end", "customer_mappings.acme.maintenance_windows[0].timezone",
             "customer_mappings.acme.maintenance_windows[1].timezone", "customer_mappings.acme.maintenance_windows[2].rrule"],
            Validate("""[{"start":"22:00","end":"22:00"},{"start":"22:00","end":"04:00","timezone":"EST"},{"start":"22:00","end":"04:00","timezone":"UTC","rrule":"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"}]""")
                .Select(p => p.Path));
    }

    [Fact]
    public void The_example_and_shared_fixture_configs_without_maintenance_windows_load_unchanged()
    {
        foreach (var path in new[] { Path.Combine(SharedFixtures.RepositoryRoot(), "examples", "config.json"), SharedFixtures.PathOf("config.json") })
        {
            var config = ConfigLoader.Load(path).Config;
            Assert.NotEmpty(config.CustomerMappings);
            Assert.All(config.Customers, c => Assert.Null(c.MaintenanceWindows));
        }
    }
}
