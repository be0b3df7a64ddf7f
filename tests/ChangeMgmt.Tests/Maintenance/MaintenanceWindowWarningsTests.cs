using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Tests.Maintenance;

public sealed class MaintenanceWindowWarningsTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private static readonly MaintenanceWindowConfig Nightly = new() { Name = "nightly", Start = "22:00", End = "04:00", Timezone = "Europe/London" };
    private static readonly MaintenanceWindowConfig Weekend = new() { Name = "weekend", Start = "22:00", End = "04:00", Timezone = "Europe/London", Rrule = "FREQ=WEEKLY;BYDAY=SA,SU" };

    private static ChangeMgmtConfig Config(params MaintenanceWindowConfig[] acmeWindows) => new()
    {
        CustomerMappings = new(StringComparer.Ordinal)
        {
            ["acme"] = new() { CustomerCode = "acme", MaintenanceWindows = [.. acmeWindows] },
            ["globex"] = new() { CustomerCode = "globex" },
        },
    };

    private static async Task<IReadOnlyList<ChangeWarning>> CheckAsync(ChangeMgmtConfig config, DateTimeOffset start, DateTimeOffset end, params string[] customers) =>
        await new MaintenanceWindowWarnings(config).CheckAsync(
            new Change { Customers = customers.Length == 0 ? ["acme"] : [.. customers], ImplementationStart = start, ImplementationEnd = end }, CancellationToken.None);

    [Fact]
    public async Task A_window_inside_a_nightly_window_across_midnight_is_no_warning()
    {
        Assert.Empty(await CheckAsync(Config(Nightly), Utc(2027, 1, 12, 23), Utc(2027, 1, 13, 1)));
        Assert.Empty(await CheckAsync(Config(Nightly), Utc(2027, 1, 12, 22), Utc(2027, 1, 13, 4)));
    }

    [Fact]
    public async Task A_window_crossing_the_end_is_a_maintenance_warning_naming_the_customer_and_its_windows()
    {
        var warning = Assert.Single(await CheckAsync(Config(Nightly), Utc(2027, 1, 13, 3, 30), Utc(2027, 1, 13, 4, 30)));

        Assert.Equal(("maintenance", "implementationStart", "acme", null), (warning.Code, warning.Field, warning.CustomerCode, warning.ChangeId));
        Assert.Equal("acme allows changes daily 22:00–04:00 Europe/London ('nightly'); this window 2027-01-13 03:30–04:30 UTC is outside them.", warning.Message);
    }

    [Fact]
    public async Task A_weekend_window_crossing_midnight_allows_saturday_and_sunday_nights_only()
    {
        // 16 January 2027 is a Saturday.
        Assert.Empty(await CheckAsync(Config(Weekend), Utc(2027, 1, 16, 23), Utc(2027, 1, 17, 3)));
        Assert.Empty(await CheckAsync(Config(Weekend), Utc(2027, 1, 17, 23), Utc(2027, 1, 18, 3)));
        var friday = Assert.Single(await CheckAsync(Config(Weekend), Utc(2027, 1, 15, 23), Utc(2027, 1, 16, 1)));
        Assert.StartsWith("acme allows changes Sat–Sun 22:00–04:00 Europe/London ('weekend'); this window", friday.Message);
        Assert.Contains("2027-01-15 23:00–2027-01-16 01:00 UTC", friday.Message);
    }

    [Fact]
    public async Task Across_the_start_of_summer_time_the_window_keeps_its_London_clock_times()
    {
        // Clocks go forward at 01:00 UTC on 28 March 2027: that night is 22:00 UTC to 03:00 UTC; the next opens at 21:00 UTC.
        Assert.Empty(await CheckAsync(Config(Nightly), Utc(2027, 3, 28, 2), Utc(2027, 3, 28, 3)));
        Assert.Single(await CheckAsync(Config(Nightly), Utc(2027, 3, 28, 2, 30), Utc(2027, 3, 28, 3, 30)));
        Assert.Empty(await CheckAsync(Config(Nightly), Utc(2027, 3, 28, 21), Utc(2027, 3, 28, 22)));
        Assert.Single(await CheckAsync(Config(Nightly), Utc(2027, 3, 27, 21), Utc(2027, 3, 27, 22)));
    }

    [Fact]
    public async Task Inside_any_one_of_several_windows_is_enough_and_a_window_spanning_two_occurrences_is_not()
    {
        var morning = new MaintenanceWindowConfig { Start = "06:00", End = "08:00", Timezone = "UTC" };
        Assert.Empty(await CheckAsync(Config(Nightly, morning), Utc(2027, 1, 13, 6, 30), Utc(2027, 1, 13, 7, 30)));
        Assert.Single(await CheckAsync(Config(Nightly), Utc(2027, 1, 12, 23), Utc(2027, 1, 13, 23)));
    }

    [Fact]
    public async Task A_customer_without_windows_is_no_warning()
    {
        Assert.Empty(await CheckAsync(Config(Nightly), Utc(2027, 1, 13, 12), Utc(2027, 1, 13, 13), "globex"));
        Assert.Equal(["acme"], (await CheckAsync(Config(Nightly), Utc(2027, 1, 13, 12), Utc(2027, 1, 13, 13), "acme", "globex")).Select(w => w.CustomerCode));
        Assert.Empty(await CheckAsync(Config(), Utc(2027, 1, 13, 12), Utc(2027, 1, 13, 13)));
    }

    [Theory]
    [InlineData(null, "daily")]
    [InlineData("FREQ=DAILY", "daily")]
    [InlineData("FREQ=WEEKLY;BYDAY=SA,SU", "Sat–Sun")]
    [InlineData("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "Mon–Fri")]
    [InlineData("FREQ=WEEKLY;BYDAY=WE,MO", "Mon, Wed")]
    [InlineData("FREQ=MONTHLY;BYDAY=1SA", "FREQ=MONTHLY;BYDAY=1SA")]
    [InlineData("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA")]
    public void A_plain_weekly_rule_reads_as_days_and_any_other_as_written(string? rule, string shown) =>
        Assert.StartsWith(shown + " 22:00–04:00 Europe/London", (Nightly with { Rrule = rule, Name = null }).Describe());
}
