using System.Net;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Rendering;

namespace ChangeMgmt.Core.Subscriptions;

/// <summary>
/// Puts each recipient's own preferences link into the message rendered once for all of a customer's recipients,
/// where the layout left <see cref="Placeholder"/>. Without token keys (a host that has no secret) or a
/// portal_base_url, SES's own unsubscribe and preferences page stands in for it.
/// </summary>
public sealed class PreferenceLinks(EmailConfig email, PreferenceToken? tokens)
{
    public const string Placeholder = "{{changemgmtPreferencesUrl}}";
    private const string SesPreferences = "{{amazonSESUnsubscribeUrl}}";

    /// <summary>No link of our own: SES's page stands in.</summary>
    public static PreferenceLinks None(EmailConfig email) => new(email, null);

    /// <summary>The message addressed to <paramref name="recipient"/>, with that recipient's link.</summary>
    public OutgoingEmail Address(OutgoingEmail message, string customerCode, string recipient)
    {
        var url = UrlFor(customerCode, recipient);
        return message with
        {
            To = recipient,
            HtmlBody = message.HtmlBody.Replace(Placeholder, WebUtility.HtmlEncode(url), StringComparison.Ordinal),
            TextBody = message.TextBody.Replace(Placeholder, url, StringComparison.Ordinal),
        };
    }

    public string UrlFor(string customerCode, string recipient) =>
        tokens is not null && PortalLinks.Preferences(email, tokens.Issue(customerCode, recipient)) is { } url ? url : SesPreferences;
}
