using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Configuration;

/// <summary>config.json in the established schema; new fields are optional.</summary>
public sealed record ChangeMgmtConfig
{
    [JsonPropertyName("aws_region")] public string? AwsRegion { get; init; }
    [JsonPropertyName("log_level")] public string? LogLevel { get; init; }
    [JsonPropertyName("s3_config")] public S3Config? S3Config { get; init; }
    [JsonPropertyName("customer_mappings")] public Dictionary<string, CustomerConfig> CustomerMappings { get; set; } = new(StringComparer.Ordinal);
    [JsonPropertyName("email_config")] public EmailConfig? EmailConfig { get; init; }
    [JsonPropertyName("delivery_ledger_table")] public string? DeliveryLedgerTable { get; init; }

    /// <summary>The delivery ledger table when <see cref="DeliveryLedgerTable"/> is not set.</summary>
    public const string DefaultDeliveryLedgerTable = "changemgmt-deliveries";
    [JsonPropertyName("auth")] public AuthConfig? Auth { get; init; }
    [JsonPropertyName("change_policy")] public ChangePolicyConfig? ChangePolicy { get; init; }
    [JsonPropertyName("route53_config")] public Route53Config? Route53Config { get; init; }
    [JsonPropertyName("reputation")] public ReputationConfig? Reputation { get; init; }
    [JsonPropertyName("bounce_policy")] public BouncePolicyConfig? BouncePolicy { get; init; }
    [JsonPropertyName("announcement_types")] public List<AnnouncementTypeConfig>? AnnouncementTypes { get; init; }
    /// <summary>The timed notices of approved changes (reminders, started, window ended); each customer may override.</summary>
    [JsonPropertyName("reminders")] public ReminderConfig? Reminders { get; init; }
    /// <summary>The alternate contacts of every account of every customer organization; each customer may override.</summary>
    [JsonPropertyName("contact_config")] public ContactConfig? ContactConfig { get; init; }

    [JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; set; }

    public IEnumerable<CustomerConfig> Customers => CustomerMappings.Values;

    public CustomerConfig? FindCustomer(string code) =>
        CustomerMappings.TryGetValue(code, out var customer) ? customer : null;

    public CustomerConfig? FindCustomerByQueueArn(string queueArn) =>
        Customers.FirstOrDefault(c => string.Equals(c.SqsQueueArn, queueArn, StringComparison.Ordinal));
}

/// <summary>config.json <c>change_policy</c> (optional): limits that warn when a change goes past them.</summary>
public sealed record ChangePolicyConfig
{
    public const double DefaultMaxWindowHours = 72;

    /// <summary>A window longer than this many hours is a warning at save, submit and approve (default 72).</summary>
    [JsonPropertyName("max_window_hours")] public double? MaxWindowHours { get; init; }
    /// <summary>Groups of customers whose changes should not overlap (<c>related_overlap</c> warnings).</summary>
    [JsonPropertyName("related")] public List<RelatedGroupConfig>? Related { get; init; }
    [JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; set; }

    public static TimeSpan MaxWindow(ChangeMgmtConfig config) =>
        TimeSpan.FromHours(config.ChangePolicy?.MaxWindowHours ?? DefaultMaxWindowHours);
}

public sealed record S3Config
{
    [JsonPropertyName("bucket_name")] public string? BucketName { get; init; }
    [JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; set; }
}

public sealed record CustomerConfig
{
    [JsonPropertyName("customer_code")] public string CustomerCode { get; set; } = "";
    [JsonPropertyName("customer_name")] public string? CustomerName { get; init; }
    [JsonPropertyName("environment")] public string? Environment { get; init; }
    [JsonPropertyName("region")] public string? Region { get; init; }
    [JsonPropertyName("ses_role_arn")] public string? SesRoleArn { get; init; }
    [JsonPropertyName("sqs_queue_arn")] public string? SqsQueueArn { get; init; }
    [JsonPropertyName("identity_center_role_arn")] public string? IdentityCenterRoleArn { get; init; }
    [JsonPropertyName("restricted_recipients")] public List<string>? RestrictedRecipients { get; init; }
    [JsonPropertyName("external_id")] public string? ExternalId { get; init; }
    [JsonPropertyName("contact_list_name")] public string? ContactListName { get; init; }
    [JsonPropertyName("max_send_rate")] public double? MaxSendRate { get; init; }
    [JsonPropertyName("bounce_policy")] public BouncePolicyConfig? BouncePolicy { get; init; }
    /// <summary>When the customer allows changes (optional); a window outside all of them is a warning.</summary>
    [JsonPropertyName("maintenance_windows")] public List<MaintenanceWindowConfig>? MaintenanceWindows { get; init; }
    /// <summary>This customer's timed notices, over config.json <c>reminders</c>.</summary>
    [JsonPropertyName("reminders")] public ReminderConfig? Reminders { get; init; }
    /// <summary>This customer's alternate contacts, over config.json <c>contact_config</c>.</summary>
    [JsonPropertyName("contact_config")] public ContactConfig? ContactConfig { get; init; }
    /// <summary>The role in the organization's management account for Organizations and the Account API.</summary>
    [JsonPropertyName("organization_role_arn")] public string? OrganizationRoleArn { get; init; }
    /// <summary>The read-only role in the management account the server's drift checks assume (customer-account template output OrganizationReaderRoleArn).</summary>
    [JsonPropertyName("organization_reader_role_arn")] public string? OrganizationReaderRoleArn { get; init; }
    [JsonPropertyName("management_account_id")] public string? ManagementAccountId { get; init; }
    [JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; set; }

