namespace ChangeMgmt.Core.Resilience;

/// <summary>Paces calls to at most <see cref="RatePerSecond"/>: each waits for its turn.</summary>
public interface ICallPacer
{
    double RatePerSecond { get; }

    ValueTask WaitAsync(CancellationToken ct);
}
