namespace ChangeMgmt.Core.Ports;

public enum BackendMode { Local, Aws }

/// <summary>Every port one ChangeMgmt process works through, from one backend (local or AWS).</summary>
public sealed record Backend(
    BackendMode Mode,
    IObjectStore Objects,
    IChangeQueue Queue,
    IDeadLetterStore DeadLetters,
    ISesAccountProvider SesAccounts,
    IDeliveryLedger Ledger,
    IDeliveryOutcomes Outcomes,
    IBucketNotifications BucketNotifications,
    IDisposable Owner) : IDisposable
{
    public void Dispose() => Owner.Dispose();
}
