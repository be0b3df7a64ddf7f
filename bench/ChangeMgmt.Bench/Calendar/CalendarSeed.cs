using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Freezes;

namespace ChangeMgmt.Bench.Calendar;

/// <summary>
/// The benchmark's data, the same every run (seeded random): changes of one to three customers, mostly a few hours long
/// and one in twenty over several days, announcements with an event, and freezes — global and per customer, some weekly.
/// </summary>
internal static class CalendarSeed
{
    public const int Freezes = 6;

    private static readonly ChangeStatus[] Statuses = [ChangeStatus.Draft, ChangeStatus.Submitted, ChangeStatus.Approved, ChangeStatus.Approved, ChangeStatus.Completed, ChangeStatus.Completed, ChangeStatus.Cancelled];

    public static async Task SeedAsync(ObjectStoreChangeIndex changes, AnnouncementIndex announcements, FreezeService freezes, IReadOnlyList<string> customers,
        CalendarBenchmarkOptions options, DateTimeOffset first)
    {
        var random = new Random(42);
        var hours = (int)(first.AddMonths(options.Months) - first).TotalHours;
        var summaries = Enumerable.Range(0, options.Changes).Select(i => Change(i, random, customers, first.AddHours(random.Next(hours)))).ToList();
        await Parallel.ForEachAsync(summaries, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (s, ct) => await changes.UpsertAsync(s, ct));
        await changes.CompactAsync(CancellationToken.None);
        var events = Enumerable.Range(0, options.Announcements).Select(i => Announcement(i, random, customers, first.AddHours(random.Next(hours)))).ToList();
        await Parallel.ForEachAsync(events, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (a, ct) => await announcements.UpsertAsync(a, ct));
        foreach (var freeze in FreezeSet(customers, first)) await freezes.AddAsync(freeze, "bench", CancellationToken.None);
    }

    private static ChangeSummary Change(int i, Random random, IReadOnlyList<string> customers, DateTimeOffset start)
    {
        var length = random.Next(20) == 0 ? TimeSpan.FromHours(24 + random.Next(48)) : TimeSpan.FromMinutes(30 + random.Next(8) * 30);
        return new($"CHG-{start:yyyyMMdd}-{i:D6}", $"Change {i}", Statuses[random.Next(Statuses.Length)], 1, Pick(random, customers),
            start.AddDays(-7), "bench", start.AddDays(-7), start, start + length, null, null, Timezone: "Europe/London");
    }

    private static AnnouncementSummary Announcement(int i, Random random, IReadOnlyList<string> customers, DateTimeOffset start) =>
        new($"ANN-{start:yyyyMMdd}-{i:D6}", "general", $"Event {i}", "Summary", AnnouncementStatus.Approved, Pick(random, customers), 1,
            start.AddDays(-14), "bench", start.AddDays(-14), null, false, start, start.AddHours(1), "America/New_York");

    /// <summary>One to three distinct customers.</summary>
    internal static List<string> Pick(Random random, IReadOnlyList<string> customers) =>
        [.. Enumerable.Range(0, 1 + random.Next(3)).Select(_ => customers[random.Next(customers.Count)]).Distinct()];

    private static IEnumerable<ChangeFreeze> FreezeSet(IReadOnlyList<string> customers, DateTimeOffset first) =>
    [
        Freeze("Year end", [], first.AddMonths(11).AddDays(20), TimeSpan.FromDays(12), "FREQ=YEARLY"),
        Freeze("Friday nights", [], first.AddDays(2).AddHours(22), TimeSpan.FromHours(8), "FREQ=WEEKLY;BYDAY=FR"),
        Freeze("Month-end close", [customers[0]], first.AddDays(27), TimeSpan.FromDays(3), "FREQ=MONTHLY;BYMONTHDAY=28"),
        Freeze("Audit", [customers[1], customers[2]], first.AddMonths(14), TimeSpan.FromDays(10), null),
        Freeze("Migration", [customers[3]], first.AddMonths(15), TimeSpan.FromDays(2), null),
        Freeze("Payroll", [customers[4]], first.AddDays(14), TimeSpan.FromHours(12), "FREQ=MONTHLY;BYMONTHDAY=15"),
    ];

    private static ChangeFreeze Freeze(string name, List<string> customers, DateTimeOffset start, TimeSpan length, string? rule) => new()
    {
        Name = name, Reason = "Benchmark", Customers = customers, Start = start, End = start + length, Timezone = "Europe/London", Recurrence = rule,
    };
}
