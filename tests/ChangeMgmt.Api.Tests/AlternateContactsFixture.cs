using System.Text.Json.Nodes;
using ChangeMgmt.Core.AlternateContacts;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeMgmt.Api.Tests;

/// <summary>
/// The server (AWS mode over the local backend) with customers' organizations in memory, swept every second as the
/// delivery function would: acme has one drifting account of three, globex has trusted access off, initech is in no
/// organization, umbrella has no contact_config (not configured).
/// </summary>
public sealed class AlternateContactsFixture : AuthFixture
{
    public const string AcmeManagement = "310000000001", AcmeDrifting = "310000000002", AcmeMatching = "310000000003";

    public static readonly AlternateContact Security = new("MSP SOC", "Security Operations", "soc@msp.example", "+14155550100");
    public static readonly AlternateContact Billing = new("MSP Billing", "Accounts", "billing@msp.example", "+14155550101");
    public static readonly AlternateContact Operations = new("MSP NOC", "Operations", "noc@msp.example", "+14155550102");
    public static readonly AlternateContact OldSecurity = new("Old SOC", "Existing", "soc-old@acme.example", "+15550000000");

    protected override void EditConfig(JsonObject config)
    {
        foreach (var code in new[] { "acme", "globex", "initech" })
            config["customer_mappings"]![code]!["contact_config"] = ContactConfig();
    }

    protected override void AddServices(IServiceCollection services)
    {
        var acme = new InMemoryOrganization(AcmeManagement, [AcmeDrifting, AcmeMatching]);
        foreach (var account in new[] { AcmeManagement, AcmeDrifting, AcmeMatching })
            acme.Set(account, AlternateContactType.Security, account == AcmeDrifting ? OldSecurity : Security)
                .Set(account, AlternateContactType.Billing, Billing).Set(account, AlternateContactType.Operations, Operations);
        services.AddSingleton<IOrganizationProvider>(new InMemoryOrganizations(new Dictionary<string, InMemoryOrganization>
        {
            ["acme"] = acme,
            ["globex"] = new("320000000001", ["320000000002"]) { TrustedAccess = false },
        }));
    }

    private static JsonObject ContactConfig()
    {
        var fields = new JsonObject();
        foreach (var (prefix, contact) in new[] { ("security", Security), ("billing", Billing), ("operations", Operations) })
        {
            fields[$"{prefix}_name"] = contact.Name;
            fields[$"{prefix}_title"] = contact.Title;
            fields[$"{prefix}_email"] = contact.Email;
            fields[$"{prefix}_phone"] = contact.Phone;
        }
        return fields;
    }
}
