using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Core.AlternateContacts;

/// <summary>One alternate contact's four fields, as the Account API keeps them.</summary>
public sealed record AlternateContact(string Name, string Title, string Email, string Phone)
{
    public static AlternateContact? From(ContactFields fields) =>
        fields.IsComplete ? new(fields.Name!.Trim(), fields.Title!.Trim(), fields.Email!.Trim(), fields.Phone!.Trim()) : null;

    /// <summary>Equal as AWS would treat them: the address without regard to case, the rest exactly.</summary>
    public bool SameAs(AlternateContact? other) =>
        other is not null && Name == other.Name && Title == other.Title && Phone == other.Phone
        && string.Equals(Email, other.Email, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Name}, {Title}, {Email}, {Phone}";
}

/// <summary>
/// One account's contact of one type, as read: the shape Get-AwsAlternateContact writes and a backup keeps
/// (<see cref="Contact"/> null when the account has none of that type).
/// </summary>
public sealed record AccountContact(
    string CustomerCode, string AccountId, string AccountName, bool IsManagementAccount, AlternateContactType Type, AlternateContact? Contact)
{
    public string? Name => Contact?.Name;
    public string? Title => Contact?.Title;
    public string? Email => Contact?.Email;
    public string? Phone => Contact?.Phone;

    /// <summary>The account as the Account API addresses it: no AccountId for the management account itself.</summary>
    public string? ApiAccountId => IsManagementAccount ? null : AccountId;

    public string Target => $"{CustomerCode}: account {AccountId} ({AccountName}) {Type}";
}
