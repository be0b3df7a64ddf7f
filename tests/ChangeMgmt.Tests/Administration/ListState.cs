using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.Administration;

/// <summary>
/// What a restore must reproduce, comparable by value: the list's description and topics, and each
/// contact as "email|unsubscribeAll|topic=status,…" with its preferences sorted.
/// </summary>
internal sealed record ListState(string? Description, IReadOnlyList<SesTopic> Topics, IReadOnlyList<string> Contacts)
{
    public static async Task<ListState> ReadAsync(ISesAccount account, string listName)
    {
        var list = await account.GetContactListAsync(listName, default);
        var contacts = await AudienceReader.ReadAllAsync(token => account.ListContactsAsync(listName, null, 1000, token, default));
        return Of(list, contacts);
    }

    public static ListState Of(ContactListBackup backup) => Of(backup.ContactList, backup.Contacts);

    private static ListState Of(SesContactList list, IEnumerable<SesContact> contacts) =>
        new(list.Description, list.Topics, [.. contacts.Select(Key).Order(StringComparer.Ordinal)]);

    public static string Key(SesContact contact) =>
        $"{contact.EmailAddress}|{contact.UnsubscribeAll}|" +
        string.Join(",", contact.TopicPreferences.OrderBy(p => p.TopicName, StringComparer.Ordinal).Select(p => $"{p.TopicName}={p.SubscriptionStatus}"));

    public static void Equal(ListState expected, ListState actual)
    {
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.Topics, actual.Topics);
        Assert.Equal(expected.Contacts, actual.Contacts);
    }
}
