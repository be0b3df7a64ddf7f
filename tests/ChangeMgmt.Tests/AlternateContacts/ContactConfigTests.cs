using System.Text.Json.Nodes;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Tests.AlternateContacts;

/// <summary>
/// config.json <c>contact_config</c> (the original Alternate Contact Manager's fields), per-customer overrides,
/// the organization's role and management account (also from OrgConfig.json), and the per-field problems.
/// </summary>
public sealed class ContactConfigTests : IDisposable
{
    private const string Global = """
        {"security_email": "soc@msp.example", "security_name": "MSP SOC", "security_title": "Security Operations", "security_phone": "+14155550100",
         "billing_email": "billing@msp.example", "billing_name": "MSP Billing", "billing_title": "Accounts", "billing_phone": "+1 (415) 555-0101"}
        """;

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private LoadedConfig Load(Action<JsonObject> edit, string? orgConfig = null)
    {
        if (orgConfig is not null) File.WriteAllText(temp.File(OrgConfigEntry.FileName), orgConfig);
        return temp.LoadEditedConfig(edit);
    }

    private IReadOnlyList<ConfigProblem> Problems(Action<JsonObject> edit) =>
        Assert.Throws<ConfigException>(() => Load(edit)).Problems;

    [Fact]
    public void The_users_config_loads_unchanged_with_no_contacts_and_the_identity_center_role_for_the_organization()
    {
        var loaded = Load(_ => { });

        Assert.Null(loaded.Config.ContactConfig);
        Assert.All(ContactConfig.For(loaded.Config, loaded.Customer("acme")).Types(), t => Assert.True(t.IsEmpty));
        var organization = loaded.Organization(loaded.Customer("acme"));
        Assert.Equal(("arn:aws:iam::210000000001:role/changemgmt-identity-reader", "identity_center_role_arn", null), (organization.RoleArn, organization.RoleField, organization.ManagementAccountId));
    }

    [Fact]
    public void A_customers_field_wins_field_by_field_over_the_global_contact()
    {
        var loaded = Load(c =>
        {
            c["contact_config"] = JsonNode.Parse(Global);
            c["customer_mappings"]!["acme"]!["contact_config"] = JsonNode.Parse("""{"security_email": "security@acme.example"}""");
        });

        var acme = ContactConfig.For(loaded.Config, loaded.Customer("acme"));
        var globex = ContactConfig.For(loaded.Config, loaded.Customer("globex"));

        Assert.Equal(("security@acme.example", "MSP SOC", "+14155550100"), (acme.SecurityEmail, acme.SecurityName, acme.SecurityPhone));
        Assert.Equal("soc@msp.example", globex.SecurityEmail);
        Assert.True(acme.Types().Single(t => t.Prefix == "operations").IsEmpty);
    }

    [Fact]
    public void OrgConfig_json_beside_config_gives_the_management_account_by_prefix_and_a_role_elsewhere_needs_organization_role_arn()
    {
        var loaded = Load(_ => { }, """
            [{"mocb_org_friendly_name": "Acme", "mocb_org_prefix": "acme", "environment": "production", "management_account_id": "210000000001"},
             {"mocb_org_friendly_name": "Globex", "mocb_org_prefix": "globex", "environment": "production", "management_account_id": "999999999999"}]
            """);

        Assert.Equal(("210000000001", "identity_center_role_arn"), (loaded.Organization(loaded.Customer("acme")).ManagementAccountId, loaded.Organization(loaded.Customer("acme")).RoleField));
        var globex = loaded.Organization(loaded.Customer("globex"));
        Assert.Equal(("999999999999", null), (globex.ManagementAccountId, globex.RoleArn));
    }

    [Fact]
    public void Organization_role_arn_and_management_account_id_in_config_win()
    {
        var loaded = Load(c =>
        {
            c["customer_mappings"]!["acme"]!["organization_role_arn"] = "arn:aws:iam::300000000001:role/changemgmt-org";
            c["customer_mappings"]!["acme"]!["management_account_id"] = "300000000001";
        }, """[{"mocb_org_prefix": "acme", "management_account_id": "210000000001"}]""");

        var organization = loaded.Organization(loaded.Customer("acme"));

        Assert.Equal(("300000000001", "arn:aws:iam::300000000001:role/changemgmt-org", "organization_role_arn"), (organization.ManagementAccountId, organization.RoleArn, organization.RoleField));
    }

    [Fact]
    public void Bad_fields_are_named_one_by_one_with_the_AWS_limits()
    {
        var problems = Problems(c =>
        {
            c["contact_config"] = JsonNode.Parse(Global);
            c["customer_mappings"]!["acme"]!["contact_config"] = JsonNode.Parse($$"""
                {"security_email": "not-an-address", "security_phone": "call 555", "security_name": "{{new string('n', 65)}}", "billing_title": "{{new string('t', 51)}}"}
                """);
            c["customer_mappings"]!["acme"]!["management_account_id"] = "12345";
            c["customer_mappings"]!["acme"]!["organization_role_arn"] = "role/changemgmt";
            c["customer_mappings"]!["acme"]!["organization_reader_role_arn"] = "changemgmt-organization-reader";
        });

        Assert.Equal(
            [
                "customer_mappings.acme.contact_config.billing_title",
                "customer_mappings.acme.contact_config.security_email",
                "customer_mappings.acme.contact_config.security_name",
                "customer_mappings.acme.contact_config.security_phone",
                "customer_mappings.acme.management_account_id",
                "customer_mappings.acme.organization_reader_role_arn",
                "customer_mappings.acme.organization_role_arn",
            ],
            problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.Contains("at most 64", problems.Single(p => p.Path.EndsWith("security_name")).Message);
        Assert.Contains("E.164", problems.Single(p => p.Path.EndsWith("security_phone")).Fix);
    }

    [Fact]
    public void A_contact_type_missing_a_field_after_the_override_loads_as_the_original_did_and_is_named_as_incomplete()
    {
        var loaded = Load(c => c["customer_mappings"]!["globex"]!["contact_config"] = JsonNode.Parse(
            """{"operations_email": "ops@globex.example", "operations_name": "Globex NOC", "operations_phone": "+442071234567"}"""));

        var problem = Assert.Single(ContactConfig.Incomplete(loaded.Config, loaded.Customer("globex"), loaded.ConfigPath));

        Assert.Equal("customer_mappings.globex.contact_config.operations_title", problem.Path);
    }

    [Fact]
    public void An_OrgConfig_entry_without_a_prefix_is_named_in_its_file()
    {
        var problems = Assert.Throws<ConfigException>(() => Load(_ => { }, """[{"management_account_id": "1"}]""")).Problems;

        Assert.Equal(["[0].management_account_id", "[0].mocb_org_prefix"], problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.All(problems, p => Assert.EndsWith(OrgConfigEntry.FileName, p.File));
    }
}
