using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;

namespace ChangeMgmt.Core.AlternateContacts;

/// <summary>Turns what went wrong in an organization into a failure naming the customer, account, role, action and fix.</summary>
internal static class ContactErrors
{
    public const string AccountServicePrincipal = "account.amazonaws.com";

    public static ContactFailure NoRole(OrganizationConfig organization) => new(organization.CustomerCode, null,
        $"No role reaches {organization.CustomerCode}'s organization: organization_role_arn is not set"
        + (organization.ManagementAccountId is { } id ? $" and identity_center_role_arn is not in the management account {id}." : " and neither is identity_center_role_arn."),
        $"Set customer_mappings.{organization.CustomerCode}.organization_role_arn to the ChangeMgmt role in the organization's management account.");

    public static ContactFailure NoContactsConfigured(CustomerConfig customer) => new(customer.CustomerCode, null,
        "No complete alternate contact is configured for this customer.",
        $"Add contact_config (security_email, security_name, security_title, security_phone, and the billing_ and operations_ fields) to config.json or to customer_mappings.{customer.CustomerCode}.");

    public static ContactFailure NotManagementAccount(OrganizationConfig organization, string actual) => new(organization.CustomerCode, null,
        $"The organization's management account is {actual}, not {organization.ManagementAccountId} as configured.",
        $"Correct management_account_id (config.json or OrgConfig.json) for {organization.CustomerCode}, or the role ARN if it points into another organization.");

    public static ContactFailure TrustedAccessOff(OrganizationConfig organization, string managementAccountId) => new(organization.CustomerCode, null,
        $"Trusted access for AWS Account Management is not enabled in {organization.CustomerCode}'s organization (management account {managementAccountId}); member accounts' contacts cannot be read or set.",
        $"In the management account run: aws organizations enable-aws-service-access --service-principal {AccountServicePrincipal} (Organizations console: Services, AWS Account Management, Enable trusted access).");

    public static ContactFailure From(Exception error, OrganizationConfig organization, string? accountId, string action) => error switch
    {
        RoleAssumptionException e => new(organization.CustomerCode, accountId,
            $"The role {organization.RoleArn} ({organization.RoleField}) could not be assumed: {e.Message}",
            "Check that the role exists in the management account, trusts the caller and expects the configured external_id."
            + (organization.RoleField == "organization_reader_role_arn" ? ""
                : $" The server's drift checks assume customer_mappings.{organization.CustomerCode}.organization_reader_role_arn when it is set: the customer-account stack's output OrganizationReaderRoleArn, trusted by the delivery function.")),
        ServiceException { Kind: ServiceErrorKind.AccessDenied } e => new(organization.CustomerCode, accountId,
            $"The role {organization.RoleArn} may not call {action}{(accountId is null ? "" : $" for account {accountId}")}: {e.Message}",
            $"Allow {action} in the role's policy (the organization role of the customer-account template), and check trusted access for {AccountServicePrincipal}."),
        ServiceException { ErrorCode: "AWSOrganizationsNotInUseException" } => new(organization.CustomerCode, accountId,
            $"The account of the role {organization.RoleArn} ({organization.RoleField}) is in no organization.",
            RoleFix(organization)),
        ConfigException e => new(organization.CustomerCode, accountId, e.Problems.FirstOrDefault()?.Message ?? e.Message, e.Problems.FirstOrDefault()?.Fix ?? "Correct config.json."),
        _ => new(organization.CustomerCode, accountId, $"{action} through {organization.RoleArn} failed: {error.Message}", "Run the command again for this account; if it keeps failing, check the AWS Health Dashboard and the role's permissions."),
    };

    private static string RoleFix(OrganizationConfig organization) => organization.RoleField == "organization_role_arn"
        ? "Point organization_role_arn at the ChangeMgmt role in the organization's management account."
        : $"Set customer_mappings.{organization.CustomerCode}.organization_role_arn to the ChangeMgmt role in the organization's management account ({organization.RoleField} is used only while no organization role is set).";

    public static bool IsFailure(Exception error) => error is ServiceException or ConfigException or HttpRequestException or TimeoutException;
}
