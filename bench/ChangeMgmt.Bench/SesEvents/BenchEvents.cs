using System.Text.Json.Nodes;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Bench.SesEvents;

/// <summary>
/// The sends the benchmark seeds and SES's events about them, shaped as SES publishes them (the record as EventBridge's
/// <c>detail</c>, or as an SNS notification's <c>Message</c>), with the tags every send carries.
/// </summary>
internal static class BenchEvents
{
    /// <summary>Most sends are delivered; a few are delayed first, bounce or draw a complaint; some events are Send events.</summary>
    private static readonly string[] Mix =
        ["Delivery", "Delivery", "Send", "Delivery", "Delivery", "DeliveryDelay", "Delivery", "Delivery", "Delivery", "Bounce",
         "Delivery", "Delivery", "Send", "Delivery", "Delivery", "Delivery", "Delivery", "Delivery", "Complaint", "Delivery"];

    public static DeliveryKey Send(IReadOnlyList<string> customers, int i) =>
        new(customers[i % customers.Count], $"CHG-20261130-{i / 1000:D6}", NotificationKind.ApprovalRequest, 1, $"person{i:D6}@{customers[i % customers.Count]}.example");

    public static string MessageId(int i) => $"0100018c{i:D8}-bench-000000";

    /// <summary>Event <paramref name="i"/>: about send <paramref name="i"/>, every other one through SNS.</summary>
    public static string Event(IReadOnlyList<string> customers, int i)
    {
        var record = Record(Mix[i % Mix.Length], Send(customers, i), MessageId(i));
        return i % 2 == 0 ? EventBridge(record) : Sns(record);
    }

    private static JsonObject Record(string type, DeliveryKey sent, string messageId)
    {
        var record = new JsonObject
        {
            ["eventType"] = type,
            ["mail"] = new JsonObject
            {
                ["timestamp"] = "2026-11-30T14:20:46.311Z", ["source"] = "changes@msp.example", ["messageId"] = messageId,
                ["destination"] = new JsonArray(sent.Recipient),
                ["tags"] = new JsonObject
                {
                    ["customer"] = new JsonArray(sent.CustomerCode), ["change"] = new JsonArray(sent.ChangeId),
                    ["notification"] = new JsonArray(sent.Kind.ToString()), ["version"] = new JsonArray(sent.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                },
            },
        };
        JsonArray Recipients() => [new JsonObject { ["emailAddress"] = sent.Recipient, ["status"] = "5.1.1", ["diagnosticCode"] = "smtp; 550 5.1.1 user unknown" }];
        (string Name, JsonObject Detail) = type switch
        {
            "Delivery" => ("delivery", new JsonObject { ["timestamp"] = "2026-11-30T14:20:47.520Z", ["recipients"] = new JsonArray(sent.Recipient) }),
            "Bounce" => ("bounce", new JsonObject { ["timestamp"] = "2026-11-30T14:20:48.000Z", ["bounceType"] = "Permanent", ["bounceSubType"] = "General", ["bouncedRecipients"] = Recipients() }),
            "Complaint" => ("complaint", new JsonObject { ["timestamp"] = "2026-11-30T16:00:00.000Z", ["complaintFeedbackType"] = "abuse", ["complainedRecipients"] = Recipients() }),
            "DeliveryDelay" => ("deliveryDelay", new JsonObject { ["timestamp"] = "2026-11-30T14:50:00.000Z", ["delayType"] = "MailboxFull", ["delayedRecipients"] = Recipients() }),
            _ => ("send", new JsonObject()),
        };
        record[Name] = Detail;
        return record;
    }

    private static string EventBridge(JsonObject record) => new JsonObject
    {
        ["version"] = "0", ["id"] = Guid.NewGuid().ToString(), ["detail-type"] = "SES event", ["source"] = "aws.ses",
        ["account"] = "111122223333", ["time"] = "2026-11-30T14:21:00Z", ["region"] = "eu-west-1", ["detail"] = record,
    }.ToJsonString();

    private static string Sns(JsonObject record) => new JsonObject
    {
        ["Type"] = "Notification", ["MessageId"] = Guid.NewGuid().ToString(), ["TopicArn"] = "arn:aws:sns:eu-west-1:111122223333:changemgmt-ses-events",
        ["Message"] = record.ToJsonString(), ["Timestamp"] = "2026-11-30T14:21:01.000Z",
    }.ToJsonString();
}
