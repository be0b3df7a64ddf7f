namespace ChangeMgmt.Core.Identity;

// long, not int: PowerShell's ConvertTo-Json writes long-based enums by name, so exported output reads as words.

public enum ContactImportAction : long { Add, Remove }

/// <summary>One contact's step of an import: <see cref="Done"/> of <see cref="Total"/> steps for the customer.</summary>
public sealed record ImportProgress(string CustomerCode, ContactImportAction Action, string Email, int Done, int Total);

/// <summary>A contact the import could not add or remove; the others went on.</summary>
public sealed record ContactImportFailure(string CustomerCode, string Email, ContactImportAction Action, string Message, Exception Error);

/// <summary>
/// What an import did for one customer. <see cref="Subscribed"/> counts topic subscriptions set on
/// added contacts; <see cref="Unchanged"/> the contacts left as they were (and those another run had already added).
/// </summary>
public sealed record ContactImportSummary(
    string CustomerCode,
    int Added,
    int Subscribed,
    int Removed,
    int Unchanged,
    int Failed,
    IReadOnlyList<ContactImportFailure> Failures);
