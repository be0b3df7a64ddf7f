using System.Globalization;

namespace ChangeMgmt.Aws.Ses;

/// <summary>The SES v2 REST paths; every caller-supplied segment is percent-encoded ('@' and '+' in addresses).</summary>
internal static class SesPaths
{
    public const string ContactLists = "/v2/email/contact-lists";
    public const string Suppression = "/v2/email/suppression/addresses";
    public const string Account = "/v2/email/account";
    public const string OutboundEmails = "/v2/email/outbound-emails";
    public const string AccountSuppression = "/v2/email/account/suppression";
    public const string AccountDetails = "/v2/email/account/details";
    public const string Identities = "/v2/email/identities";
    public const string ConfigurationSets = "/v2/email/configuration-sets";

    public static string Identity(string identity) => $"{Identities}/{Segment(identity)}";

    public static string MailFrom(string identity) => $"{Identity(identity)}/mail-from";
    public static string IdentityConfigurationSet(string identity) => $"{Identity(identity)}/configuration-set";

    /// <summary>PutEmailIdentityDkimSigningAttributes is under /v1 in the SES v2 API reference.</summary>
    public static string DkimSigning(string identity) => $"/v1/email/identities/{Segment(identity)}/dkim/signing";

    public static string ConfigurationSet(string name) => $"{ConfigurationSets}/{Segment(name)}";

    public static string ContactList(string name) => $"{ContactLists}/{Segment(name)}";

    public static string Contacts(string listName) => $"{ContactList(listName)}/contacts";

    public static string Contact(string listName, string emailAddress) => $"{Contacts(listName)}/{Segment(emailAddress)}";

    /// <summary>ListContacts is a POST with the filter and paging in the body.</summary>
    public static string ListContacts(string listName) => $"{Contacts(listName)}/list";

    public static string SuppressedDestination(string emailAddress) => $"{Suppression}/{Segment(emailAddress)}";

    /// <summary>The path with its query string; parameters whose value is null are left out.</summary>
    public static string WithQuery(string path, params (string Name, object? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null)
            .Select(p => $"{p.Name}={Uri.EscapeDataString(Convert.ToString(p.Value, CultureInfo.InvariantCulture)!)}")
            .ToList();
        return present.Count == 0 ? path : $"{path}?{string.Join('&', present)}";
    }

    private static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return Uri.EscapeDataString(value);
    }
}
