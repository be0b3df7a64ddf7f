using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Changes;

/// <summary>
/// The last steps of leaving draft, for a change and an announcement alike: create the archive object (If-None-Match)
/// and remove the draft. A conflict means another reader finished the same move first; the archive is what counts.
/// </summary>
internal static class DraftMove
{
    public static async Task FinishAsync(IObjectStore store, string draftKey, string archiveKey, byte[] content, CancellationToken ct)
    {
        try
        {
            await store.PutAsync(archiveKey, content, WriteCondition.MustNotExist, ct);
        }
        catch (ConcurrencyConflictException)
        {
            // Another reader finished the same move first.
        }
        await store.DeleteAsync(draftKey, ct);
    }
}
