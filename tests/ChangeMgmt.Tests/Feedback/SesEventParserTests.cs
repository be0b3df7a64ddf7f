using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Ports;
using static ChangeMgmt.Testing.SesSamples;

namespace ChangeMgmt.Tests.Feedback;

public sealed class SesEventParserTests
{
    private static readonly DateTimeOffset EnvelopeTime = new(2026, 11, 30, 14, 21, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset MailTime = new(2026, 11, 30, 14, 20, 46, 311, TimeSpan.Zero);

    private static readonly Dictionary<string, Func<string, string>> Shapes = new()
    {
        ["eventbridge"] = r => EventBridge(r),
        ["sns"] = Sns,
        ["raw"] = r => r,
    };

    private static readonly Dictionary<string, (string Record, SesEventKind Kind)> Records = new()
    {
        ["send"] = (Send, SesEventKind.Send),
        ["delivery"] = (SesSamples.Delivery, SesEventKind.Delivery),
        ["permanent-bounce"] = (PermanentBounce, SesEventKind.Bounce),
        ["transient-bounce"] = (TransientBounce, SesEventKind.Bounce),
        ["complaint"] = (Complaint, SesEventKind.Complaint),
        ["reject"] = (Reject, SesEventKind.Reject),
        ["delivery-delay"] = (DeliveryDelay, SesEventKind.DeliveryDelay),
        ["rendering-failure"] = (RenderingFailure, SesEventKind.RenderingFailure),
        ["subscription"] = (Subscription, SesEventKind.Subscription),
    };

    public static TheoryData<string, string> EveryRecordInEveryShape()
    {
        var data = new TheoryData<string, string>();
        foreach (var record in Records.Keys)
            foreach (var shape in Shapes.Keys)
                data.Add(record, shape);
        return data;
    }

    private static SesEvent Parsed(string body) => Assert.IsType<SesEventParse.Parsed>(SesEventParser.Parse(body)).Event;

    private static string NotSesReason(string body) => Assert.IsType<SesEventParse.NotSesEvent>(SesEventParser.Parse(body)).Reason;

    [Theory]
    [MemberData(nameof(EveryRecordInEveryShape))]
    public void Every_event_type_in_every_shape_gives_its_kind_message_recipient_and_tags(string record, string shape)
    {
        var (json, kind) = Records[record];

        var e = Parsed(Shapes[shape](json));

        Assert.Equal((kind, MessageId), (e.Kind, e.MessageId));
        Assert.Equal(Recipient, Assert.Single(e.Recipients).Address);
        Assert.Equal(("acme", ChangeId, NotificationKind.ApprovalRequest), (e.Customer, e.ChangeId, e.Notification));
        Assert.Equal("changemgmt", e.Tags["ses:configuration-set"]);
        Assert.Equal(MailTime, e.SentAt);
    }

    [Fact]
    public void A_permanent_bounce_carries_type_subtype_and_the_recipients_diagnostic_at_the_bounce_time()
    {
        var e = Parsed(EventBridge(PermanentBounce));

        Assert.Equal((SesBounceType.Permanent, "General"), (e.BounceType, e.BounceSubType));
        Assert.Equal(new SesRecipient(Recipient, "5.1.1", "smtp; 550 5.1.1 user unknown"), Assert.Single(e.Recipients));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 14, 20, 48, TimeSpan.Zero), e.OccurredAt);
        Assert.Null(e.ComplaintFeedbackType);
    }

    [Fact]
    public void A_transient_bounce_is_transient_with_its_subtype()
    {
        var e = Parsed(Sns(TransientBounce));

        Assert.Equal((SesBounceType.Transient, "MailboxFull"), (e.BounceType, e.BounceSubType));
        Assert.Equal("smtp; 452 4.2.2 mailbox full", Assert.Single(e.Recipients).DiagnosticCode);
    }

    [Fact]
    public void Each_kind_carries_its_own_detail()
    {
        Assert.Equal("abuse", Parsed(EventBridge(Complaint)).ComplaintFeedbackType);
        Assert.Equal("Bad content", Parsed(EventBridge(Reject)).RejectReason);
        var delay = Parsed(EventBridge(DeliveryDelay));
        Assert.Equal(("TransientCommunicationFailure", new DateTimeOffset(2026, 12, 1, 14, 20, 46, TimeSpan.Zero)), (delay.DelayType, delay.DelayExpiresAt));
        Assert.Equal("4.4.1", Assert.Single(delay.Recipients).Status);
        Assert.Equal("Attribute 'title' is not present in the rendering data.", Parsed(Sns(RenderingFailure)).FailureMessage);
        var subscription = Parsed(Sns(Subscription));
        Assert.Equal(("acme-changes", true), (subscription.ContactList, subscription.UnsubscribedAll));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 17, 0, 17, 910, TimeSpan.Zero), subscription.OccurredAt);
    }

    [Fact]
    public void An_event_without_its_own_timestamp_takes_the_envelopes_then_the_mails()
    {
        Assert.Equal(EnvelopeTime, Parsed(EventBridge(Send)).OccurredAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 14, 21, 1, TimeSpan.Zero), Parsed(Sns(Reject)).OccurredAt);
        Assert.Equal(MailTime, Parsed(Send).OccurredAt);
    }

    [Fact]
    public void A_delivery_names_only_the_recipients_it_delivered_to()
    {
        var record = SesSamples.Delivery.Replace($"\"destination\": [\"{Recipient}\"]", $"\"destination\": [\"{Recipient}\", \"bob@acme.example\"]");

        var e = Parsed(EventBridge(record));

        Assert.Equal([Recipient], e.Recipients.Select(r => r.Address));
    }

    [Fact]
    public void An_identity_notification_over_sns_has_no_tags()
    {
        var e = Parsed(Sns(IdentityBounce));

        Assert.Equal((SesEventKind.Bounce, SesBounceType.Permanent, "NoEmail"), (e.Kind, e.BounceType, e.BounceSubType));
        Assert.Empty(e.Tags);
        Assert.Equal((null, null, null), (e.Customer, e.ChangeId, e.Notification));
    }

    [Fact]
    public void A_notification_tag_that_is_not_a_notification_kind_gives_no_notification()
    {
        var e = Parsed(Send.Replace("\"notification\": [\"ApprovalRequest\"]", "\"notification\": [\"Newsletter\"]"));

        Assert.Null(e.Notification);
        Assert.Equal("Newsletter", e.Tags["notification"]);
    }

    [Fact]
    public void An_eventbridge_event_from_another_source_is_not_an_ses_event()
    {
        Assert.Contains("'aws.s3'", NotSesReason(EventBridge(Send, source: "aws.s3")));
    }

    [Fact]
    public void An_ses_event_on_the_bus_that_is_not_a_sending_event_is_not_an_ses_event()
    {
        const string advisor = """{"version":"0","id":"1","detail-type":"Advisor Recommendation Status Open","source":"aws.ses","account":"111122223333","time":"2026-11-30T14:21:00Z","region":"eu-west-1","detail":{"recommendation":{"type":"DMARC"}}}""";

        Assert.Contains("Advisor Recommendation Status Open", NotSesReason(advisor));
    }

    [Fact]
    public void An_sns_notification_that_does_not_carry_an_ses_event_is_not_an_ses_event()
    {
        Assert.Contains("not JSON", NotSesReason(Sns("hello")));
        Assert.Contains("not an SES event", NotSesReason(Sns("""{"AlarmName":"high-bounce-rate"}""")));
    }

    [Fact]
    public void Another_body_is_not_an_ses_event()
    {
        Assert.Contains("neither", NotSesReason(SharedFixtures.Text("sqs-s3-event.json")));
    }

    [Fact]
    public void An_ses_record_without_a_message_id_or_recipients_is_not_an_ses_event()
    {
        Assert.Contains("mail.messageId", NotSesReason(EventBridge(Send.Replace($"\"messageId\": \"{MessageId}\",", ""))));
        Assert.Contains("names no recipient", NotSesReason(EventBridge(PermanentBounce.Replace("bouncedRecipients", "otherRecipients"))));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("[1, 2]")]
    [InlineData("")]
    public void A_body_that_is_not_a_json_object_is_malformed(string body)
    {
        var malformed = Assert.IsType<SesEventParse.Malformed>(SesEventParser.Parse(body));

        Assert.False(string.IsNullOrWhiteSpace(malformed.Reason));
        Assert.IsAssignableFrom<SesEventParse.DeadLetter>(malformed);
    }

    [Fact]
    public void Genuine_messages_without_an_event_are_ignored_not_dead_lettered()
    {
        const string confirmation = """{"Type":"SubscriptionConfirmation","MessageId":"1","Token":"t","TopicArn":"arn:aws:sns:eu-west-1:111122223333:changemgmt-ses-events","Message":"You have chosen to subscribe","SubscribeURL":"https://sns.example/confirm","Timestamp":"2026-11-30T14:21:01.000Z"}""";
        const string sesTopicTest = """{"notificationType":"AmazonSnsSubscriptionSucceeded","message":"You have successfully subscribed your Amazon SNS topic"}""";

        Assert.IsType<SesEventParse.Ignored>(SesEventParser.Parse(confirmation));
        Assert.IsType<SesEventParse.Ignored>(SesEventParser.Parse(Sns(sesTopicTest)));
        Assert.Contains("'Purchase'", Assert.IsType<SesEventParse.Ignored>(SesEventParser.Parse(Sns(Send.Replace("\"Send\"", "\"Purchase\"")))).Reason);
    }

    [Fact]
    public void Open_and_click_are_read_but_stand_for_no_outcome()
    {
        var open = Parsed(Sns(Send.Replace("\"eventType\": \"Send\"", "\"eventType\": \"Open\"").Replace("\"send\": {}", "\"open\": {\"ipAddress\":\"192.0.2.1\",\"timestamp\":\"2026-11-30T18:00:00.000Z\",\"userAgent\":\"Mozilla/5.0\"}")));

        Assert.Equal(SesEventKind.Open, open.Kind);
        Assert.Null(RecipientOutcomes.Of(open));
    }
}
