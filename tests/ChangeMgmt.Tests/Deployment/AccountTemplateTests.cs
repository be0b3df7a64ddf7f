using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static ChangeMgmt.Tests.Deployment.TemplateAssertions;

namespace ChangeMgmt.Tests.Deployment;

/// <summary>deploy/customer-account.yaml (each customer's roles) and deploy/edge.yaml (sign-in at the edge).</summary>
public sealed class AccountTemplateTests
{
    private static readonly CfnTemplate Customer = Deployed("customer-account.yaml");
    private static readonly CfnTemplate Edge = Deployed("edge.yaml");

    /// <summary>What src/ChangeMgmt.Aws/Ses/AwsSesAccount calls, as IAM actions (SES v2 uses the prefix ses:).</summary>
    private static readonly string[] SesActionsUsed =
    [
        "ses:GetAccount", "ses:SendEmail",
        "ses:CreateContactList", "ses:GetContactList", "ses:ListContactLists", "ses:UpdateContactList", "ses:DeleteContactList",
        "ses:CreateContact", "ses:GetContact", "ses:ListContacts", "ses:UpdateContact", "ses:DeleteContact",
        "ses:PutSuppressedDestination", "ses:GetSuppressedDestination", "ses:ListSuppressedDestinations", "ses:DeleteSuppressedDestination",
    ];

    /// <summary>What src/ChangeMgmt.Aws/Identity calls: Identity Store reads and SSO Admin ListInstances.</summary>
    private static readonly string[] IdentityActionsUsed =
    [
        "identitystore:DescribeUser", "identitystore:GetUserId", "identitystore:ListUsers", "identitystore:ListGroups",
        "identitystore:ListGroupMemberships", "identitystore:ListGroupMembershipsForMember", "sso:ListInstances",
    ];

    [Fact]
    public void SES_role_is_trusted_only_by_the_delivery_role_and_named_administrator_with_the_external_id()
    {
        var trust = Assert.Single(Statements(Customer.Properties("SesRole")["AssumeRolePolicyDocument"]));
        var principals = trust["Principal"]!.AsObject();
        Assert.Equal(["AWS"], principals.Select(p => p.Key));
        // !If [HasAdministrator, [DeliveryRoleArn, AdministratorRoleArn], DeliveryRoleArn]
        var choice = principals["AWS"]!["Fn::If"]!.AsArray();
        Assert.Equal("HasAdministrator", (string?)choice[0]);
        Assert.Equal(["DeliveryRoleArn", "AdministratorRoleArn"], choice[1]!.AsArray().Select(r => (string?)r!["Ref"]));
        Assert.Equal("DeliveryRoleArn", (string?)choice[2]!["Ref"]);
        Assert.Equal("ExternalId", (string?)trust["Condition"]!["StringEquals"]!["sts:ExternalId"]!["Ref"]);

        var externalId = Customer.Root["Parameters"]!["ExternalId"]!;
        Assert.Equal("true", (string?)externalId["NoEcho"]);
        Assert.True(int.Parse((string)externalId["MinLength"]!) >= 16);
    }

    [Theory]
    [InlineData("DeliveryRoleArn")]
    [InlineData("AdministratorRoleArn")]
    public void Trusted_principals_must_be_one_role_never_a_wildcard(string parameter)
    {
        var pattern = new Regex((string)Customer.Root["Parameters"]![parameter]!["AllowedPattern"]!);
        Assert.Matches(pattern, "arn:aws:iam::100000000000:role/changemgmt-delivery-us-east-1");
        Assert.DoesNotMatch(pattern, "*");
        Assert.DoesNotMatch(pattern, "arn:aws:iam::100000000000:root");
        Assert.DoesNotMatch(pattern, "arn:aws:iam::100000000000:role/*");
        Assert.DoesNotMatch(pattern, "arn:aws:iam::*:role/changemgmt-delivery");
    }

    [Fact]
    public void SES_role_may_do_exactly_what_ChangeMgmt_does_on_the_contact_list_and_sending_identity()
    {
        var statements = Permissions(Customer.Resource("SesRole")).ToList();
        Assert.Equal(SesActionsUsed.Order(), statements.SelectMany(Actions).Order());
        var contactList = Assert.Single(statements, s => (string?)s["Sid"] == "ContactList");
        Assert.EndsWith(":contact-list/${ContactListName}", (string?)contactList["Resource"]!["Fn::Sub"]);
        var send = Assert.Single(statements, s => Actions(s).SequenceEqual(["ses:SendEmail"]));
        Assert.Contains(Strings(send["Resource"]), r => r.EndsWith(":identity/${SenderIdentity}", StringComparison.Ordinal));
        // Only the actions IAM gives no resource type to are allowed on "*".
        var accountLevel = Assert.Single(statements, s => s["Resource"] is JsonValue r && (string?)r == "*");
        Assert.All(Actions(accountLevel), a => Assert.Contains(a, new[] { "ses:GetAccount", "ses:ListContactLists", "ses:GetSuppressedDestination",
            "ses:ListSuppressedDestinations", "ses:PutSuppressedDestination", "ses:DeleteSuppressedDestination" }));
    }

    [Fact]
    public void Identity_Center_reader_only_reads_and_is_trusted_only_by_the_administrator_with_the_external_id()
    {
        var trust = Assert.Single(Statements(Customer.Properties("IdentityCenterReaderRole")["AssumeRolePolicyDocument"]));
        Assert.Equal("AdministratorRoleArn", (string?)trust["Principal"]!["AWS"]!["Ref"]);
        Assert.Equal("ExternalId", (string?)trust["Condition"]!["StringEquals"]!["sts:ExternalId"]!["Ref"]);
        var actions = Permissions(Customer.Resource("IdentityCenterReaderRole")).SelectMany(Actions).ToList();
        Assert.Equal(IdentityActionsUsed.Order(), actions.Order());
        Assert.All(actions, a => Assert.Matches(":(List|Describe|Get)", a));
    }

    [Fact]
    public void Edge_function_is_a_numbered_version_of_a_small_function_trusted_by_Lambda_and_Lambda_at_Edge()
    {
        var trust = Assert.Single(Statements(Edge.Properties("EdgeRole")["AssumeRolePolicyDocument"]));
        Assert.Equal(["edgelambda.amazonaws.com", "lambda.amazonaws.com"], trust["Principal"]!["Service"]!.AsArray().Select(s => (string?)s).Order());
        var function = Edge.Properties("EdgeFunction");
        Assert.True(int.Parse((string)function["MemorySize"]!) <= 128);
        Assert.True(int.Parse((string)function["Timeout"]!) <= 5);
        Assert.Equal("index.handler", (string?)function["Handler"]);
        Assert.Equal("EdgePackageSha256", (string?)Edge.Properties("EdgeFunctionVersion")["CodeSha256"]!["Ref"]);
        Assert.Equal("EdgeFunctionVersion", (string?)Edge.Root["Outputs"]!["EdgeFunctionVersionArn"]!["Value"]!["Ref"]);
    }

    [Fact]
    public void Role_trust_has_no_wildcards()
    {
        RoleTrustHasNoWildcards(Customer);
        RoleTrustHasNoWildcards(Edge);
    }

    [Fact]
    public void Every_reference_resolves()
    {
        ReferencesResolve(Customer);
        ReferencesResolve(Edge);
        ReferencesResolve(Deployed("msp.yaml"));
    }
}
