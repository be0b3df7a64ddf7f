namespace ChangeMgmt.Core.Subscriptions;

/// <summary>No such customer for this caller (another customer's answers the same: its existence is not told).</summary>
public sealed class SubscriptionCustomerNotFoundException(string code) : Exception($"Customer '{code}' not found.");

public sealed class SubscriptionContactNotFoundException(string customer, string email) : Exception($"{customer}: {email} is not in the contact list.");

/// <summary>The contact changed since the caller read it (If-Match does not match its current ETag).</summary>
public sealed class ContactChangedException(string email, string currentETag)
    : Exception($"{email} changed since you read it; read it again and re-apply your change.")
{
    public string CurrentETag { get; } = currentETag;
}

public sealed class SubscriptionJobNotFoundException(string jobId) : Exception($"Job '{jobId}' not found.");
