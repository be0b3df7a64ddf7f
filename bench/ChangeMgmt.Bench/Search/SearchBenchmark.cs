using System.Diagnostics;
using System.Text.Json;
using ChangeMgmt.Bench.Calendar;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;

namespace ChangeMgmt.Bench.Search;

/// <summary>
/// Years of changes in a local store, and what the API's list, search, CSV export and statistics cost over them through
/// <see cref="ChangeService"/> (the calls the endpoints make): the first page of the default list, of one customer's,
/// of a text search and of every sort both ways, the export of the default list, the statistics — and a write
/// (create, submit, approve), each timed and counted in store requests.
/// </summary>
internal static class SearchBenchmark
{
    private static readonly CancellationToken None = CancellationToken.None;

    public static async Task<int> RunAsync(SearchBenchmarkOptions options)
    {
        var dataDir = Directory.CreateTempSubdirectory("changemgmt-bench-").FullName;
        try
        {
            var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "unknown";
            var config = BenchmarkWorld.Config(options.Customers);
            using var adapters = new LocalAdapters(dataDir, "changemgmt-bench");
            var store = new CountingObjectStore(adapters.Objects);
            var customers = BenchmarkWorld.MeasuredCustomers(config).ToList();
            var clock = Stopwatch.StartNew();
            var entries = await SearchSeed.SeedAsync(new ObjectStoreChangeIndex(store), customers, options);
            var seedSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1);
            var indexObjects = await store.ListAllKeysAsync(ObjectStoreChangeIndex.Prefix, None).CountAsync();

            var service = new ChangeService(store, config.Config, TimeProvider.System);
            var measured = new List<SearchMeasurement>();
            foreach (var (name, query) in Queries(customers[0]))
                measured.Add(await PageAsync(store, options.Runs, name, () => service.ListAsync(query, null, None)));
            measured.Add(await MeasureAsync(store, options.Runs, "csv export", async () => await service.ListAllAsync(new ChangeQuery(), None).CountAsync()));
            measured.Add(await MeasureAsync(store, options.Runs, "stats", async () => (await service.StatsAsync(None)).ByStatus.Values.Sum()));
            measured.AddRange(await SearchWrites.MeasureAsync(service, store, customers[0], options.Runs));

            var result = new SearchBenchmarkResult(options.Changes, customers.Count, options.Years, entries, seedSeconds, indexObjects, load, options.Runs, measured);
            Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            return measured[0].Items > 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>The first pages measured: the default list, one customer's, a text search, then every sort both ways.</summary>
    private static IEnumerable<(string Name, ChangeQuery Query)> Queries(string customer) =>
        new[] { ("default list", new ChangeQuery()), ("customer", new ChangeQuery(Customer: customer)), ($"text '{SearchSeed.SearchedWord}'", new ChangeQuery(Text: SearchSeed.SearchedWord)) }
            .Concat(Enum.GetValues<ChangeSortField>().SelectMany(field => new[] { new ChangeSort(field, false), new ChangeSort(field, true) })
                .Select(sort => ($"sort {sort}", new ChangeQuery(Sort: sort))));

    private static Task<SearchMeasurement> PageAsync(CountingObjectStore store, int runs, string name, Func<Task<Page<ChangeSummary>>> page) =>
        MeasureAsync(store, runs, name, async () => (await page()).Items.Count);

    /// <summary>Times a query answering a number of changes; reports it on stderr as it goes.</summary>
    internal static async Task<SearchMeasurement> MeasureAsync(CountingObjectStore store, int runs, string name, Func<Task<int>> query)
    {
        var (time, items) = await QueryTimings.MeasureAsync(store, runs, query);
        Console.Error.WriteLine($"{name,-24} items {items,7}  p50 {time.P50Ms,8} ms  p95 {time.P95Ms,8} ms  max {time.MaxMs,8} ms  GETs {time.ObjectsRead,6}  PUTs {time.ObjectsWritten,4}  LISTs {time.ListPages,4}");
        return new(name, items, time);
    }
}
