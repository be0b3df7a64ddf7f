namespace ChangeMgmt.Core.AlternateContacts;

/// <summary>The current contacts of every covered account, and what could not be read.</summary>
public sealed record ContactReading(IReadOnlyList<AccountContact> Contacts, IReadOnlyList<ContactFailure> Failures);

/// <summary>One customer's drift: accounts whose contacts all match config, accounts with at least one difference, failures.</summary>
public sealed record ContactDriftSummary(string CustomerCode, int Accounts, int Matching, int Drifted, int Failed);

/// <summary>Accounts whose contacts differ from config (each difference as the change that would fix it), summarized per customer.</summary>
public sealed record ContactDrift(IReadOnlyList<ContactChange> Differences, IReadOnlyList<ContactDriftSummary> Customers, IReadOnlyList<ContactFailure> Failures);

/// <summary>Reading progress of one customer's organization: accounts read out of those covered, and the last one read.</summary>
public sealed record AccountsRead(string CustomerCode, int Done, int Total, string? LastAccountId);
