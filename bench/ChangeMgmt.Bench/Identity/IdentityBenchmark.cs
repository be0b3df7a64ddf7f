using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Amazon.Runtime;
using ChangeMgmt.Aws;
using ChangeMgmt.Aws.Identity;
using ChangeMgmt.Core.Ports;
using RetryPolicy = ChangeMgmt.Core.Resilience.RetryPolicy;

namespace ChangeMgmt.Bench.Identity;

/// <summary>
/// Reads a whole generated identity store through the real <see cref="AwsIdentityDirectory"/>
/// (SigV4, JSON 1.1, its rate pacer and retries) from a simulated endpoint that enforces the
/// service's rate: users page by page, and groups page by page followed by every group's
/// memberships with bounded concurrency, both at once on the one pacer. Reports calls per
/// second against the client's configured rate and the server's limit, and checks that every
/// user, group and membership arrived exactly once.
/// </summary>
internal static class IdentityBenchmark
{
    private const string Store = "d-9067000001";
    private const string WarmUpStore = "d-9067000000";
    private const string Region = "us-east-1";

    public static async Task<int> RunAsync(IdentityBenchmarkOptions options)
    {
        var directory = new SimulatedDirectory(options.Users, options.Groups, options.Seed);
        await using var server = await SimulatedIdentityStore.StartAsync(directory, options.ServerLimit, TimeSpan.FromMilliseconds(options.LatencyMs));
        var endpoints = new AwsEndpoints(name => name == $"AWS_ENDPOINT_URL_{AwsEndpoints.VariableSuffix(AwsService.IdentityStore)}" ? server.Url.ToString() : null);
        var settings = new AwsSettings(Region, new BasicAWSCredentials("test", "test"), endpoints, TimeProvider.System, RetryPolicy.Default);
        using var client = new AwsIdentityDirectory(settings.Credentials, Region, settings, "bench",
            new IdentityDirectoryOptions { RequestsPerSecond = options.ClientRate });

        // JIT, signing and the connection warmed on another identity store: its own pacer and bucket.
        await client.ListGroupsAsync(WarmUpStore, null, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        var read = await ReadAllAsync(client, options.Concurrency);
        var seconds = clock.Elapsed.TotalSeconds;

        var traffic = server.For(Store);
        var calls = traffic.Accepted.Count;
        var check = Verify(directory, read);
        var result = new IdentityBenchmarkResult(
            Benchmark: "identity-read",
            Users: read.Users.Count,
            Groups: read.Groups.Count,
            Memberships: read.Memberships.Count,
            Calls: calls,
            MinimumCalls: directory.MinimumCalls(IdentityDirectoryOptions.MaxPageSize),
            CallsByOperation: new SortedDictionary<string, int>(traffic.Operations, StringComparer.Ordinal),
            Seconds: Math.Round(seconds, 3),
            IdealSeconds: Math.Round(IdealSeconds(calls, options), 3),
            CallsPerSecond: Math.Round(calls / seconds, 3),
            PeakCallsInOneSecond: traffic.PeakPerSecond(),
            ClientLimit: options.ClientRate,
            ServerLimit: options.ServerLimit,
            RatioToClientLimit: Math.Round(calls / seconds / options.ClientRate, 4),
            RatioToServerLimit: Math.Round(calls / seconds / options.ServerLimit, 4),
            Throttled: Interlocked.Read(ref traffic.Throttled),
            Concurrency: options.Concurrency,
            LatencyMs: options.LatencyMs,
            Duplicates: check.Duplicates,
            Missing: check.Missing,
            Complete: check.Duplicates == 0 && check.Missing == 0);
        Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        return result.Complete ? 0 : 1;
    }

    /// <summary>The client's pacing (first call at once, no burst) or the server's bucket (a full burst, then its rate), whichever is slower.</summary>
    private static double IdealSeconds(int calls, IdentityBenchmarkOptions options) =>
        Math.Max((calls - 1) / options.ClientRate, Math.Max(0, calls - options.ServerLimit) / options.ServerLimit);

    private static async Task<DirectoryRead> ReadAllAsync(AwsIdentityDirectory client, int concurrency)
    {
        var memberships = new ConcurrentBag<GroupMembership>();
        var users = client.AllUsersAsync(Store, CancellationToken.None).ToListAsync().AsTask();
        var groups = await client.AllGroupsAsync(Store, CancellationToken.None).ToListAsync();
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (group, ct) =>
        {
            await foreach (var membership in client.AllGroupMembershipsAsync(Store, group.GroupId, ct))
                memberships.Add(membership);
        });
        return new DirectoryRead(await users, groups, [.. memberships]);
    }

    /// <summary>Duplicates: items read more than once (or membership ids repeated); missing: items of the store not read (or read wrong).</summary>
    private static (int Duplicates, int Missing) Verify(SimulatedDirectory expected, DirectoryRead read)
    {
        var duplicates = 0;
        var missing = 0;
        void Compare<T>(IEnumerable<T> want, IEnumerable<T> got)
        {
            var gotList = got.ToList();
            var gotSet = gotList.ToHashSet();
            duplicates += gotList.Count - gotSet.Count;
            missing += want.Count(w => !gotSet.Remove(w)) + gotSet.Count;
        }
        Compare(expected.Users.Select(u => (u.UserId, u.UserName, (string?)u.Email, (bool?)u.Active)),
            read.Users.Select(u => (u.UserId, u.UserName ?? "", u.PrimaryEmail, u.Active)));
        Compare(expected.Groups.Select(g => (g.GroupId, (string?)g.DisplayName)), read.Groups.Select(g => (g.GroupId, g.DisplayName)));
        Compare(expected.MembersOf.Values.SelectMany(m => m).Select(m => (m.GroupId, (string?)m.UserId)), read.Memberships.Select(m => (m.GroupId, m.UserId)));
        duplicates += read.Memberships.Count - read.Memberships.Select(m => m.MembershipId).Distinct(StringComparer.Ordinal).Count();
        return (duplicates, missing);
    }

    private sealed record DirectoryRead(List<IdentityUser> Users, List<IdentityGroup> Groups, List<GroupMembership> Memberships);
}

internal sealed record IdentityBenchmarkResult(
    string Benchmark, int Users, int Groups, int Memberships, int Calls, int MinimumCalls, SortedDictionary<string, int> CallsByOperation,
    double Seconds, double IdealSeconds, double CallsPerSecond, int PeakCallsInOneSecond, double ClientLimit, double ServerLimit,
    double RatioToClientLimit, double RatioToServerLimit, long Throttled, int Concurrency, int LatencyMs, int Duplicates, int Missing, bool Complete);