    /// <summary>The contact list name used when a list is created and none is configured.</summary>
    public const string DefaultContactListName = "changemgmt";

    public string DisplayName => string.IsNullOrWhiteSpace(CustomerName) ? CustomerCode : CustomerName;
}

public sealed record EmailConfig
{
    [JsonPropertyName("sender_address")] public string? SenderAddress { get; init; }
    [JsonPropertyName("sender_name")] public string? SenderName { get; init; }
    [JsonPropertyName("meeting_organizer")] public string? MeetingOrganizer { get; init; }
    [JsonPropertyName("portal_base_url")] public string? PortalBaseUrl { get; init; }
    [JsonPropertyName("domain")] public string? Domain { get; init; }
    [JsonPropertyName("configuration_set")] public string? ConfigurationSet { get; init; }
    [JsonPropertyName("mail_from_subdomain")] public string? MailFromSubdomain { get; init; }
    [JsonPropertyName("dmarc_policy")] public string? DmarcPolicy { get; init; }
    [JsonPropertyName("dmarc_report_email")] public string? DmarcReportEmail { get; init; }
    [JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; set; }

    /// <summary>
    /// The configuration set Initialize-SesAccount creates and makes the sender identity's default when none is configured.
    /// Sends name a set only when <c>configuration_set</c> is configured: an account set up before it existed keeps sending.
    /// </summary>
    public const string DefaultConfigurationSet = "changemgmt";

    public static readonly IReadOnlyList<string> DmarcPolicies = ["none", "quarantine", "reject"];

    /// <summary>The From of every message: "sender_name" &lt;sender_address&gt;, or the address alone.</summary>
    public string FromHeader() =>
        SenderName is { Length: > 0 } name ? $"\"{name.Replace("\"", "")}\" <{SenderAddress}>" : SenderAddress!;

    public string ConfigurationSetName => string.IsNullOrWhiteSpace(ConfigurationSet) ? DefaultConfigurationSet : ConfigurationSet;

    /// <summary>The sender's domain identity: <c>domain</c>, else the sender address's domain.</summary>
    public string? SenderDomain => !string.IsNullOrWhiteSpace(Domain) ? Domain.Trim().ToLowerInvariant()
        : SenderAddress?.Split('@') is [_, var host] ? host.Trim().ToLowerInvariant() : null;

    /// <summary>The custom MAIL FROM domain (<c>mail_from_subdomain</c> under the sender domain), or null when none is configured.</summary>
    public string? MailFromDomain => string.IsNullOrWhiteSpace(MailFromSubdomain) || SenderDomain is null ? null : $"{MailFromSubdomain.Trim().ToLowerInvariant()}.{SenderDomain}";

    /// <summary>Whether the address is in <paramref name="domain"/> or one of its subdomains (a domain identity covers both).</summary>
    public static bool IsInDomain(string? address, string domain) =>
        address?.Split('@') is [_, var host] &&
        (host.Equals(domain, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase));
}

/// <summary>config.json <c>route53_config</c> (optional, global): the hosted zone Get-SesDnsRecord -Apply writes, and the role that may write it.</summary>
public sealed record Route53Config
{
    [JsonPropertyName("zone_id")] public string? ZoneId { get; init; }
    /// <summary>Assumed for every Route 53 call; without it the caller's own credentials are used.</summary>
    [JsonPropertyName("role_arn")] public string? RoleArn { get; init; }
    [JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; set; }

    /// <summary>The zone id without the <c>/hostedzone/</c> prefix Route 53 answers with.</summary>
    public string? HostedZoneId => ZoneId?.Trim().Replace("/hostedzone/", "", StringComparison.Ordinal);
}
