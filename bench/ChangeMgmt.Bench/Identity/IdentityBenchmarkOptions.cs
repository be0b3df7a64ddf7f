using System.Globalization;
using ChangeMgmt.Aws.Identity;

namespace ChangeMgmt.Bench.Identity;

/// <summary>
/// The directory's size, the rate the simulated identity store enforces (AWS: about 20/s per
/// identity store), the client's configured rate (the production default unless given), the
/// number of group-membership reads in flight, and the simulated service latency.
/// </summary>
public sealed record IdentityBenchmarkOptions(int Users, int Groups, double ServerLimit, double ClientRate, int Concurrency, int LatencyMs, int Seed)
{
    public static IdentityBenchmarkOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        double Number(string name, double fallback) => Value(name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
        var options = new IdentityBenchmarkOptions(
            Users: (int)Number("--users", 5000),
            Groups: (int)Number("--groups", 300),
            ServerLimit: Number("--limit", 20),
            ClientRate: Number("--client-rate", IdentityStorePacers.DefaultRequestsPerSecond),
            Concurrency: (int)Number("--concurrency", 8),
            LatencyMs: (int)Number("--latency-ms", 0),
            Seed: (int)Number("--seed", 7));
        if (options.Users < 1 || options.Groups < 1 || options.ServerLimit <= 0 || options.ClientRate <= 0 || options.Concurrency < 1 || options.LatencyMs < 0)
            throw new ArgumentException("--users, --groups, --limit, --client-rate and --concurrency must be positive; --latency-ms not negative.");
        return options;
    }
}
