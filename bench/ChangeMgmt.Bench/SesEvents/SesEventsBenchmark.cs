using System.Diagnostics;
using System.Text.Json;
using ChangeMgmt.Core;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChangeMgmt.Bench.SesEvents;

/// <summary>
/// SES events through the delivery function's <c>POST /events</c> handler (the core services' SqsBatchHandler, as the server
/// wires it) over a real local SQLite ledger: N Sent records across the customers, then one event about each, in batches
/// from the <c>changemgmt-ses-events</c> queue, each batch's records in parallel as Lambda's event source hands them over.
/// </summary>
internal static class SesEventsBenchmark
{
    private const string SesEventsQueueArn = "arn:aws:sqs:us-east-1:100000000000:changemgmt-ses-events";

    public static async Task<int> RunAsync(SesEventsOptions options)
    {
        var dataDir = Directory.CreateTempSubdirectory("changemgmt-bench-").FullName;
        try
        {
            var config = BenchmarkWorld.Config(options.Customers);
            using var adapters = new LocalAdapters(dataDir, "changemgmt-bench");
            var customers = BenchmarkWorld.MeasuredCustomers(config).ToList();
            var seedSeconds = await SeedAsync(adapters.Ledger, customers, options.Events);

            var outcomes = new CountingOutcomes(adapters.Ledger);
            var services = new ChangeMgmtServices(config, LocalBackend.Over(config, adapters) with { Outcomes = outcomes }, TimeProvider.System, NullLoggerFactory.Instance);
            GC.Collect();
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var failures = 0;
            long peakHeap = 0;
            for (var first = 0; first < options.Events; first += options.BatchSize)
            {
                var batch = new SqsEvent([.. Enumerable.Range(first, Math.Min(options.BatchSize, options.Events - first)).Select(i => Record(customers, i))]);
                failures += (await services.BatchHandler.HandleAsync(batch, CancellationToken.None)).BatchItemFailures.Count;
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
            }
            var seconds = clock.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;

            var result = new SesEventsResult(options.Events, customers.Count, options.BatchSize, Math.Round(seedSeconds, 2), Math.Round(seconds, 2),
                Math.Round(options.Events / seconds), Math.Round(cpuSeconds, 2), outcomes.Writes, Math.Round((double)outcomes.Writes / options.Events, 3), failures,
                (await adapters.DeadLetters.ListAsync(null, CancellationToken.None)).Count,
                Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1), Math.Round(peakHeap / 1048576.0, 1),
                Math.Round(allocated / 1024.0 / options.Events, 1), await TotalAsync(adapters.Ledger, customers));
            Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            return failures == 0 && result.DeadLetters == 0 && result.LedgerWritesPerEvent <= 1 && result.Outcomes.Sent == options.Events ? 0 : 1;
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>The Sent records, written many at once so the local database's group commit batches them as the delivery's writes are.</summary>
    private static async Task<double> SeedAsync(IDeliveryLedger ledger, IReadOnlyList<string> customers, int sends)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, sends, new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (i, ct) => await ledger.MarkSentAsync(BenchEvents.Send(customers, i), BenchEvents.MessageId(i), ct));
        return clock.Elapsed.TotalSeconds;
    }

    private static SqsRecord Record(IReadOnlyList<string> customers, int i) => new()
    {
        MessageId = $"sqs-{i}", ReceiptHandle = $"h-{i}", Body = BenchEvents.Event(customers, i), EventSource = "aws:sqs",
        EventSourceArn = SesEventsQueueArn, AwsRegion = "us-east-1", Attributes = new() { ["ApproximateReceiveCount"] = "1" },
    };

    private static async Task<OutcomeCounts> TotalAsync(IDeliveryOutcomes outcomes, IEnumerable<string> customers)
    {
        var total = OutcomeCounts.None;
        foreach (var code in customers)
        {
            var c = (await outcomes.CountAsync(code, DateTimeOffset.UnixEpoch, 0, CancellationToken.None)).Since;
            total = new(total.Sent + c.Sent, total.Delivered + c.Delivered, total.BouncedPermanent + c.BouncedPermanent, total.BouncedTransient + c.BouncedTransient,
                total.Complained + c.Complained, total.Rejected + c.Rejected, total.Delayed + c.Delayed);
        }
        return total;
    }
}
