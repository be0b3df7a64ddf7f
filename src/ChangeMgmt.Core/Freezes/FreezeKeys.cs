using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Core.Freezes;

/// <summary>
/// Where a freeze's objects live, by <see cref="StorageLayout"/> with the id checked: <c>freezes/{id}.json</c>
/// (current), <c>freezes-versions/{id}/v{n}.json</c> (each replaced version). Their own prefixes, not the change's
/// archive/: nothing triggers on them, and listing <c>freezes/</c> lists freezes alone.
/// </summary>
public static class FreezeKeys
{
    public static string Current(string freezeId) => StorageLayout.Freeze(Checked(freezeId));
    public static string Version(string freezeId, int version) => StorageLayout.FreezeVersion(Checked(freezeId), version);

    /// <summary>Whether a key under freezes/ is a freeze's current object.</summary>
    public static bool IsCurrent(string key) =>
        key.StartsWith(StorageLayout.FreezesPrefix, StringComparison.Ordinal)
        && key.EndsWith(".json", StringComparison.Ordinal)
        && FreezeId.IsValid(key[StorageLayout.FreezesPrefix.Length..^".json".Length]);

    private static string Checked(string freezeId) =>
        FreezeId.IsValid(freezeId) ? freezeId : throw new ArgumentException($"'{freezeId}' is not a freeze id (FRZ-yyyyMMdd-XXXXXX).", nameof(freezeId));
}
