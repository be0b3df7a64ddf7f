namespace ChangeMgmt.Core.Delivery;

/// <summary>Exponential backoff with full jitter, for throttling and passing service faults.</summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public static readonly RetryPolicy Default = new(10, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(20));

    public TimeSpan DelayBefore(int attempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }
}
