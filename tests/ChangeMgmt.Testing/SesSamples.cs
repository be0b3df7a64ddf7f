using System.Text.Json.Nodes;

namespace ChangeMgmt.Testing;

/// <summary>
/// SES event records as the SES developer guide shows them ("Examples of event data that Amazon SES publishes
/// to Amazon SNS"; the same records are EventBridge's <c>detail</c>), with our message tags, and the two
/// envelopes they reach <c>POST /events</c> in.
/// </summary>
public static class SesSamples
{
    public const string MessageId = "0100018c1a2b3c4d-5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9-000000";
    public const string Recipient = "jane@acme.example";
    public const string ChangeId = "CHG-20261130-7Q2K9D";
    public const string Customer = "acme";
    public const int Version = 2;

    private static string Mail(bool tagged = true) => $$"""
        "mail": {
          "timestamp": "2026-11-30T14:20:46.311Z",
          "source": "Change Management <changes@msp.example>",
          "sourceArn": "arn:aws:ses:eu-west-1:111122223333:identity/msp.example",
          "sendingAccountId": "111122223333",
          "messageId": "{{MessageId}}",
          "destination": ["{{Recipient}}"],
          "headersTruncated": false,
          "headers": [{ "name": "From", "value": "Change Management <changes@msp.example>" }, { "name": "To", "value": "{{Recipient}}" }],
          "commonHeaders": { "from": ["Change Management <changes@msp.example>"], "to": ["{{Recipient}}"], "messageId": "{{MessageId}}", "subject": "Approval requested" }
          {{(tagged ? $$""", "tags": { "ses:operation": ["SendEmail"], "ses:configuration-set": ["changemgmt"], "ses:source-ip": ["192.0.2.0"], "ses:from-domain": ["msp.example"], "ses:caller-identity": ["changemgmt-delivery"], "customer": ["{{Customer}}"], "change": ["{{ChangeId}}"], "notification": ["ApprovalRequest"], "version": ["{{Version}}"] }""" : "")}}
        }
        """;

    public static string Send => $$"""{ "eventType": "Send", {{Mail()}}, "send": {} }""";

    public static string Delivery => $$"""
        { "eventType": "Delivery", {{Mail()}},
          "delivery": { "timestamp": "2026-11-30T14:20:47.520Z", "processingTimeMillis": 1209, "recipients": ["{{Recipient}}"],
                        "smtpResponse": "250 2.6.0 Message received", "reportingMTA": "a8-70.smtp-out.amazonses.com" } }
        """;

    public static string PermanentBounce => $$"""
        { "eventType": "Bounce", {{Mail()}},
          "bounce": { "bounceType": "Permanent", "bounceSubType": "General",
                      "bouncedRecipients": [{ "emailAddress": "{{Recipient}}", "action": "failed", "status": "5.1.1", "diagnosticCode": "smtp; 550 5.1.1 user unknown" }],
                      "timestamp": "2026-11-30T14:20:48.000Z", "feedbackId": "0100018c1a2b3c4e-feedback-000000", "reportingMTA": "dsn; mta.acme.example" } }
        """;

    public static string TransientBounce => $$"""
        { "eventType": "Bounce", {{Mail()}},
          "bounce": { "bounceType": "Transient", "bounceSubType": "MailboxFull",
                      "bouncedRecipients": [{ "emailAddress": "{{Recipient}}", "action": "failed", "status": "4.2.2", "diagnosticCode": "smtp; 452 4.2.2 mailbox full" }],
                      "timestamp": "2026-11-30T15:20:48.000Z", "feedbackId": "0100018c1a2b3c4f-feedback-000000", "reportingMTA": "dsn; mta.acme.example" } }
        """;

    public static string Complaint => $$"""
        { "eventType": "Complaint", {{Mail()}},
          "complaint": { "complainedRecipients": [{ "emailAddress": "{{Recipient}}" }], "timestamp": "2026-11-30T16:00:00.000Z",
                         "feedbackId": "0100018c1a2b3c50-feedback-000000", "userAgent": "Mozilla/5.0", "complaintFeedbackType": "abuse",
                         "arrivalDate": "2026-11-30T15:59:58.000Z" } }
        """;

    public static string Reject => $$"""{ "eventType": "Reject", {{Mail()}}, "reject": { "reason": "Bad content" } }""";

    public static string DeliveryDelay => $$"""
        { "eventType": "DeliveryDelay", {{Mail()}},
          "deliveryDelay": { "timestamp": "2026-11-30T14:50:00.000Z", "delayType": "TransientCommunicationFailure", "expirationTime": "2026-12-01T14:20:46.000Z",
                             "delayedRecipients": [{ "emailAddress": "{{Recipient}}", "status": "4.4.1", "diagnosticCode": "smtp; 421 4.4.1 Unable to connect" }],
                             "reportingMTA": "a8-70.smtp-out.amazonses.com" } }
        """;

