namespace ChangeMgmt.Core.Resilience;

/// <summary>Exponential backoff with full jitter, for throttling and passing service faults.</summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>Background work (delivery, cmdlets): keeps trying through a long throttling episode (up to about 50 s of waits).</summary>
    public static readonly RetryPolicy Default = new(10, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(20));

    /// <summary>
    /// Someone waits for the answer (the portal's API): three attempts, at most 0.15 s of waits, then the error; what a
    /// write still owes (a trigger, the index) is finished later from its note (pending-writes/, triggers-failed/).
    /// </summary>
    public static readonly RetryPolicy Interactive = new(3, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1));

    /// <summary>The longest the waits between attempts can add up to (each wait is at most its ceiling).</summary>
    public TimeSpan MaxTotalDelay => TimeSpan.FromMilliseconds(Enumerable.Range(1, MaxAttempts - 1)
        .Sum(attempt => Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1))));

    public TimeSpan DelayBefore(int attempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }
}
