using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Ses;

/// <summary>Reads SES v2 answers into the port's records; an answer missing a required field is an error of the service.</summary>
internal sealed class SesResponses(string customerCode)
{
    public SesContactList ContactList(JsonNode? node) => new(
        Required(node, "ContactListName"),
        (string?)node?["Description"],
        [.. Items(node, "Topics").Select(Topic)],
        Timestamp(node?["CreatedTimestamp"]),
        Timestamp(node?["LastUpdatedTimestamp"]));

    /// <summary>ListContactLists answers names and last-update times only.</summary>
    public Page<SesContactList> ContactLists(JsonNode? node) => new(
        [.. Items(node, "ContactLists").Select(l => new SesContactList(Required(l, "ContactListName"), null, [], LastUpdatedTimestamp: Timestamp(l?["LastUpdatedTimestamp"])))],
        NextToken(node));

    public SesContact Contact(JsonNode? node) => new(
        Required(node, "EmailAddress"),
        Preferences(node, "TopicPreferences"),
        (bool?)node?["UnsubscribeAll"] ?? false,
        (string?)node?["AttributesData"],
        node?["TopicDefaultPreferences"] is null ? null : Preferences(node, "TopicDefaultPreferences"),
        Timestamp(node?["CreatedTimestamp"]),
        Timestamp(node?["LastUpdatedTimestamp"]));

    public Page<SesContact> Contacts(JsonNode? node) => new([.. Items(node, "Contacts").Select(Contact)], NextToken(node));

    public SuppressedDestination SuppressedDestination(JsonNode? node) => new(
        Required(node, "EmailAddress"),
        Required(node, "Reason") == "BOUNCE" ? SuppressionReason.Bounce : SuppressionReason.Complaint,
        Timestamp(node?["LastUpdateTime"]) ?? throw Malformed("LastUpdateTime"));

    public Page<SuppressedDestination> SuppressedDestinations(JsonNode? node) =>
        new([.. Items(node, "SuppressedDestinationSummaries").Select(SuppressedDestination)], NextToken(node));

    public SendQuota SendQuota(JsonNode? account)
    {
        var quota = account?["SendQuota"] ?? throw Malformed("SendQuota");
        return new SendQuota(Number(quota, "MaxSendRate"), Number(quota, "Max24HourSend"), Number(quota, "SentLast24Hours"));
    }

    public string MessageId(JsonNode? node) => Required(node, "MessageId");

    public SesAccountDetails Account(JsonNode? node) => new(
        (bool?)node?["ProductionAccessEnabled"] ?? false,
        (bool?)node?["SendingEnabled"] ?? false,
        (string?)node?["EnforcementStatus"],
        SendQuota(node),
        [.. Items(node?["SuppressionAttributes"], "SuppressedReasons").Select(r => (string?)r == "BOUNCE" ? SuppressionReason.Bounce : SuppressionReason.Complaint)]);

    /// <summary>GetEmailIdentity answers without the identity's name: it is the one asked for.</summary>
    public SesEmailIdentity EmailIdentity(string identityName, JsonNode? node)
    {
        var dkim = node?["DkimAttributes"];
        var mailFrom = node?["MailFromAttributes"];
        return new(identityName,
            (string?)node?["IdentityType"],
            (bool?)node?["VerifiedForSendingStatus"] ?? false,
            (string?)node?["VerificationStatus"],
            new SesDkimAttributes((bool?)dkim?["SigningEnabled"] ?? false, (string?)dkim?["Status"],
                [.. Items(dkim, "Tokens").Select(t => (string?)t).OfType<string>()],
                (string?)dkim?["CurrentSigningKeyLength"], (string?)dkim?["NextSigningKeyLength"], (string?)dkim?["SigningAttributesOrigin"]),
            (string?)mailFrom?["MailFromDomain"] is { Length: > 0 } domain
                ? new SesMailFromAttributes(domain, (string?)mailFrom["MailFromDomainStatus"], (string?)mailFrom["BehaviorOnMxFailure"])
                : null,
            (string?)node?["ConfigurationSetName"]);
    }

    public SesConfigurationSet ConfigurationSet(JsonNode? node) => new(
        Required(node, "ConfigurationSetName"),
        Flag(node?["SendingOptions"]?["SendingEnabled"]) ?? true,
        Flag(node?["ReputationOptions"]?["ReputationMetricsEnabled"]) ?? false);

    // A peer that nests where SES has a boolean (moto's SendingOptions) reads as not said.
    private static bool? Flag(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    /// <summary>SES writes timestamps as epoch seconds (a number, maybe fractional); other peers write ISO 8601 strings.</summary>
    public static DateTimeOffset? Timestamp(JsonNode? node)
    {
        if (node is not JsonValue value) return null;
        if (value.GetValueKind() == JsonValueKind.Number)
            return FromEpochSeconds(value.GetValue<double>());
        var text = (string?)value;
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            return FromEpochSeconds(seconds);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
    }

    private static DateTimeOffset FromEpochSeconds(double seconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));

    private SesTopic Topic(JsonNode? node) => new(
        Required(node, "TopicName"),
        (string?)node?["DisplayName"] ?? "",
        (string?)node?["Description"] ?? "",
        Status(node, "DefaultSubscriptionStatus"));

    private IReadOnlyList<TopicPreference> Preferences(JsonNode? node, string name) =>
        [.. Items(node, name).Select(p => new TopicPreference(Required(p, "TopicName"), Status(p, "SubscriptionStatus")))];

    private SubscriptionStatus Status(JsonNode? node, string name) =>
        SubscriptionStatuses.Parse((string?)node?[name]) ?? throw Malformed(name);

    private static IEnumerable<JsonNode?> Items(JsonNode? node, string name) => node?[name] as JsonArray ?? [];

    private static string? NextToken(JsonNode? node) => (string?)node?["NextToken"] is { Length: > 0 } token ? token : null;

    private string Required(JsonNode? node, string name) => (string?)node?[name] ?? throw Malformed(name);

    private double Number(JsonNode node, string name) => (double?)node[name] ?? throw Malformed(name);

    private ServiceException Malformed(string field) =>
        new(ServiceErrorKind.Other, $"{customerCode}: SES answered without {field}.", customerCode);
}
