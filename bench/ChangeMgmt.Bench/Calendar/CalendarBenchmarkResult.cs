namespace ChangeMgmt.Bench.Calendar;

/// <summary>
/// One run: the month queried, what it held, and the query's time (p50, p95, max over the runs) and cost in store
/// requests (objects read, list pages) — for everyone's calendar and for one customer's.
/// </summary>
internal sealed record CalendarBenchmarkResult(
    int Changes,
    int Customers,
    int Announcements,
    int Freezes,
    string Month,
    double SeedSeconds,
    int IndexObjects,
    int Runs,
    CalendarTimings All,
    CalendarTimings OneCustomer);

/// <summary>Times in milliseconds; entries: changes, announcement events and freeze occurrences returned.</summary>
internal sealed record CalendarTimings(double P50Ms, double P95Ms, double MaxMs, int ChangesShown, int EventsShown, int FreezeOccurrences, long ObjectsRead, long ListPages);
