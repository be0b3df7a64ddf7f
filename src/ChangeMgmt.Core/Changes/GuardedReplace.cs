using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Changes;

/// <summary>
/// A versioned object's replace: the old version's copy is kept first, then the next version is written over the
/// current key If-Match; a lost race is the caller's version conflict.
/// </summary>
internal static class GuardedReplace
{
    /// <returns>The new ETag.</returns>
    public static async Task<string> ReplaceAsync(
        IObjectStore store, string key, string etag, (string Key, byte[] Content) kept, byte[] next,
        Func<Task<ChangeVersionConflictException>> conflict, CancellationToken ct)
    {
        await store.PutAsync(kept.Key, kept.Content, WriteCondition.None, ct);
        try
        {
            return await store.PutAsync(key, next, WriteCondition.MustMatch(etag), ct);
        }
        catch (ConcurrencyConflictException)
        {
            throw await conflict();
        }
    }
}
