namespace ChangeMgmt.Bench.SesEvents;

/// <summary>
/// One run: events through <c>POST /events</c>'s handler per second, the process's peak memory, and the ledger writes per
/// event (at most one: each event names one recipient); the GC heap's peak is sampled after each batch. Outcomes: how many sends ended delivered, bounced, complained.
/// </summary>
internal sealed record SesEventsResult(
    int Events,
    int Customers,
    int BatchSize,
    double SeedSeconds,
    double Seconds,
    double EventsPerSecond,
    double CpuSeconds,
    long LedgerWrites,
    double LedgerWritesPerEvent,
    int BatchItemFailures,
    int DeadLetters,
    double PeakWorkingSetMb,
    double PeakGcHeapMb,
    double AllocatedKbPerEvent,
    Core.Ports.OutcomeCounts Outcomes);
