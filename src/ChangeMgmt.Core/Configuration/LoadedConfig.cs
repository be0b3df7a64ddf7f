namespace ChangeMgmt.Core.Configuration;

/// <summary>config.json and SESConfig.json, validated, with topics expanded.</summary>
public sealed record LoadedConfig(
    ChangeMgmtConfig Config,
    SesConfig Ses,
    IReadOnlyList<Topic> Topics,
    string ConfigPath,
    string SesConfigPath)
{
    public string ConfigDirectory => Path.GetDirectoryName(Path.GetFullPath(ConfigPath)) ?? ".";

    /// <summary>OrgConfig.json beside config.json (the original tool's organizations), or none.</summary>
    public IReadOnlyList<OrgConfigEntry> Organizations { get; init; } = [];

    /// <summary>How the customer's AWS Organization is reached (management account and role).</summary>
    public OrganizationConfig Organization(CustomerConfig customer) => OrganizationConfig.For(customer, Organizations);

    public OrganizationConfig OrganizationReader(CustomerConfig customer) => OrganizationConfig.ForReading(customer, Organizations);

    public EmailConfig Email => Config.EmailConfig ?? new EmailConfig();

    /// <summary>The group prefix whose topics carry change notifications (the first one; "aws" by default).</summary>
    public string NotificationTopicPrefix =>
        Ses.TopicGroupPrefix?.FirstOrDefault()?.ToLowerInvariant() ?? "aws";

    /// <summary>The names among <paramref name="names"/> that SESConfig.json does not define (after expansion), each once.</summary>
    public IReadOnlyList<string> UnknownTopics(IEnumerable<string> names) =>
        [.. names.Where(name => Topics.All(t => t.TopicName != name)).Distinct(StringComparer.Ordinal)];

    public CustomerConfig Customer(string code) =>
        Config.FindCustomer(code) ?? throw new UnknownCustomerException(code, Config.CustomerMappings.Keys);
}

public sealed class UnknownCustomerException(string code, IEnumerable<string> known)
    : Exception($"Customer '{code}' is not in customer_mappings. Known customers: {string.Join(", ", known.Order())}.")
{
    public string CustomerCode { get; } = code;
}