    public static string RenderingFailure => $$"""
        { "eventType": "Rendering Failure", {{Mail()}},
          "failure": { "errorMessage": "Attribute 'title' is not present in the rendering data.", "templateName": "approval" } }
        """;

    public static string Subscription => $$"""
        { "eventType": "Subscription", {{Mail()}},
          "subscription": { "contactList": "acme-changes", "timestamp": "2026-11-30T17:00:17.910Z", "source": "UnsubscribeHeader",
                            "newTopicPreferences": { "unsubscribeAll": true, "topicSubscriptionStatus": [{ "topicName": "aws-approval", "subscriptionStatus": "OptOut" }] },
                            "oldTopicPreferences": { "unsubscribeAll": false, "topicSubscriptionStatus": [{ "topicName": "aws-approval", "subscriptionStatus": "OptIn" }] } } }
        """;

    /// <summary>An identity feedback notification (no configuration set): <c>notificationType</c>, no tags.</summary>
    public static string IdentityBounce => $$"""
        { "notificationType": "Bounce", {{Mail(tagged: false)}},
          "bounce": { "feedbackId": "0100018c1a2b3c51-feedback-000000", "bounceType": "Permanent", "bounceSubType": "NoEmail",
                      "bouncedRecipients": [{ "emailAddress": "{{Recipient}}", "action": "failed", "status": "5.1.1", "diagnosticCode": "smtp; 550 5.1.1 no such user" }],
                      "timestamp": "2026-11-30T14:20:49.000Z", "remoteMtaIp": "198.51.100.7", "reportingMTA": "dns; a8-70.smtp-out.amazonses.com" } }
        """;

    public static readonly Dictionary<string, string> DetailTypes = new()
    {
        ["Send"] = "Email Sent", ["Delivery"] = "Email Delivered", ["Bounce"] = "Email Bounced", ["Complaint"] = "Email Complaint Received",
        ["Reject"] = "Email Rejected", ["DeliveryDelay"] = "Email Delivery Delayed", ["Rendering Failure"] = "Email Rendering Failed",
        ["Subscription"] = "Email Subscribed",
    };

    /// <summary>The record as SES puts it on the customer's default bus (forwarded unchanged to the MSP bus and SQS).</summary>
    public static string EventBridge(string record, string source = "aws.ses")
    {
        var detail = JsonNode.Parse(record)!;
        return new JsonObject
        {
            ["version"] = "0",
            ["id"] = "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
            ["detail-type"] = DetailTypes[(string)detail["eventType"]!],
            ["source"] = source,
            ["account"] = "111122223333",
            ["time"] = "2026-11-30T14:21:00Z",
            ["region"] = "eu-west-1",
            ["resources"] = new JsonArray("arn:aws:ses:eu-west-1:111122223333:configuration-set/changemgmt"),
            ["detail"] = detail,
        }.ToJsonString();
    }

    /// <summary>The record as an SNS notification: the record is a string in Message.</summary>
    public static string Sns(string record) => new JsonObject
    {
        ["Type"] = "Notification",
        ["MessageId"] = "2b7c8e5f-5c8d-5b1a-9e2c-8f6d2c1a7e90",
        ["TopicArn"] = "arn:aws:sns:eu-west-1:111122223333:changemgmt-ses-events",
        ["Message"] = record,
        ["Timestamp"] = "2026-11-30T14:21:01.000Z",
        ["SignatureVersion"] = "1",
        ["Signature"] = "EXAMPLE",
        ["SigningCertURL"] = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-EXAMPLE.pem",
        ["UnsubscribeURL"] = "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=EXAMPLE",
    }.ToJsonString();

    /// <summary>
    /// The record about another send: SES's message id, the recipient and the tags of <paramref name="sent"/> in place of the
    /// samples' (every sample names the same ones, so a whole-string replace is exact). Apply it before wrapping the record in an envelope.
    /// </summary>
    public static string About(string record, ChangeMgmt.Core.Ports.DeliveryKey sent, string messageId) =>
        record.Replace(MessageId, messageId, StringComparison.Ordinal)
            .Replace(Recipient, sent.Recipient, StringComparison.Ordinal)
            .Replace(Tag("customer", Customer), Tag("customer", sent.CustomerCode), StringComparison.Ordinal)
            .Replace(Tag("change", ChangeId), Tag("change", sent.ChangeId), StringComparison.Ordinal)
            .Replace(Tag("notification", "ApprovalRequest"), Tag("notification", sent.Kind.ToString()), StringComparison.Ordinal)
            .Replace(Tag("version", Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Tag("version", sent.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), StringComparison.Ordinal);

    private static string Tag(string name, string value) => $"\"{name}\": [\"{value}\"]";
}
