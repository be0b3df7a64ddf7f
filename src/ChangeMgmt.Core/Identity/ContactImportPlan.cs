namespace ChangeMgmt.Core.Identity;

public sealed record ContactImportOptions(bool RemoveUnmanaged = false);

/// <summary>A contact to create, subscribed (OPT_IN) to <see cref="Topics"/>.</summary>
public sealed record ContactToAdd(string Email, string? UserName, string UserId, IReadOnlyList<string> Roles, IReadOnlyList<string> Topics);

/// <summary>A contact to delete and why.</summary>
public sealed record ContactToRemove(string Email, bool Managed, string Reason);

/// <summary>
/// What an import would do to one customer's contact list. <see cref="Unchanged"/> is every existing
/// contact left as it is (preferences never touched); <see cref="NotInIdentityStore"/> the unmanaged
/// ones among them that match no active user (kept unless RemoveUnmanaged).
/// </summary>
public sealed record ContactImportPlan(
    string CustomerCode,
    string IdentityStoreId,
    IReadOnlyList<ContactToAdd> ToAdd,
    IReadOnlyList<ContactToRemove> ToRemove,
    IReadOnlyList<string> Unchanged,
    IReadOnlyList<string> NotInIdentityStore)
{
    public int Subscriptions => ToAdd.Sum(a => a.Topics.Count);

    public bool IsEmpty => ToAdd.Count == 0 && ToRemove.Count == 0;
}
