namespace ChangeMgmt.Local;

/// <summary>Messages in one customer's queue: receivable now, and taken but not yet deleted.</summary>
public sealed record QueueCounts(string CustomerCode, int Visible, int InFlight)
{
    public int Total => Visible + InFlight;
}
