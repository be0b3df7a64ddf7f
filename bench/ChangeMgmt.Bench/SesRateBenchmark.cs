using ChangeMgmt.Core.Resilience;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;

namespace ChangeMgmt.Bench;

/// <summary>
/// Several processes on one data directory sending for one customer, each pacing itself at the
/// account's full rate on its own (as a sender that did not book the account's send time in the ledger would) and
/// retrying throttling with backoff: the local SES account must hold them together to its one rate, as SES does.
/// </summary>
internal static class SesRateBenchmark
{
    private const string Customer = "acme";
    private const string Bucket = "changemgmt-bench";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string[] args)
    {
        var processes = int.Parse(Value(args, "--processes") ?? "2", CultureInfo.InvariantCulture);
        var rate = double.Parse(Value(args, "--rate") ?? "50", CultureInfo.InvariantCulture);
        var sends = int.Parse(Value(args, "--sends") ?? "250", CultureInfo.InvariantCulture);
        var dataDir = Directory.CreateTempSubdirectory("changemgmt-bench-rate-").FullName;
        try
        {
            using var adapters = new LocalAdapters(dataDir, Bucket, new LocalAdapterOptions { WriteEmlFiles = false });
            await adapters.SesAccounts.ForCustomer(Customer).SetMaxSendRateAsync(rate, CancellationToken.None);
            var senders = Enumerable.Range(0, processes).Select(_ => Process.Start(SenderStart(dataDir, rate, sends))!).ToList();
            var outputs = await Task.WhenAll(senders.Select(async p =>
            {
                var output = await p.StandardOutput.ReadToEndAsync();
                await p.WaitForExitAsync();
                return JsonSerializer.Deserialize<SenderResult>(output.Trim().Split('\n')[^1], Json)!;
            }));

            var times = await SentTimesAsync(adapters);
            var seconds = (times[^1] - times[0]) / 1000.0;
            var result = new SesRateResult(
                Processes: processes,
                Rate: rate,
                Sent: times.Count,
                Seconds: Math.Round(seconds, 3),
                SendsPerSecond: Math.Round((times.Count - 1) / seconds, 2),
                SteadySendsPerSecond: Math.Round(Steady(times, rate), 2),
                BusiestSecond: await adapters.Outbox.MaxSentInAnyWindowAsync(Customer, TimeSpan.FromSeconds(1), CancellationToken.None),
                Burst: Math.Max(1, rate),
                AllowedByRate: (int)Math.Floor(Math.Max(1, rate) + rate * seconds),
                Throttled: outputs.Sum(o => o.Throttled),
                Failed: outputs.Sum(o => o.Failed));
            Console.WriteLine(JsonSerializer.Serialize(result, Json));
            return result.Sent <= result.AllowedByRate && result.BusiestSecond <= rate + result.Burst && result.Failed == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>One sender process: <c>ses-rate-sender --data-dir D --rate R --sends N</c>.</summary>
    public static async Task<int> SendAsync(string[] args)
    {
        var rate = double.Parse(Value(args, "--rate")!, CultureInfo.InvariantCulture);
        var sends = int.Parse(Value(args, "--sends")!, CultureInfo.InvariantCulture);
        using var adapters = new LocalAdapters(Value(args, "--data-dir")!, Bucket, new LocalAdapterOptions { WriteEmlFiles = false });
        var account = adapters.SesAccounts.ForCustomer(Customer);
        var pacer = new CallPacer(rate, TimeProvider.System);
        var (throttled, failed) = (0, 0);
        for (var i = 0; i < sends; i++)
        {
            for (var attempt = 1; ; attempt++)
            {
                await pacer.WaitAsync(CancellationToken.None);
                try
                {
                    await account.SendEmailAsync(Email(i), CancellationToken.None);
                    break;
                }
                catch (ServiceException e) when (e.Kind == ServiceErrorKind.Throttled)
                {
                    throttled++;
                    if (attempt == RetryPolicy.Default.MaxAttempts)
                    {
                        failed++;
                        break;
                    }
                    await Task.Delay(RetryPolicy.Default.DelayBefore(attempt));
                }
            }
        }
        Console.WriteLine(JsonSerializer.Serialize(new SenderResult(throttled, failed), Json));
        return 0;
    }

    private static ProcessStartInfo SenderStart(string dataDir, double rate, int sends)
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        // Run as `dotnet ChangeMgmt.Bench.dll …` or as the apphost: the same program either way.
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            start.ArgumentList.Add(typeof(SesRateBenchmark).Assembly.Location);
        foreach (var arg in new[] { "ses-rate-sender", "--data-dir", dataDir, "--rate", rate.ToString(CultureInfo.InvariantCulture), "--sends", sends.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        return start;
    }

    private static async Task<List<long>> SentTimesAsync(LocalAdapters adapters)
    {
        var times = new List<long>();
        string? token = null;
        do
        {
            var page = await adapters.Outbox.ListAsync(Customer, LocalOutbox.MaxPageSize, token, CancellationToken.None);
            times.AddRange(page.Items.Select(m => m.SentAt.ToUnixTimeMilliseconds()));
            token = page.NextToken;
        } while (token is not null);
        times.Sort();
        return times;
    }

    /// <summary>Sends a second after the first second (the burst may not be spent by then when the senders start late).</summary>
    private static double Steady(List<long> times, double rate)
    {
        var from = times[0] + 1000;
        var after = times.Where(t => t >= from).ToList();
        return after.Count < 2 ? rate : (after.Count - 1) / ((after[^1] - after[0]) / 1000.0);
    }

    private static OutgoingEmail Email(int i) => new(
        From: "changes@msp.example", To: $"person{i:D5}@acme.example", Subject: "Rate", HtmlBody: "<p>Rate</p>", TextBody: "Rate",
        ListManagement: null, Attachments: [], Tags: new Dictionary<string, string>());

    private static string? Value(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    private sealed record SenderResult(int Throttled, int Failed);
}

internal sealed record SesRateResult(
    int Processes, double Rate, int Sent, double Seconds, double SendsPerSecond, double SteadySendsPerSecond,
    int BusiestSecond, double Burst, int AllowedByRate, int Throttled, int Failed);
