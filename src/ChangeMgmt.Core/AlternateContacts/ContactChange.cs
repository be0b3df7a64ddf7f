namespace ChangeMgmt.Core.AlternateContacts;

/// <summary>What a plan does to one account's contact of one type.</summary>
public enum ContactAction : long
{
    /// <summary>PutAlternateContact with <see cref="ContactChange.After"/>.</summary>
    Set,
    /// <summary>A different contact exists and -Overwrite was not given: it is kept (the original tool's rule).</summary>
    Keep,
    /// <summary>The account already has exactly this contact.</summary>
    Unchanged,
    /// <summary>DeleteAlternateContact.</summary>
    Remove,
    /// <summary>Nothing to remove: the account has no contact of this type.</summary>
    Absent,
}

/// <summary>One account × type of a plan: the contact before, the one after, and the action between them.</summary>
public sealed record ContactChange(AccountContact Before, AlternateContact? After, ContactAction Action)
{
    public bool Writes => Action is ContactAction.Set or ContactAction.Remove;

    public string CustomerCode => Before.CustomerCode;
    public string AccountId => Before.AccountId;
    public string AccountName => Before.AccountName;
    public AlternateContactType Type => Before.Type;

    /// <summary>The account's contact now (null: none of this type).</summary>
    public AlternateContact? Current => Before.Contact;
}

/// <summary>
/// What a customer could not do, and how to fix it: the whole organization (no role, trusted access off, role not
/// assumable; <see cref="AccountId"/> null) or one account (AccessDenied, an API error).
/// </summary>
public sealed record ContactFailure(string CustomerCode, string? AccountId, string Message, string Fix)
{
    public override string ToString() => $"{CustomerCode}{(AccountId is null ? "" : $" account {AccountId}")}: {Message} Fix: {Fix}";
}

/// <summary>A plan (what -WhatIf shows): only reads were made to build it.</summary>
public sealed record ContactPlan(IReadOnlyList<ContactChange> Changes, IReadOnlyList<ContactFailure> Failures)
{
    public IEnumerable<ContactChange> Writes => Changes.Where(c => c.Writes);
}

/// <summary>One applied change: done, or failed with the account's error and fix.</summary>
public sealed record ContactOutcome(ContactChange Change, ContactFailure? Failure)
{
    public bool Succeeded => Failure is null;
}

/// <summary>What applying a plan did, with the backup written before anything changed.</summary>
public sealed record ContactApplyResult(string? BackupPath, IReadOnlyList<ContactOutcome> Outcomes, IReadOnlyList<ContactFailure> Failures);
