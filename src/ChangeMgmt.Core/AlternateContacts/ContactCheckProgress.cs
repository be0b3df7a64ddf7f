using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.AlternateContacts;

/// <summary>
/// A drift check carried across sweeps (an organization of hundreds of accounts takes longer than one sweep may work):
/// the accounts listed when it began, how many of them are read, and what those had.
/// </summary>
public sealed record ContactCheckProgress(
    DateTimeOffset StartedAt, string ManagementAccountId, IReadOnlyList<OrganizationAccount> Accounts, int Read,
    IReadOnlyList<AccountContact> Contacts, IReadOnlyList<ContactFailure> Failures);

/// <summary>One step of a drift check: the drift when the check is done (or could not start), else where it stopped.</summary>
public sealed record ContactCheckStep(ContactDrift? Drift, ContactCheckProgress? Progress);
