using ChangeMgmt.Core.Identity;

namespace ChangeMgmt.Tests.Identity;

public sealed class CcoeGroupNameTests
{
    [Theory]
    [InlineData("ccoe-cloud-prod-123456789012-idp-billing-security", "prod", "123456789012", "billing", "security")]
    [InlineData("ccoe-cloud-prod-123456789012-idp-billing-portal-security", "prod", "123456789012", "billing-portal", "security")]
    [InlineData("ccoe-cloud-prod-123456789012-idp-a-b-c-d-devops", "prod", "123456789012", "a-b-c-d", "devops")]
    [InlineData("CCOE-Cloud-Prod-123456789012-IDP-Billing-Security", "Prod", "123456789012", "Billing", "Security")]
    [InlineData("ccoe-cloud-prod-123456789012-eu-west-1-idp-billing-cloudeng", "prod", "123456789012", "billing", "cloudeng")]
    [InlineData("ccoe-cloud-prod-123456789012-team-x-idp-app-finance", "prod", "123456789012", "app", "finance")]
    [InlineData("ccoe-cloud-shared-services-123456789012-idp-app-networking", "shared-services", "123456789012", "app", "networking")]
    [InlineData("ccoe-cloud-prod-123456789012-idp-idp-portal-security", "prod", "123456789012", "idp-portal", "security")]
    [InlineData("ccoe-cloud-dev-000000000000-idp-x-y", "dev", "000000000000", "x", "y")]
    public void Parses_account_id_application_and_role(string name, string account, string accountId, string application, string role)
    {
        Assert.True(CcoeGroupName.TryParse(name, out var group));
        Assert.Equal(new CcoeGroup(name, account, accountId, application, role), group);
        Assert.Equal(group, CcoeGroupName.Parse(name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ccoe-cloud-")]
    [InlineData("admins")]
    [InlineData("cloud-prod-123456789012-idp-billing-security")]
    [InlineData("xccoe-cloud-prod-123456789012-idp-billing-security")]
    [InlineData("ccoe-cloud-prod-123456789012-billing-security")]
    [InlineData("ccoe-cloud-prod-123456789012-idpx-billing-security")]
    [InlineData("ccoe-cloud-prod-12345678901a-idp-billing-security")]
    [InlineData("ccoe-cloud-prod-abcdefghijkl-idp-billing-security")]
    [InlineData("ccoe-cloud-prod-12345678901-idp-billing-security")]
    [InlineData("ccoe-cloud-prod-1234567890123-idp-billing-security")]
    [InlineData("ccoe-cloud-123456789012-idp-billing-security")]
    [InlineData("ccoe-cloud-prod-idp-123456789012-billing-security")]
    [InlineData("ccoe-cloud-prod-123456789012-idp-billing-security-")]
    [InlineData("ccoe-cloud-prod-123456789012-idp-security")]
    [InlineData("ccoe-cloud-prod-123456789012-idp-")]
    [InlineData("ccoe-cloud-prod-123456789012-idp")]
    [InlineData("ccoe-cloud-prod--123456789012-idp-billing-security")]
    [InlineData("ccoe-cloud-prod-123456789012-idp-billing--security")]
    [InlineData("ccoe-cloud-prod-１２３４５６７８９０１２-idp-billing-security")]
    public void Anything_else_is_not_a_ccoe_group(string? name)
    {
        Assert.False(CcoeGroupName.TryParse(name!, out _));
        Assert.Null(CcoeGroupName.Parse(name));
    }
}
