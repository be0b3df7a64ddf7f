using System.Text.Json.Nodes;

namespace ChangeMgmt.Local;

/// <summary>
/// An SES event as the account's default EventBridge bus carries it: the envelope (source <c>aws.ses</c>, the
/// detail type) around the record SES publishes, whose <c>mail</c> names the message, its destination and its tags.
/// </summary>
internal static class SesEventEnvelope
{
    public const string Region = "us-east-1";

    public static string Build(SimulatedEvent e, StoredMessage message, string configurationSet) => new JsonObject
    {
        ["version"] = "0",
        ["id"] = Guid.NewGuid().ToString(),
        ["detail-type"] = e.DetailType,
        ["source"] = "aws.ses",
        ["account"] = message.CustomerCode,
        ["time"] = SesMailboxSimulator.Timestamp(message.SentAt),
        ["region"] = Region,
        ["resources"] = new JsonArray($"arn:aws:ses:{Region}:{message.CustomerCode}:configuration-set/{configurationSet}"),
        ["detail"] = new JsonObject
        {
            ["eventType"] = e.EventType,
            ["mail"] = Mail(message, configurationSet),
            [e.ObjectName] = e.Body.DeepClone(),
        },
    }.ToJsonString();

    private static JsonObject Mail(StoredMessage message, string configurationSet)
    {
        var tags = new JsonObject
        {
            ["ses:operation"] = new JsonArray("SendEmail"),
            ["ses:configuration-set"] = new JsonArray(configurationSet),
            ["ses:from-domain"] = new JsonArray(message.From.Split('@').Last().TrimEnd('>')),
        };
        foreach (var (name, value) in message.Tags)
            tags[name] = new JsonArray(value);
        return new JsonObject
        {
            ["timestamp"] = SesMailboxSimulator.Timestamp(message.SentAt),
            ["source"] = message.From,
            ["sendingAccountId"] = message.CustomerCode,
            ["messageId"] = message.MessageId,
            ["destination"] = new JsonArray(message.Recipient),
            ["headersTruncated"] = false,
            ["tags"] = tags,
        };
    }
}
