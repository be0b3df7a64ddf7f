using Amazon.Runtime;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Aws;

/// <summary>Which of a customer's roles to act through (Route53: the MSP's DNS role of route53_config, no customer's; Organization: the role in the organization's management account).</summary>
public enum CustomerRole { Ses, IdentityCenter, Route53, Organization }

/// <summary>
/// Credentials that act in one customer's account and nowhere else: the customer's role, assumed
/// (with its external id) from the caller's own credentials, cached and refreshed before expiry.
/// </summary>
public interface ICustomerRoles
{
    AWSCredentials For(CustomerConfig customer, CustomerRole role);
}
