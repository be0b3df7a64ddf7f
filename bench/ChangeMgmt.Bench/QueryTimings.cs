using ChangeMgmt.Bench.Calendar;

namespace ChangeMgmt.Bench;

/// <summary>A query's time over the runs (p50, p95, max in milliseconds) and its cost in store requests in one run (objects read, objects written, list pages).</summary>
internal sealed record QueryTimings(double P50Ms, double P95Ms, double MaxMs, long ObjectsRead, long ObjectsWritten, long ListPages)
{
    /// <summary>Runs the query twice to warm up, once more counting the store's requests, then times <paramref name="runs"/> runs.</summary>
    public static async Task<(QueryTimings Timings, T Result)> MeasureAsync<T>(CountingObjectStore store, int runs, Func<Task<T>> query)
    {
        for (var i = 0; i < 2; i++) await query();
        var (gets, puts, lists) = (store.Gets, store.Puts, store.Lists);
        var result = await query();
        var (read, written, listed) = (store.Gets - gets, store.Puts - puts, store.Lists - lists);
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await query();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (new(Percentile(times, 0.50), Percentile(times, 0.95), Math.Round(times[^1], 1), read, written, listed), result);
    }

    private static double Percentile(List<double> sorted, double p) => Math.Round(sorted[(int)Math.Ceiling(p * sorted.Count) - 1], 1);
}
