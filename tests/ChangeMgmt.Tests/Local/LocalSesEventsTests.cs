using System.Text.Json.Nodes;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;

namespace ChangeMgmt.Tests.Local;

/// <summary>The local SES account publishes the events SES would, for the mailbox simulator's addresses and any other.</summary>
public sealed class LocalSesEventsTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly LocalFixture _fixture = new();

    private LocalSesAccount Acme => _fixture.Adapters.SesAccounts.ForCustomer("acme");

    public void Dispose() => _fixture.Dispose();

    private static OutgoingEmail Email(string to, string? configurationSet = "changemgmt") => new(
        From: "Change Management <changes@msp.example>", To: to, Subject: "Scheduled change", HtmlBody: "<p>x</p>", TextBody: "x",
        ListManagement: null, Attachments: [],
        Tags: new Dictionary<string, string> { ["customer"] = "acme", ["change"] = "CHG-20261130-7Q2K9D", ["notification"] = "Announcement", ["version"] = "3" },
        ConfigurationSetName: configurationSet);

    private async Task<List<(string Body, SesEvent Event)>> EventsAsync()
    {
        var queued = await _fixture.Adapters.Queue.PeekAsync(FeedbackQueue.Name, 100, Ct);
        return [.. queued.Select(m => (m.Body, Assert.IsType<SesEventParse.Parsed>(SesEventParser.Parse(m.Body)).Event))];
    }

    private async Task<string[]> KindsForAsync(string recipient)
    {
        var messageId = await Acme.SendEmailAsync(Email(recipient), Ct);
        return [.. (await EventsAsync()).Where(e => e.Event.MessageId == messageId).Select(e => Describe(e.Event))];
    }

    private static string Describe(SesEvent e) => e.Kind switch
    {
        SesEventKind.Bounce => $"Bounce {e.BounceType}/{e.BounceSubType}",
        SesEventKind.Complaint => $"Complaint {e.ComplaintFeedbackType}",
        _ => e.Kind.ToString(),
    };

    [Theory]
    [InlineData("success@simulator.amazonses.com", "Send,Delivery")]
    [InlineData("bounce@simulator.amazonses.com", "Send,Bounce Permanent/General")]
    [InlineData("Bounce+cab-review@simulator.amazonses.com", "Send,Bounce Permanent/General")]
    [InlineData("ooto@simulator.amazonses.com", "Send,Delivery")]
    [InlineData("complaint@simulator.amazonses.com", "Send,Delivery,Complaint abuse")]
    [InlineData("complaint+x@simulator.amazonses.com", "Send,Delivery,Complaint abuse")]
    [InlineData("suppressionlist@simulator.amazonses.com", "Send,Bounce Permanent/OnAccountSuppressionList")]
    [InlineData("jane@acme.example", "Send,Delivery")]
    [InlineData("bounce@acme.example", "Send,Delivery")]
    public async Task Each_address_gets_the_events_SES_publishes_for_it(string recipient, string expected) =>
        Assert.Equal(expected.Split(','), await KindsForAsync(recipient));

    [Fact]
    public async Task An_address_on_the_account_suppression_list_bounces_as_on_the_suppression_list()
    {
        await Acme.PutSuppressedDestinationAsync("gone@acme.example", SuppressionReason.Bounce, Ct);

        Assert.Equal(["Send", "Bounce Permanent/OnAccountSuppressionList"], await KindsForAsync("Gone@acme.example"));
    }

    [Fact]
    public async Task Events_are_EventBridge_envelopes_naming_the_message_its_recipient_and_tags()
    {
        var messageId = await Acme.SendEmailAsync(Email("bounce@simulator.amazonses.com"), Ct);

        var (body, bounce) = (await EventsAsync()).Single(e => e.Event.Kind == SesEventKind.Bounce);
        var json = JsonNode.Parse(body)!;
        Assert.Equal(("0", "aws.ses", "Email Bounced", "Bounce"), ((string)json["version"]!, (string)json["source"]!, (string)json["detail-type"]!, (string)json["detail"]!["eventType"]!));
        Assert.Equal("Announcement", (string)json["detail"]!["mail"]!["tags"]!["notification"]![0]!);
        Assert.Equal(messageId, bounce.MessageId);
        Assert.Equal(("acme", "CHG-20261130-7Q2K9D", NotificationKind.Announcement, 3), (bounce.Customer, bounce.ChangeId, bounce.Notification, bounce.Version));
        var recipient = Assert.Single(bounce.Recipients);
        Assert.Equal("bounce@simulator.amazonses.com", recipient.Address);
        Assert.Contains("550", recipient.DiagnosticCode);
        Assert.Equal(_fixture.Time.GetUtcNow(), bounce.OccurredAt);
    }

    [Fact]
    public async Task A_send_that_throws_and_a_message_without_a_configuration_set_publish_nothing()
    {
        await Acme.SetMaxSendRateAsync(1, Ct);
        await Acme.SendEmailAsync(Email("jane@acme.example", configurationSet: null), Ct);
        await Assert.ThrowsAsync<ServiceException>(() => Acme.SendEmailAsync(Email("bounce@simulator.amazonses.com"), Ct));

        Assert.Empty(await EventsAsync());
        Assert.Equal(1, await _fixture.Adapters.Outbox.CountAsync("acme", null, Ct));
    }

    [Fact]
    public async Task Publishing_can_be_turned_off()
    {
        using var quiet = new LocalFixture(o => o with { PublishSesEvents = false });

        await quiet.Adapters.SesAccounts.ForCustomer("acme").SendEmailAsync(Email("bounce@simulator.amazonses.com"), Ct);

        Assert.Empty(await quiet.Adapters.Queue.PeekAsync(FeedbackQueue.Name, 10, Ct));
    }
}
