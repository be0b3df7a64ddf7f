using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Administration;

/// <summary>A contact list in one customer's SES account.</summary>
public sealed record CustomerContactList(
    string CustomerCode,
    string ContactListName,
    string? Description,
    IReadOnlyList<SesTopic> Topics,
    DateTimeOffset? CreatedTimestamp,
    DateTimeOffset? LastUpdatedTimestamp)
{
    public static CustomerContactList From(string customerCode, SesContactList list) => new(
        customerCode, list.ContactListName, list.Description, list.Topics, list.CreatedTimestamp, list.LastUpdatedTimestamp);
}
