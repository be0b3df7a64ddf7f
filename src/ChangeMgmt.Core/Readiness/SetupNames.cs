using ChangeMgmt.Core.Dns;

namespace ChangeMgmt.Core.Readiness;

/// <summary>The names of setup steps and deliverability checks, as they appear in output and fixes.</summary>
public static class SetupNames
{
    public const string ConfigurationSet = "ConfigurationSet";
    public const string DomainIdentity = "DomainIdentity";
    public const string EasyDkim = "EasyDkim";
    public const string MailFrom = "MailFrom";
    public const string SuppressionReasons = "SuppressionReasons";
    public const string ProductionAccess = "ProductionAccess";
    public const string ContactList = "ContactList";

    public static string InitializeCommand(string customerCode) => $"Initialize-SesAccount -Customer {customerCode}";

    /// <summary>The CNAME records that verify Easy DKIM for a domain.</summary>
    public static string DkimRecords(string customerCode, string domain, IReadOnlyList<string> tokens) => tokens.Count == 0
        ? $"the DKIM CNAME records SES lists for {domain}"
        : string.Join(", ", tokens.Select(t => SesDnsRecords.Dkim(customerCode, domain, t)).Select(r => $"{r.Name} {r.Type} {r.Value}"));
}
