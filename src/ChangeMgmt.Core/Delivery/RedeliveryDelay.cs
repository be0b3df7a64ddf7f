namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// How long a released queue message stays hidden: doubling with each receive (1 s, 2 s, 4 s, …,
/// at most 5 minutes), so that a failure lasting a while does not use up the receives before the
/// message is dead-lettered. One rule for every queue.
/// </summary>
public static class RedeliveryDelay
{
    public static TimeSpan After(int receiveCount) =>
        TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Clamp(receiveCount, 1, 10) - 1)));
}
