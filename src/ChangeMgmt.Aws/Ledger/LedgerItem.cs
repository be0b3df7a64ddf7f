using System.Globalization;
using Amazon.DynamoDBv2.Model;
using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Ledger;

/// <summary>How a ledger record is laid out as a DynamoDB item.</summary>
internal static class LedgerItem
{
    public static string PartitionKey(string changeId, string customerCode) => $"{changeId}#{customerCode}";

    public static string SortKey(DeliveryKey key) =>
        $"{key.Kind}#{key.Version.ToString("D6", CultureInfo.InvariantCulture)}#{key.Recipient}";

    public static Dictionary<string, AttributeValue> Key(DeliveryKey key) => new()
    {
        ["pk"] = new() { S = PartitionKey(key.ChangeId, key.CustomerCode) },
        ["sk"] = new() { S = SortKey(key) },
    };

    /// <summary>Adds the key's identifying attributes to an update's values.</summary>
    public static Dictionary<string, AttributeValue> Identity(DeliveryKey key, Dictionary<string, AttributeValue> values)
    {
        var identity = new Dictionary<string, AttributeValue>
        {
            [":customer"] = new() { S = key.CustomerCode },
            [":change"] = new() { S = key.ChangeId },
            [":kind"] = new() { S = key.Kind.ToString() },
            [":version"] = Number(key.Version),
            [":recipient"] = new() { S = key.Recipient },
        };
        foreach (var (name, value) in identity)
            values[name] = value;
        return values;
    }

    public static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static DeliveryRecord Read(Dictionary<string, AttributeValue> item)
    {
        string? S(string name) => item.TryGetValue(name, out var v) ? v.S : null;
        long N(string name) => item.TryGetValue(name, out var v) && v.N is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : 0;
        var key = new DeliveryKey(S("customer") ?? "", S("changeId") ?? "", Enum.Parse<NotificationKind>(S("kind") ?? ""), (int)N("version"), S("recipient") ?? "");
        return new DeliveryRecord(key, S("topic") ?? "", Enum.Parse<DeliveryState>(S("state") ?? nameof(DeliveryState.Sending)),
            S("messageId"), S("error"), (int)N("attempts"),
            DateTimeOffset.TryParse(S("updatedAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : DateTimeOffset.MinValue,
            item.ContainsKey("recipients") ? (int)N("recipients") : null)
        {
            SentAt = item.ContainsKey("sentAt") ? DateTimeOffset.FromUnixTimeMilliseconds(N("sentAt")) : null,
            Outcome = Enum.TryParse<RecipientOutcome>(S("outcome"), out var outcome) ? outcome : null,
            OutcomeDetail = S("outcomeDetail"),
            OutcomeAt = DateTimeOffset.TryParse(S("outcomeAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var outcomeAt) ? outcomeAt : null,
        };
    }
}
