using ChangeMgmt.Core.Feedback;
using System.Diagnostics;
using System.Text.Json;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Rendering;
using ChangeMgmt.Local;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChangeMgmt.Bench.LargeList;

/// <summary>
/// One change to one customer with a large contact list, delivered by simulated Lambda invocations of limited length
/// (<see cref="SimulatedFunction"/>, <c>--senders</c> instances sharing the account's rate through the ledger) over the
/// local adapters, whose SES account enforces the rate as SES does. Real time, or time-scaled with <c>--time-scale</c>.
/// </summary>
internal static class LargeListBenchmark
{
    private const string Customer = "c001";

    public static async Task<int> RunAsync(LargeListOptions options)
    {
        var dataDir = Directory.CreateTempSubdirectory("changemgmt-large-list-").FullName;
        try
        {
            var config = BenchmarkWorld.Config(1);
            using var adapters = new LocalAdapters(dataDir, "changemgmt-bench", new LocalAdapterOptions { WriteEmlFiles = false });
            await SeedAsync(adapters, config, options);
            var counters = new DeliveryCounters();
            var queueArn = config.Config.FindCustomer(Customer)!.SqsQueueArn!;
            var accounts = new PacedManagementAccounts(adapters.SesAccounts, options.ManagementRate * options.TimeScale);
            var functions = Enumerable.Range(0, options.Senders)
                .Select(_ => new SimulatedFunction(() => Handler(config, adapters, accounts, counters, options), adapters.Queue, Customer, queueArn, options, options.Scaled(120)))
                .ToList();
            bool Done() => adapters.Queue.CountAsync(Customer, CancellationToken.None).Result.Total == 0;
            // Give up well after four times the time the list needs at the account's rate.
            using var giveUp = new CancellationTokenSource(options.Scaled(4 * options.Contacts / options.Rate + 4 * options.VisibilitySeconds));

            var changeId = await SubmitAsync(new ChangeService(adapters.Objects, config.Config, TimeProvider.System));
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(functions.Select(f => Task.Run(() => f.RunAsync(Done, giveUp.Token))));
            var seconds = clock.Elapsed.TotalSeconds;

            var result = await MeasureAsync(adapters, options, changeId, seconds, functions, counters, giveUp.IsCancellationRequested);
            Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            return result.MetTarget ? 0 : 1;
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>One instance: its own pacers, which book the account's send time in the shared ledger as the delivery function's do.</summary>
    private static SqsBatchHandler Handler(LoadedConfig config, LocalAdapters adapters, ISesAccountProvider accounts, DeliveryCounters counters, LargeListOptions options)
    {
        var time = TimeProvider.System;
        var notifier = new ChangeNotifier(config, accounts, adapters.Ledger, adapters.Objects, new NotificationRenderer(config.Email, new TemplateLibrary(null), time),
            new SendPacers(adapters.Ledger, time, options.Scaled(SendPacers.DefaultWindow.TotalSeconds)), counters, NullLogger<ChangeNotifier>.Instance, time);
        var processor = new ChangeMessageProcessor(config, adapters.Objects, notifier, NullLogger<ChangeMessageProcessor>.Instance);
        return new SqsBatchHandler(config, processor, new FeedbackProcessor(adapters.Ledger, NullLogger<FeedbackProcessor>.Instance), adapters.DeadLetters, adapters.Queue, NullLogger<SqsBatchHandler>.Instance, time);
    }

    private static async Task SeedAsync(LocalAdapters adapters, LoadedConfig config, LargeListOptions options)
    {
        var account = adapters.SesAccounts.ForCustomer(Customer);
        var topics = config.Topics.Select(t => new SesTopic(t.TopicName, t.DisplayName, t.Description, t.DefaultSubscriptionStatus)).ToList();
        await account.CreateContactListAsync(new SesContactList(CustomerConfig.DefaultContactListName, null, topics), CancellationToken.None);
        await account.SetMaxSendRateAsync(options.Rate * options.TimeScale, CancellationToken.None);
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Contacts), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, ct) =>
            await account.CreateContactAsync(CustomerConfig.DefaultContactListName,
                new SesContact(BenchmarkWorld.Recipient(Customer, i), [new TopicPreference("aws-approval", SubscriptionStatus.OptIn)]), ct));
    }

    private static async Task<string> SubmitAsync(ChangeService changes)
    {
        var change = await changes.CreateAsync(DeliveryBenchmark.BenchChange([Customer]), "bench", CancellationToken.None);
        await changes.ApplyAsync(change.ChangeId, ChangeAction.Submit, "bench", null, CancellationToken.None);
        return change.ChangeId;
    }

    /// <summary>
    /// Where the time over contacts ÷ rate went: the gaps between consecutive sends longer than three send intervals,
    /// in the simulated system's seconds (the first send's wait for the audience is not among them).
    /// </summary>
    private static async Task<List<double>> PausesAsync(LocalAdapters adapters, LargeListOptions options)
    {
        var times = new List<DateTimeOffset>();
        string? token = null;
        do
        {
            var page = await adapters.Outbox.ListAsync(Customer, LocalOutbox.MaxPageSize, token, CancellationToken.None);
            times.AddRange(page.Items.Select(m => m.SentAt));
            token = page.NextToken;
        } while (token is not null);
        times.Sort();
        var interval = 1 / options.Rate;
        return [.. times.Zip(times.Skip(1), (a, b) => (b - a).TotalSeconds * options.TimeScale).Where(gap => gap > 3 * interval)];
    }

    private static async Task<LargeListResult> MeasureAsync(
        LocalAdapters adapters, LargeListOptions options, string changeId, double seconds, List<SimulatedFunction> functions, DeliveryCounters counters, bool gaveUp)
    {
        var sent = await adapters.Outbox.CountAsync(Customer, null, CancellationToken.None);
        var distinct = await adapters.Outbox.CountDistinctRecipientsAsync(CancellationToken.None);
        var ledger = await adapters.Ledger.ListAsync(changeId, Customer, CancellationToken.None);
        var deadLetters = (await adapters.DeadLetters.ListAsync(Customer, CancellationToken.None)).Count;
        var equivalent = seconds * options.TimeScale;
        var atAccountRate = options.Contacts / options.Rate;
        var stranded = ledger.Count(r => r.State == DeliveryState.Sending);
        var pauses = await PausesAsync(adapters, options);
        return new LargeListResult(
            Benchmark: "large-list",
            Mode: options.TimeScale == 1 ? "real-time" : "time-scaled",
            TimeScale: options.TimeScale,
            Contacts: options.Contacts,
            RatePerSecond: options.Rate,
            Senders: options.Senders,
            InvocationSeconds: options.InvocationSeconds,
            MarginSeconds: options.MarginSeconds,
            VisibilitySeconds: options.VisibilitySeconds,
            ManagementRate: options.ManagementRate,
            WarmProcesses: options.WarmProcesses,
            Deadline: options.UseDeadline,
            WallSeconds: Math.Round(seconds, 3),
            EquivalentSeconds: Math.Round(equivalent, 1),
            ContactsOverRateSeconds: Math.Round(atAccountRate, 1),
            OverheadPercent: Math.Round((equivalent / atAccountRate - 1) * 100, 2),
            PausedSeconds: Math.Round(pauses.Sum(), 1),
            LongestPausesSeconds: [.. pauses.OrderDescending().Take(15).Select(p => Math.Round(p, 1))],
            Invocations: functions.Sum(f => f.Invocations),
            Continuations: functions.Sum(f => f.Continuations),
            Timeouts: functions.Sum(f => f.Timeouts),
            RetriedMessages: functions.Sum(f => f.Retried),
            Sent: sent,
            Duplicates: sent - distinct,
            Lost: options.Contacts - distinct,
            DeadLetters: deadLetters,
            StrandedClaims: stranded,
            FailedRecords: ledger.Count(r => r.State == DeliveryState.Failed),
            Throttled: counters.Throttled,
            GaveUp: gaveUp,
            MetTarget: !gaveUp && equivalent <= 1.05 * atAccountRate && sent == distinct && distinct == options.Contacts && deadLetters == 0 && stranded == 0);
    }
}

internal sealed record LargeListResult(
    string Benchmark, string Mode, double TimeScale, int Contacts, double RatePerSecond, int Senders, double InvocationSeconds, double MarginSeconds,
    double VisibilitySeconds, double ManagementRate, bool WarmProcesses, bool Deadline, double WallSeconds, double EquivalentSeconds, double ContactsOverRateSeconds, double OverheadPercent,
    double PausedSeconds, double[] LongestPausesSeconds, int Invocations, int Continuations, int Timeouts, int RetriedMessages,
    int Sent, int Duplicates, int Lost, int DeadLetters, int StrandedClaims, int FailedRecords, long Throttled, bool GaveUp, bool MetTarget);
