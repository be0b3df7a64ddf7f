using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Customers;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Rendering;
using ChangeMgmt.Core.Resilience;
using ChangeMgmt.Core.Subscriptions;

namespace ChangeMgmt.Core.Readiness;

/// <summary>What Send-SesTestEmail sent: the message id SES gave, and how it was addressed.</summary>
public sealed record TestEmailResult(
    string CustomerCode, string To, string MessageId, string? ConfigurationSetName, string ContactListName, string TopicName,
    bool IsContact, bool IsSimulator);

/// <summary>
/// One test message to one address through the delivery path: the customer's account (its role),
/// the From of every notice, the customer's layout, list management (contact list and topic, so
/// SES adds its unsubscribe headers), the configuration set, the send pacing and retry.
/// </summary>
public sealed class TestEmail(LoadedConfig config, ISesAccountProvider accounts, NotificationRenderer renderer, TimeProvider time)
{
    public const string SimulatorDomain = "simulator.amazonses.com";

    /// <summary>The recipient's own preferences link, as every notice has it.</summary>
    public PreferenceLinks Links { get; init; } = PreferenceLinks.None(config.Email);

    /// <summary>SES's mailbox simulator: success@, bounce@, ooto@, complaint@, suppressionlist@ (and their +labels).</summary>
    public static bool IsSimulator(string address) => address.EndsWith("@" + SimulatorDomain, StringComparison.OrdinalIgnoreCase);

    /// <summary>The topic of change announcements, used when no topic is given.</summary>
    public string DefaultTopic => $"{config.NotificationTopicPrefix}-announce";

    public async Task<TestEmailResult> SendAsync(CustomerConfig customer, string to, string? topic, CancellationToken ct)
    {
        var account = accounts.ForCustomer(customer.CustomerCode);
        var list = await CustomerListLookup.ReadAsync(account, customer, ct);
        var topicName = topic ?? DefaultTopic;
        if (!list.Topics.Any(t => t.TopicName == topicName))
            throw new InvalidOperationException($"{customer.CustomerCode}: contact list {list.ContactListName} has no topic {topicName}; run Sync-SesTopic -Customer {customer.CustomerCode}.");
        var isContact = await IsContactAsync(account, list.ContactListName, to, ct);
        var rendered = renderer.RenderTest(customer);
        var email = Links.Address(new OutgoingEmail(config.Email.FromHeader(), to, rendered.Subject, rendered.HtmlBody, rendered.TextBody,
            new ListManagementOptions(list.ContactListName, topicName), rendered.Attachments,
            new Dictionary<string, string> { ["customer"] = customer.CustomerCode, ["notification"] = "Test" },
            config.Email.ConfigurationSet), customer.CustomerCode, to);
        var sender = new EmailSender(RetryPolicy.Default, new DeliveryCounters(), time);
        var messageId = await sender.SendAsync(account, new CallPacer(1, time), email, CancellationToken.None, ct)
            ?? throw new OperationCanceledException(ct);
        var set = config.Email.ConfigurationSet ?? (config.Email.SenderDomain is { } domain ? (await SesLookups.IdentityAsync(account, domain, ct))?.ConfigurationSetName : null);
        return new TestEmailResult(customer.CustomerCode, to, messageId, set, list.ContactListName, topicName, isContact, IsSimulator(to));
    }

    private static async Task<bool> IsContactAsync(ISesAccount account, string listName, string address, CancellationToken ct)
    {
        try
        {
            await account.GetContactAsync(listName, address, ct);
            return true;
        }
        catch (ServiceException ex) when (ex.Kind == ServiceErrorKind.NotFound)
        {
            return false;
        }
    }
}
