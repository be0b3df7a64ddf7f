using System.Diagnostics;
using System.Text.Json;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Rendering;
using ChangeMgmt.Local;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChangeMgmt.Bench;

/// <summary>
/// The delivery engine in-process against the local SES adapter: one change submitted for every
/// customer, every customer's queue drained in parallel, each account enforcing the send rate as SES does.
/// </summary>
internal static class DeliveryBenchmark
{
    public static async Task<int> RunAsync(DeliveryBenchmarkOptions options)
    {
        var dataDir = Directory.CreateTempSubdirectory("changemgmt-bench-").FullName;
        try
        {
            var config = BenchmarkWorld.Config(options.Customers);
            using var adapters = new LocalAdapters(dataDir, "changemgmt-bench", new LocalAdapterOptions { WriteEmlFiles = options.WriteEml });
            await BenchmarkWorld.SeedAsync(adapters, config, options.Contacts, options.Rate);

            var time = TimeProvider.System;
            var counters = new DeliveryCounters();
            var notifier = new ChangeNotifier(config, adapters.SesAccounts, adapters.Ledger, adapters.Objects,
                new NotificationRenderer(config.Email, new TemplateLibrary(null), time), new SendPacers(adapters.Ledger, time), counters,
                NullLogger<ChangeNotifier>.Instance, time);
            var processor = new ChangeMessageProcessor(config, adapters.Objects, notifier, NullLogger<ChangeMessageProcessor>.Instance);
            var worker = new QueueWorker(adapters.Queue, adapters.DeadLetters, processor, NullLogger<QueueWorker>.Instance, time);
            var changes = new ChangeService(adapters.Objects, config.Config, time);

            await SubmitAsync(changes, [BenchmarkWorld.WarmUpCustomer]);
            await worker.DrainAsync(BenchmarkWorld.WarmUpCustomer, DeliveryOptions.Send, CancellationToken.None);
            var warmUp = new WarmUp(
                await adapters.Outbox.CountAsync(null, null, CancellationToken.None),
                await adapters.Outbox.CountDistinctRecipientsAsync(CancellationToken.None),
                counters.Throttled);
            await SubmitAsync(changes, [.. BenchmarkWorld.MeasuredCustomers(config)]);

            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var drained = await Task.WhenAll(BenchmarkWorld.MeasuredCustomers(config).Select(code => worker.DrainAsync(code, DeliveryOptions.Send, CancellationToken.None)));
            var seconds = clock.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;

            var result = await MeasureAsync(adapters, options, seconds, cpuSeconds, counters, drained.Sum(), warmUp);
            Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            return result.Lost == 0 && result.Duplicates == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task<DeliveryBenchmarkResult> MeasureAsync(
        LocalAdapters adapters, DeliveryBenchmarkOptions options, double seconds, double cpuSeconds, DeliveryCounters counters, int messages, WarmUp warmUp)
    {
        var sent = await adapters.Outbox.CountAsync(null, null, CancellationToken.None) - warmUp.Sent;
        var distinct = await adapters.Outbox.CountDistinctRecipientsAsync(CancellationToken.None) - warmUp.Distinct;
        var expected = options.Customers * options.Contacts;
        return new DeliveryBenchmarkResult(
            Customers: options.Customers,
            ContactsPerCustomer: options.Contacts,
            RatePerAccount: options.Rate,
            Messages: messages,
            Sent: sent,
            Seconds: Math.Round(seconds, 3),
            CpuSeconds: Math.Round(cpuSeconds, 3),
            Cores: Environment.ProcessorCount,
            RateRatio: Math.Round(sent / seconds / (options.Customers * options.Rate), 4),
            Throttled: counters.Throttled - warmUp.Throttled,
            Duplicates: sent - distinct,
            Lost: expected - distinct);
    }

    private static async Task SubmitAsync(ChangeService changes, List<string> customers)
    {
        var change = await changes.CreateAsync(BenchChange(customers), "bench", CancellationToken.None);
        await changes.ApplyAsync(change.ChangeId, ChangeAction.Submit, "bench", null, CancellationToken.None);
    }

    public static Change BenchChange(List<string> customers) => new()
    {
        ChangeTitle = "Benchmark change",
        Customers = customers,
        ChangeReason = "Measure delivery throughput.",
        ImplementationPlan = "Send.",
        TestPlan = "Count.",
        CustomerImpact = "None.",
        RollbackPlan = "None.",
        ImplementationStart = new DateTimeOffset(2026, 12, 3, 22, 0, 0, TimeSpan.FromHours(-5)),
        ImplementationEnd = new DateTimeOffset(2026, 12, 3, 23, 30, 0, TimeSpan.FromHours(-5)),
        Timezone = "America/New_York",
    };
}

internal sealed record DeliveryBenchmarkResult(
    int Customers, int ContactsPerCustomer, double RatePerAccount, int Messages,
    int Sent, double Seconds, double CpuSeconds, int Cores, double RateRatio, long Throttled, int Duplicates, int Lost);

/// <summary>What the warm-up delivery left in the outbox and counters, taken off the measured figures.</summary>
internal sealed record WarmUp(int Sent, int Distinct, long Throttled);
