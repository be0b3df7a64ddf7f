using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Amazon.Runtime;
using ChangeMgmt.Aws.Tests.Support;

namespace ChangeMgmt.Aws.Tests.Deployment;

/// <summary>
/// deploy/customer-account.yaml deployed into moto's CloudFormation with the parameters the
/// management account's stack takes (issue 24): in the organization's management account it makes
/// the organization role, whose ARN the output gives for config.json's organization_role_arn; in
/// any other account the same parameters make no such role. The deployed role is read back from IAM.
/// </summary>
public sealed class CustomerStackOnMotoTests(MotoServer moto) : IClassFixture<MotoServer>, IAsyncLifetime
{
    private const string MotoAccount = "123456789012";
    private const string StackName = "changemgmt-customer";
    private const string Administrator = "arn:aws:iam::100000000000:role/ChangeMgmtAdmin";
    private const string Delivery = "arn:aws:iam::100000000000:role/changemgmt-delivery";
    private const string ExternalId = "acme-external-id-0123456789";
    private static readonly XNamespace IamNs = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static readonly BasicAWSCredentials Credentials = new("test", "test");

    private CloudFormationClient cloudFormation = null!;
    private AwsQueryClient iam = null!;

    public async Task InitializeAsync()
    {
        await moto.ResetAsync();
        cloudFormation = new CloudFormationClient(Credentials, "us-east-1", moto.Endpoint);
        iam = new AwsQueryClient(Credentials, "us-east-1", moto.Endpoint, "iam", "2010-05-08");
    }

    public Task DisposeAsync()
    {
        cloudFormation.Dispose();
        iam.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task In_the_management_account_the_stack_makes_the_organization_role_and_outputs_its_arn()
    {
        await DeployAsync(managementAccountId: MotoAccount);

        var arn = (await cloudFormation.OutputsAsync(StackName))["OrganizationRoleArn"];
        Assert.Equal($"arn:aws:iam::{MotoAccount}:role/changemgmt-organization", arn);
        var role = (await iam.CallAsync("GetRole", ("RoleName", "changemgmt-organization"))).Descendants(IamNs + "Role").Single();
        Assert.Equal(arn, role.Element(IamNs + "Arn")!.Value);

        var trust = Assert.Single(Document(role.Element(IamNs + "AssumeRolePolicyDocument")!.Value)["Statement"]!.AsArray())!;
        Assert.Equal(Administrator, (string?)trust["Principal"]!["AWS"]);
        Assert.Equal("sts:AssumeRole", (string?)trust["Action"]);
        Assert.Equal(ExternalId, (string?)trust["Condition"]!["StringEquals"]!["sts:ExternalId"]);

        var policy = (await iam.CallAsync("GetRolePolicy", ("RoleName", "changemgmt-organization"), ("PolicyName", "changemgmt-alternate-contacts")))
            .Descendants(IamNs + "PolicyDocument").Single().Value;
        var statements = Document(policy)["Statement"]!.AsArray().Select(s => s!).ToList();
        Assert.Equal(
            ["account:DeleteAlternateContact", "account:GetAlternateContact", "account:PutAlternateContact",
             "organizations:DescribeOrganization", "organizations:ListAWSServiceAccessForOrganization", "organizations:ListAccounts"],
            statements.SelectMany(s => s["Action"]!.AsArray().Select(a => (string)a!)).Order(StringComparer.Ordinal));
        var contacts = Assert.Single(statements, s => (string?)s["Sid"] == "AlternateContacts");
        Assert.Equal([$"arn:aws:account::{MotoAccount}:account", $"arn:aws:account::{MotoAccount}:account/o-*/*"],
            contacts["Resource"]!.AsArray().Select(r => (string?)r));
    }

    [Fact]
    public async Task The_management_account_gets_a_read_only_role_the_delivery_function_assumes()
    {
        await DeployAsync(managementAccountId: MotoAccount);

        Assert.Equal($"arn:aws:iam::{MotoAccount}:role/changemgmt-organization-reader", (await cloudFormation.OutputsAsync(StackName))["OrganizationReaderRoleArn"]);
        var role = (await iam.CallAsync("GetRole", ("RoleName", "changemgmt-organization-reader"))).Descendants(IamNs + "Role").Single();
        var trust = Assert.Single(Document(role.Element(IamNs + "AssumeRolePolicyDocument")!.Value)["Statement"]!.AsArray())!;
        Assert.Equal(Delivery, (string?)trust["Principal"]!["AWS"]);
        Assert.Equal(ExternalId, (string?)trust["Condition"]!["StringEquals"]!["sts:ExternalId"]);
        var policy = (await iam.CallAsync("GetRolePolicy", ("RoleName", "changemgmt-organization-reader"), ("PolicyName", "changemgmt-alternate-contacts-read")))
            .Descendants(IamNs + "PolicyDocument").Single().Value;
        Assert.Equal(
            ["account:GetAlternateContact", "organizations:DescribeOrganization", "organizations:ListAWSServiceAccessForOrganization", "organizations:ListAccounts"],
            Document(policy)["Statement"]!.AsArray().SelectMany(s => s!["Action"] is System.Text.Json.Nodes.JsonArray actions ? actions.Select(a => (string)a!) : [(string)s["Action"]!])
                .Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task In_a_member_account_the_same_parameters_make_no_organization_role()
    {
        await DeployAsync(managementAccountId: "222222222222");

        Assert.DoesNotContain("OrganizationRoleArn", (await cloudFormation.OutputsAsync(StackName)).Keys);
        Assert.DoesNotContain("OrganizationRole", (await cloudFormation.ResourcesAsync(StackName)).Keys);
        Assert.DoesNotContain("OrganizationReaderRole", (await cloudFormation.ResourcesAsync(StackName)).Keys);
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => iam.CallAsync("GetRole", ("RoleName", "changemgmt-organization")));
        Assert.Contains("NoSuchEntity", missing.Message);
    }

    /// <summary>The template as it is in deploy/, as the management account's stack is deployed (no SES role: README step 6).</summary>
    private async Task DeployAsync(string managementAccountId)
    {
        var template = CfnTemplate.Load(Path.Combine(SharedFixtures.RepositoryRoot(), "deploy", "customer-account.yaml"));
        await cloudFormation.CreateStackAsync(StackName, template.ToJsonText(), new Dictionary<string, string>
        {
            ["DeliveryRoleArn"] = Delivery,
            ["AdministratorRoleArn"] = Administrator,
            ["ExternalId"] = ExternalId,
            ["SenderIdentity"] = "msp.example",
            ["CreateSesRole"] = "false",
            ["ManagementAccountId"] = managementAccountId,
        });
        Assert.Equal("CREATE_COMPLETE", await cloudFormation.StackStatusAsync(StackName));
    }

    /// <summary>
    /// IAM answers policy documents as URL-encoded JSON. moto 5.2.1 answers GetRolePolicy for a role its
    /// CloudFormation made with Python's form of the document ({'Version': '2012-10-17', …}; these
    /// documents hold no quote of their own), read here as the JSON it stands for.
    /// </summary>
    private static JsonNode Document(string encoded)
    {
        var text = WebUtility.UrlDecode(encoded);
        return JsonNode.Parse(text.StartsWith("{'", StringComparison.Ordinal) ? text.Replace('\'', '"') : text)!;
    }
}
