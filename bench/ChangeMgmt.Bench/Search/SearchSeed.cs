using ChangeMgmt.Bench.Calendar;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Bench.Search;

/// <summary>
/// Years of history, the same every run (seeded random): changes of one to three customers created evenly over the years,
/// titles of a verb, a system and a place (one system in twelve is "Kafka", the word searched for), a status, edited
/// for up to two months after creation (then version 2–4). Each is written as the index's writers do — its first
/// version when created, its last when last modified — then the index is compacted, as readers and the sweep keep it
/// (closed markers of the open index older than a day removed). A change left submitted or approved whose window ended
/// before the history's end is completed instead, as people do: the open changes are the last weeks' activity.
/// </summary>
internal static class SearchSeed
{
    public const string SearchedWord = "kafka";

    /// <summary>The history ends here (fixed, so every run seeds the same; the benchmark's own writes come after).</summary>
    public static readonly DateTimeOffset End = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Verbs = ["Patch", "Upgrade", "Restart", "Rotate certificates on", "Resize", "Migrate", "Decommission", "Back up", "Reconfigure", "Fail over"];

    private static readonly string[] Systems =
    [
        "the bastion hosts", "the Kafka brokers", "the PostgreSQL primary", "the NAT gateways", "the EKS node group", "the Redis cluster",
        "the VPN endpoints", "the OpenSearch domain", "Active Directory", "the payroll API", "the CI runners", "the DNS resolvers",
    ];

    private static readonly string[] Places = ["in production", "in staging", "in eu-west-1", "in us-east-1", "at the DR site"];

    private static readonly ChangeStatus[] Statuses = [ChangeStatus.Draft, ChangeStatus.Submitted, ChangeStatus.Approved, ChangeStatus.Completed, ChangeStatus.Completed, ChangeStatus.Completed, ChangeStatus.Cancelled];

    /// <summary>Writes the history; returns how many index entries were written.</summary>
    public static async Task<int> SeedAsync(ObjectStoreChangeIndex index, IReadOnlyList<string> customers, SearchBenchmarkOptions options)
    {
        var random = new Random(42);
        var first = End.AddYears(-options.Years);
        var seconds = (long)(End - first).TotalSeconds;
        var summaries = Enumerable.Range(0, options.Changes)
            .SelectMany(i => Versions(Change(i, random, customers, first.AddSeconds(random.NextInt64(seconds)))))
            .ToList();
        await Parallel.ForEachAsync(summaries, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (s, ct) => await index.UpsertAsync(s, ct));
        await index.CompactAsync(CancellationToken.None);
        await index.Open.CompactAsync(End, CancellationToken.None);
        await index.OpenAsync(CancellationToken.None);
        return summaries.Count;
    }

    private static ChangeSummary Change(int i, Random random, IReadOnlyList<string> customers, DateTimeOffset created)
    {
        var edited = random.Next(3) == 0 ? TimeSpan.Zero : TimeSpan.FromMinutes(random.Next(60 * 24 * 60));
        var modified = created + edited < End ? created + edited : End.AddSeconds(-1);
        var start = created.AddDays(3 + random.Next(28));
        var title = $"{Verbs[random.Next(Verbs.Length)]} {Systems[random.Next(Systems.Length)]} {Places[random.Next(Places.Length)]}";
        var status = edited == TimeSpan.Zero ? ChangeStatus.Draft : Statuses[random.Next(Statuses.Length)];
        if (status is ChangeStatus.Submitted or ChangeStatus.Approved && start.AddHours(5) < End) status = ChangeStatus.Completed;
        return new($"CHG-{created:yyyyMMdd}-{i:D6}", title, status, edited == TimeSpan.Zero ? 1 : 2 + random.Next(3), CalendarSeed.Pick(random, customers),
            created, $"engineer{random.Next(40):D2}", modified, start, start.AddHours(1 + random.Next(4)), $"CHG{i:D7}", null, Timezone: "Europe/London");
    }

    /// <summary>The change as created (version 1, draft) and, when edited since, as last modified.</summary>
    private static IEnumerable<ChangeSummary> Versions(ChangeSummary last) =>
        last.Version == 1 ? [last] : [last with { Version = 1, Status = ChangeStatus.Draft, ModifiedAt = last.CreatedAt }, last];
}
