using System.Globalization;

namespace ChangeMgmt.Bench.LargeList;

/// <summary>
/// <c>large-list [--contacts N] [--rate SENDS_PER_SECOND] [--senders N] [--invocation-seconds S] [--margin-seconds S]
/// [--visibility-seconds S] [--management-rate CALLS_PER_SECOND] [--warm-processes on|off] [--deadline on|off] [--time-scale X]</c>.
/// <c>--deadline off</c> gives the invocations no deadline, as before the delivery function read it (for comparison). With a time scale X &gt; 1 every rate is X times higher and every
/// duration X times shorter; the result also gives the run's length scaled back (wall seconds × X).
/// </summary>
public sealed record LargeListOptions(
    int Contacts, double Rate, int Senders, double InvocationSeconds, double MarginSeconds, double VisibilitySeconds, double ManagementRate,
    bool WarmProcesses, bool UseDeadline, double TimeScale)
{
    public static LargeListOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        double Number(string name, double fallback) => Value(name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
        var invocation = Number("--invocation-seconds", 300);
        var options = new LargeListOptions(
            (int)Number("--contacts", 50_000),
            Number("--rate", 14),
            (int)Number("--senders", 1),
            invocation,
            Number("--margin-seconds", 15),
            Number("--visibility-seconds", 6 * invocation),
            Number("--management-rate", 1),
            (Value("--warm-processes") ?? "on") == "on",
            (Value("--deadline") ?? "on") == "on",
            Number("--time-scale", 10));
        if (options.Contacts < 1 || options.Rate <= 0 || options.ManagementRate <= 0 || options.Senders < 1 || options.TimeScale < 1 || options.MarginSeconds >= options.InvocationSeconds)
            throw new ArgumentException("--contacts, --rate, --management-rate, --senders must be positive, --time-scale at least 1, --margin-seconds below --invocation-seconds.");
        return options;
    }

    /// <summary>A duration of the simulated system as it passes in this run.</summary>
    public TimeSpan Scaled(double seconds) => TimeSpan.FromSeconds(seconds / TimeScale);
}
