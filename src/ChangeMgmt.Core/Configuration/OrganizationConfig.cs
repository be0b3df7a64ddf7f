namespace ChangeMgmt.Core.Configuration;

/// <summary>
/// How a customer's AWS Organization is reached: its management account (config.json <c>management_account_id</c>,
/// else OrgConfig.json's entry whose mocb_org_prefix is the customer code, else unknown until DescribeOrganization) and
/// the role in it (<c>organization_role_arn</c>, else <c>identity_center_role_arn</c> when that role lives in the
/// management account, or when the management account is not configured).
/// </summary>
public sealed record OrganizationConfig(string CustomerCode, string? ManagementAccountId, string? RoleArn, string? RoleField)
{
    public static OrganizationConfig For(CustomerConfig customer, IEnumerable<OrgConfigEntry>? organizations)
    {
        var management = customer.ManagementAccountId
            ?? organizations?.FirstOrDefault(o => string.Equals(o?.OrgPrefix, customer.CustomerCode, StringComparison.Ordinal))?.ManagementAccountId;
        if (!string.IsNullOrWhiteSpace(customer.OrganizationRoleArn))
            return new(customer.CustomerCode, management, customer.OrganizationRoleArn, "organization_role_arn");
        var identityCenter = customer.IdentityCenterRoleArn;
        return !string.IsNullOrWhiteSpace(identityCenter) && (management is null || AccountOf(identityCenter) == management)
            ? new(customer.CustomerCode, management, identityCenter, "identity_center_role_arn")
            : new(customer.CustomerCode, management, null, null);
    }

    /// <summary>
    /// How the server's drift checks reach the organization: <c>organization_reader_role_arn</c> (read only, trusted by
    /// the delivery function), else as <see cref="For"/>.
    /// </summary>
    public static OrganizationConfig ForReading(CustomerConfig customer, IEnumerable<OrgConfigEntry>? organizations)
    {
        var organization = For(customer, organizations);
        return string.IsNullOrWhiteSpace(customer.OrganizationReaderRoleArn)
            ? organization
            : organization with { RoleArn = customer.OrganizationReaderRoleArn, RoleField = "organization_reader_role_arn" };
    }

    /// <summary>The account id of an IAM role ARN (arn:aws:iam::123456789012:role/name).</summary>
    public static string? AccountOf(string roleArn) => roleArn.Split(':') is { Length: >= 6 } parts ? parts[4] : null;
}
