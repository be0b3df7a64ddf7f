namespace ChangeMgmt.Core.Delivery;

/// <summary>Paces calls to at most <see cref="RatePerSecond"/>: each waits for its turn.</summary>
public interface ISendRateLimiter
{
    double RatePerSecond { get; }

    ValueTask WaitAsync(CancellationToken ct);
}
