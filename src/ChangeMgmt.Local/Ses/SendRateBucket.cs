namespace ChangeMgmt.Local;

/// <summary>
/// An SES account's maximum send rate as a token bucket: capacity max(1, rate), refilled at
/// rate tokens a second. One per account, shared by every caller in the process.
/// </summary>
internal sealed class SendRateBucket
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private double _tokens;
    private DateTimeOffset _refilledAt;

    public SendRateBucket(double maxSendRate, TimeProvider time)
    {
        _time = time;
        Rate = Validate(maxSendRate);
        _tokens = Capacity;
        _refilledAt = time.GetUtcNow();
    }

    public double Rate { get; private set; }

    private double Capacity => Math.Max(1, Rate);

    public bool TryTake()
    {
        lock (_lock)
        {
            Refill();
            if (_tokens < 1)
                return false;
            _tokens -= 1;
            return true;
        }
    }

    public void SetRate(double maxSendRate)
    {
        lock (_lock)
        {
            Refill();
            Rate = Validate(maxSendRate);
            _tokens = Math.Min(_tokens, Capacity);
        }
    }

    private void Refill()
    {
        var now = _time.GetUtcNow();
        var elapsed = (now - _refilledAt).TotalSeconds;
        if (elapsed <= 0)
            return;
        _tokens = Math.Min(Capacity, _tokens + elapsed * Rate);
        _refilledAt = now;
    }

    private static double Validate(double rate) =>
        double.IsFinite(rate) && rate > 0 ? rate : throw new ArgumentOutOfRangeException(nameof(rate), rate, "The send rate must be a positive number.");
}
