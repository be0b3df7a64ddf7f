using System.Text.Json.Nodes;
using ChangeMgmt.Aws.Identity;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Resilience;

namespace ChangeMgmt.Aws.Organizations;

/// <summary>
/// Organizations over JSON 1.1 (<c>X-Amz-Target: AWSOrganizationsV20161128.{operation}</c>, signing name
/// <c>organizations</c>, global endpoint organizations.us-east-1.amazonaws.com), called from the management account.
/// </summary>
internal sealed class AwsOrganizationAccounts(PacedJsonCalls calls, CallPacer pacer, int pageSize) : IOrganizationAccounts
{
    public const string SigningName = "organizations";
    private const string Prefix = "AWSOrganizationsV20161128.";

    public async Task<string> ManagementAccountIdAsync(CancellationToken ct)
    {
        var answer = await calls.CallAsync(Prefix + "DescribeOrganization", new DescribeOrganizationRequest(), AwsJsonContext.Wire.DescribeOrganizationRequest, pacer, ct);
        return (string?)answer?["Organization"]?["MasterAccountId"] ?? throw new InvalidDataException("DescribeOrganization answered without Organization.MasterAccountId.");
    }

    public async Task<Page<OrganizationAccount>> ListAccountsAsync(string? nextToken, CancellationToken ct)
    {
        var answer = await calls.CallAsync(Prefix + "ListAccounts", new ListAccountsRequest(pageSize, nextToken), AwsJsonContext.Wire.ListAccountsRequest, pacer, ct);
        var accounts = answer?["Accounts"]?.AsArray().Select(Account).ToList() ?? [];
        return new(accounts, (string?)answer?["NextToken"]);
    }

    public async Task<IReadOnlyList<string>> TrustedServicesAsync(CancellationToken ct)
    {
        var principals = new List<string>();
        string? token = null;
        do
        {
            var answer = await calls.CallAsync(Prefix + "ListAWSServiceAccessForOrganization",
                new ListAWSServiceAccessForOrganizationRequest(token), AwsJsonContext.Wire.ListAWSServiceAccessForOrganizationRequest, pacer, ct);
            principals.AddRange(answer?["EnabledServicePrincipals"]?.AsArray().Select(p => (string?)p?["ServicePrincipal"]).OfType<string>() ?? []);
            token = (string?)answer?["NextToken"];
        } while (!string.IsNullOrEmpty(token));
        return principals;
    }

    // Status is being replaced by State (which adds CLOSED); either says ACTIVE for an account in use.
    private static OrganizationAccount Account(JsonNode? a) =>
        new((string?)a?["Id"] ?? "", (string?)a?["Name"] ?? "", (string?)a?["Email"] ?? "", (string?)a?["Status"] ?? (string?)a?["State"] ?? "");
}
