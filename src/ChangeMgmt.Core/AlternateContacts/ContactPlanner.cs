namespace ChangeMgmt.Core.AlternateContacts;

/// <summary>Decides each account × type's action from what it has and what it should have; pure, so -WhatIf and drift show exactly what would be done.</summary>
public static class ContactPlanner
{
    /// <summary>The original tool's rule: without overwrite an existing, different contact is kept.</summary>
    public static ContactChange Set(AccountContact current, AlternateContact desired, bool overwrite) =>
        desired.SameAs(current.Contact) ? new(current, current.Contact, ContactAction.Unchanged)
        : current.Contact is null || overwrite ? new(current, desired, ContactAction.Set)
        : new(current, current.Contact, ContactAction.Keep);

    public static ContactChange Remove(AccountContact current) =>
        current.Contact is null ? new(current, null, ContactAction.Absent) : new(current, null, ContactAction.Remove);

    /// <summary>Back to the backed-up contact: set it, or remove the one added since (the backup had none).</summary>
    public static ContactChange Restore(AccountContact current, AlternateContact? backedUp) =>
        backedUp is null ? Remove(current) : Set(current, backedUp, overwrite: true);
}
