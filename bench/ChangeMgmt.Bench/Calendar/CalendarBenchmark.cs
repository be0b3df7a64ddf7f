using System.Diagnostics;
using System.Text.Json;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Calendar;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Freezes;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;

namespace ChangeMgmt.Bench.Calendar;

/// <summary>
/// The calendar query (GET /api/calendar's <see cref="CalendarService"/>) for one month over a local store holding N
/// changes spread over M months and the customers, announcements with events and a few freezes (some recurring). The
/// change index is compacted first, as readers keep it in steady state; the announcement index is not (it never is).
/// </summary>
internal static class CalendarBenchmark
{
    private static readonly DateTimeOffset FirstMonth = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(CalendarBenchmarkOptions options)
    {
        var dataDir = Directory.CreateTempSubdirectory("changemgmt-bench-").FullName;
        try
        {
            var config = BenchmarkWorld.Config(options.Customers);
            using var adapters = new LocalAdapters(dataDir, "changemgmt-bench");
            var store = new CountingObjectStore(adapters.Objects);
            var changes = new ObjectStoreChangeIndex(store);
            var freezes = new FreezeService(store, config.Config, TimeProvider.System);
            var customers = BenchmarkWorld.MeasuredCustomers(config).ToList();
            var clock = Stopwatch.StartNew();
            await CalendarSeed.SeedAsync(changes, new AnnouncementIndex(store), freezes, customers, options, FirstMonth);
            var seedSeconds = clock.Elapsed.TotalSeconds;

            var calendar = new CalendarService(changes, new AnnouncementIndex(store), freezes);
            var month = FirstMonth.AddMonths(options.Months / 2);
            var all = await MeasureAsync(calendar, store, new CalendarQuery(month, month.AddMonths(1)), options.Runs);
            var one = await MeasureAsync(calendar, store, new CalendarQuery(month, month.AddMonths(1), Customer: customers[0]), options.Runs);
            var indexObjects = await store.ListAllKeysAsync(ObjectStoreChangeIndex.Prefix, CancellationToken.None).CountAsync();

            var result = new CalendarBenchmarkResult(options.Changes, customers.Count, options.Announcements, CalendarSeed.Freezes, month.ToString("yyyy-MM"),
                Math.Round(seedSeconds, 2), indexObjects, options.Runs, all, one);
            Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            return all.ChangesShown > 0 && all.P95Ms < 1000 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>Runs the query (after two warm-up runs) and times each; the store's reads are those of one run.</summary>
    private static async Task<CalendarTimings> MeasureAsync(CalendarService calendar, CountingObjectStore store, CalendarQuery query, int runs)
    {
        var (t, view) = await QueryTimings.MeasureAsync(store, runs, () => calendar.QueryAsync(query, CancellationToken.None));
        return new(t.P50Ms, t.P95Ms, t.MaxMs, view.Changes.Count, view.Announcements.Count, view.Freezes.Count, t.ObjectsRead, t.ListPages);
    }
}
