namespace ChangeMgmt.Bench.Search;

/// <summary>
/// One run: the history seeded (changes, index objects after compaction, index entries written), the machine's load
/// average when it started, and each query's time and cost.
/// </summary>
internal sealed record SearchBenchmarkResult(
    int Changes,
    int Customers,
    int Years,
    int EntriesWritten,
    double SeedSeconds,
    int IndexObjects,
    string LoadAverage,
    int Runs,
    IReadOnlyList<SearchMeasurement> Queries);

/// <summary>A query (or a write) by name, how many changes it answered (a page's, the export's; 1 for a write) and what it cost.</summary>
internal sealed record SearchMeasurement(string Query, int Items, QueryTimings Time);
