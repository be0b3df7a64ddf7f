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
        "ses:PutAccountSuppressionAttributes", "ses:PutAccountDetails",
        "ses:GetEmailIdentity", "ses:CreateEmailIdentity", "ses:PutEmailIdentityDkimSigningAttributes", "ses:PutEmailIdentityMailFromAttributes", "ses:PutEmailIdentityConfigurationSetAttributes",
        "ses:GetConfigurationSet", "ses:CreateConfigurationSet",
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
    public void Trusted_principals_must_be_one_role_never_a_wildcard(string parameter) =>
        PatternOf(Customer, parameter, ["arn:aws:iam::100000000000:role/changemgmt-delivery-us-east-1"],
            ["*", "arn:aws:iam::100000000000:root", "arn:aws:iam::100000000000:role/*", "arn:aws:iam::*:role/changemgmt-delivery"]);

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
        Assert.All(Actions(accountLevel), a => Assert.Contains(a, new[] { "ses:GetAccount", "ses:PutAccountSuppressionAttributes", "ses:PutAccountDetails", "ses:ListContactLists", "ses:GetSuppressedDestination",
            "ses:ListSuppressedDestinations", "ses:PutSuppressedDestination", "ses:DeleteSuppressedDestination" }));
    }

    /// <summary>The port's operations are named as SES's (GetSendQuota reads GetAccount): the list above is what the adapter can call, no more, no less.</summary>
    [Fact]
    public void The_maintained_action_list_is_exactly_the_ses_operations_of_the_port()
    {
        var operations = typeof(ChangeMgmt.Core.Ports.ISesAccount).GetMethods()
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal))
            .Select(m => "ses:" + (m.Name == "GetSendQuotaAsync" ? "GetAccount" : m.Name[..^"Async".Length]))
            .Distinct();

        Assert.Equal(SesActionsUsed.Order(), operations.Order());
    }

    [Fact]
    public void Identity_setup_actions_are_limited_to_the_sender_identities_and_the_configuration_set()
    {
        var statements = Permissions(Customer.Resource("SesRole")).ToList();
        var identity = Assert.Single(statements, s => (string?)s["Sid"] == "SenderIdentitySetup");
        Assert.Contains(Strings(identity["Resource"]), r => r.EndsWith(":identity/${SenderIdentity}", StringComparison.Ordinal));
        Assert.Contains(":identity/${SenderDomain}", identity["Resource"]!.ToJsonString());
        var set = Assert.Single(statements, s => (string?)s["Sid"] == "ConfigurationSet");
        Assert.Equal(["ses:CreateConfigurationSet", "ses:GetConfigurationSet"], Actions(set).Order());
        Assert.EndsWith(":configuration-set/${ConfigurationSetName}", (string?)set["Resource"]!["Fn::Sub"]);
    }

    [Fact]
    public void The_email_identity_and_configuration_set_are_optional_and_set_up_as_Initialize_SesAccount_does()
    {
        Assert.Equal("false", (string?)Customer.Root["Parameters"]!["CreateEmailIdentity"]!["Default"]);
        Assert.Equal("false", (string?)Customer.Root["Parameters"]!["CreateConfigurationSet"]!["Default"]);
        Assert.Equal("WithEmailIdentity", (string?)Customer.Resource("EmailIdentity")["Condition"]);
        Assert.Equal("WithConfigurationSet", (string?)Customer.Resource("ConfigurationSet")["Condition"]);
        var identity = Customer.Properties("EmailIdentity");
        Assert.Equal("SenderDomain", (string?)identity["EmailIdentity"]!["Ref"]);
        Assert.Equal("RSA_2048_BIT", (string?)identity["DkimSigningAttributes"]!["NextSigningKeyLength"]);
        var mailFrom = identity["MailFromAttributes"]!["Fn::If"]!.AsArray();
        Assert.Equal("HasMailFrom", (string?)mailFrom[0]);
        Assert.Equal("USE_DEFAULT_VALUE", (string?)mailFrom[1]!["BehaviorOnMxFailure"]);
        Assert.Contains("ConfigurationSet", identity["ConfigurationSetAttributes"]!.ToJsonString());
        var set = Customer.Properties("ConfigurationSet");
        Assert.Equal("true", set["ReputationOptions"]!["ReputationMetricsEnabled"]!.ToString().ToLowerInvariant());
        Assert.Equal("true", set["SendingOptions"]!["SendingEnabled"]!.ToString().ToLowerInvariant());
    }

    /// <summary>The event types SES's configuration set publishes for ChangeMgmt: every kind the feedback reader records but opens and clicks (no tracking).</summary>
    private static readonly string[] SesEventTypes =
        [.. Enum.GetValues<ChangeMgmt.Core.Feedback.SesEventKind>()
            .Where(k => k is not (ChangeMgmt.Core.Feedback.SesEventKind.Open or ChangeMgmt.Core.Feedback.SesEventKind.Click))
            .Select(k => Regex.Replace(k.ToString(), "(?<=[a-z])(?=[A-Z])", "_").ToUpperInvariant())];

    [Fact]
    public void The_configuration_set_publishes_exactly_the_eight_event_types_to_the_default_bus_when_the_MSP_bus_is_given()
    {
        Assert.Equal(["BOUNCE", "COMPLAINT", "DELIVERY", "DELIVERY_DELAY", "REJECT", "RENDERING_FAILURE", "SEND", "SUBSCRIPTION"], SesEventTypes.Order());
        var resource = Customer.Resource("SesEventDestination");
        Assert.Equal("AWS::SES::ConfigurationSetEventDestination", (string?)resource["Type"]);
        Assert.Equal("ForwardsSesEvents", (string?)resource["Condition"]);
        Assert.Equal("MspEventBusArn", (string?)Customer.Root["Conditions"]!["ForwardsSesEvents"]!["Fn::Not"]![0]!["Fn::Equals"]![0]!["Ref"]);
        var properties = Customer.Properties("SesEventDestination");
        // The stack's own set when it creates one (so the destination waits for it), else the named one.
        var set = properties["ConfigurationSetName"]!["Fn::If"]!.AsArray();
        Assert.Equal(("WithConfigurationSet", "ConfigurationSet", "ConfigurationSetName"), ((string?)set[0], (string?)set[1]!["Ref"], (string?)set[2]!["Ref"]));
        var destination = properties["EventDestination"]!;
        Assert.Equal("true", (string?)destination["Enabled"]);
        Assert.Equal(SesEventTypes.Order(), TextList(destination["MatchingEventTypes"]).Order());
        Assert.Equal("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default", (string?)destination["EventBridgeDestination"]!["EventBusArn"]!["Fn::Sub"]);
        Assert.Equal("", (string?)Customer.Root["Parameters"]!["MspEventBusArn"]!["Default"]);
    }

    [Fact]
    public void The_default_bus_forwards_only_this_configuration_sets_SES_events_to_the_MSP_bus()
    {
        var rule = Customer.Resource("SesEventsForwardRule");
        Assert.Equal("ForwardsSesEvents", (string?)rule["Condition"]);
        var properties = Customer.Properties("SesEventsForwardRule");
        Assert.Equal("default", (string?)properties["EventBusName"]);
        Assert.Equal("ENABLED", (string?)properties["State"]);
        var pattern = properties["EventPattern"]!;
        Assert.Equal(["aws.ses"], TextList(pattern["source"]));
        Assert.Equal(SesEventDetailTypes.Order(), TextList(pattern["detail-type"]).Order());
        Assert.Equal("ConfigurationSetName", (string?)pattern["detail"]!["mail"]!["tags"]!["ses:configuration-set"]![0]!["Ref"]);
        var target = Assert.Single(properties["Targets"]!.AsArray())!;
        Assert.Equal("MspEventBusArn", (string?)target["Arn"]!["Ref"]);
        Assert.Equal(["SesEventsForwardRole", "Arn"], target["RoleArn"]!["Fn::GetAtt"]!.AsArray().Select(p => (string?)p));
        // What the MSP's bus refuses is kept in the account, with an alarm, not dropped.
        Assert.Equal(["SesEventsUndeliverableQueue", "Arn"], target["DeadLetterConfig"]!["Arn"]!["Fn::GetAtt"]!.AsArray().Select(p => (string?)p));
        var send = Assert.Single(Statements(Customer.Properties("SesEventsUndeliverableQueuePolicy")["PolicyDocument"]));
        Assert.Equal(["sqs:SendMessage"], Actions(send));
        Assert.Equal(["SesEventsForwardRule", "Arn"], send["Condition"]!["ArnEquals"]!["aws:SourceArn"]!["Fn::GetAtt"]!.AsArray().Select(p => (string?)p));
        var alarm = Customer.Properties("SesEventsUndeliverableAlarm");
        Assert.Equal(["SesEventsUndeliverableQueue", "QueueName"], alarm["Dimensions"]![0]!["Value"]!["Fn::GetAtt"]!.AsArray().Select(p => (string?)p));
        Assert.Equal("ReputationAlarmTopic", (string?)alarm["AlarmActions"]![0]!["Ref"]);
    }

    [Fact]
    public void The_forward_role_may_only_put_events_on_the_MSP_bus_and_only_the_forward_rule_assumes_it()
    {
        var role = Customer.Resource("SesEventsForwardRole");
        Assert.Equal("ForwardsSesEvents", (string?)role["Condition"]);
        var statement = Assert.Single(Permissions(role));
        Assert.Equal("Allow", (string?)statement["Effect"]);
        Assert.Equal(["events:PutEvents"], Actions(statement));
        Assert.Equal("MspEventBusArn", (string?)statement["Resource"]!["Ref"]);
        PermissionsNameEveryActionAndResource(role);

        var trust = Assert.Single(Statements(Customer.Properties("SesEventsForwardRole")["AssumeRolePolicyDocument"]));
        Assert.Equal("events.amazonaws.com", (string?)trust["Principal"]!["Service"]);
        Assert.Equal("AWS::AccountId", (string?)trust["Condition"]!["StringEquals"]!["aws:SourceAccount"]!["Ref"]);
        var ruleName = (string)Customer.Properties("SesEventsForwardRule")["Name"]!;
        Assert.EndsWith($":rule/{ruleName}", (string?)trust["Condition"]!["ArnEquals"]!["aws:SourceArn"]!["Fn::Sub"]);

        PatternOf(Customer, "MspEventBusArn", ["", "arn:aws:events:us-east-1:100000000000:event-bus/changemgmt-ses-events"],
            ["*", "arn:aws:events:us-east-1:100000000000:event-bus/*", "arn:aws:events:*:100000000000:event-bus/changemgmt-ses-events"]);
    }

    [Theory]
    [InlineData("BounceRateAlarm", "Reputation.BounceRate", "BounceRateThreshold", "0.02")]
    [InlineData("ComplaintRateAlarm", "Reputation.ComplaintRate", "ComplaintRateThreshold", "0.0005")]
    public void The_SES_account_reputation_alarms_warn_well_before_SES_reviews_the_account(string id, string metric, string threshold, string byDefault)
    {
        Assert.Equal("WithSesRole", (string?)Customer.Resource(id)["Condition"]);
        var alarm = Customer.Properties(id);
        Assert.Equal(("AWS/SES", metric), ((string?)alarm["Namespace"], (string?)alarm["MetricName"]));
        Assert.Null(alarm["Dimensions"]);   // SES reviews the account: the account-level metric
        Assert.Equal("GreaterThanOrEqualToThreshold", (string?)alarm["ComparisonOperator"]);
        Assert.Equal(threshold, (string?)alarm["Threshold"]!["Ref"]);
        Assert.Equal(byDefault, (string?)Customer.Root["Parameters"]![threshold]!["Default"]);
        Assert.Equal("ReputationAlarmTopic", (string?)alarm["AlarmActions"]![0]!["Ref"]);
        Assert.Equal("notBreaching", (string?)alarm["TreatMissingData"]);
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

    /// <summary>What ChangeMgmt calls in a customer's organization management account to set every account's alternate contacts (issue 24).</summary>
    private static readonly string[] OrganizationActionsUsed =
    [
        "organizations:DescribeOrganization", "organizations:ListAccounts", "organizations:ListAWSServiceAccessForOrganization",
        "account:GetAlternateContact", "account:PutAlternateContact", "account:DeleteAlternateContact",
    ];

    [Fact]
    public void Organization_role_is_trusted_only_by_the_administrator_with_the_external_id()
    {
        var trust = Assert.Single(Statements(Customer.Properties("OrganizationRole")["AssumeRolePolicyDocument"]));
        Assert.Equal("Allow", (string?)trust["Effect"]);
        Assert.Equal("sts:AssumeRole", (string?)trust["Action"]);
        var principals = trust["Principal"]!.AsObject();
        Assert.Equal(["AWS"], principals.Select(p => p.Key));
        Assert.Equal("AdministratorRoleArn", (string?)principals["AWS"]!["Ref"]);
        var condition = trust["Condition"]!.AsObject();
        Assert.Equal(["StringEquals"], condition.Select(c => c.Key));
        Assert.Equal(["sts:ExternalId"], condition["StringEquals"]!.AsObject().Select(c => c.Key));
        Assert.Equal("ExternalId", (string?)condition["StringEquals"]!["sts:ExternalId"]!["Ref"]);
        Assert.Equal("OrganizationRoleName", (string?)Customer.Properties("OrganizationRole")["RoleName"]!["Ref"]);
    }

    [Fact]
    public void Organization_role_may_only_read_the_organization_and_the_alternate_contacts_of_its_accounts()
    {
        var statements = Permissions(Customer.Resource("OrganizationRole")).ToList();
        Assert.All(statements, s => Assert.Equal("Allow", (string?)s["Effect"]));
        Assert.Equal(OrganizationActionsUsed.Order(), statements.SelectMany(Actions).Order());
        Assert.All(statements, s => Assert.Equal(["Action", "Effect", "Resource", "Sid"], s.Select(p => p.Key).Order()));

        // Organizations gives these reads no resource type: "*" is the only resource they take.
        var organization = Assert.Single(statements, s => Actions(s).Any(a => a.StartsWith("organizations:", StringComparison.Ordinal)));
        Assert.All(Actions(organization), a => Assert.StartsWith("organizations:", a));
        Assert.Equal("*", (string?)organization["Resource"]);

        // Account Management: this (management) account itself and its organization's member accounts, nothing else.
        var contacts = Assert.Single(statements, s => Actions(s).Any(a => a.StartsWith("account:", StringComparison.Ordinal)));
        Assert.Equal(["account:DeleteAlternateContact", "account:GetAlternateContact", "account:PutAlternateContact"], Actions(contacts).Order());
        Assert.Equal(
            ["arn:${AWS::Partition}:account::${AWS::AccountId}:account", "arn:${AWS::Partition}:account::${AWS::AccountId}:account/o-*/*"],
            contacts["Resource"]!.AsArray().Select(r => (string?)r!["Fn::Sub"]));
    }

    [Fact]
    public void Organization_role_and_its_output_exist_only_in_the_named_management_account_with_an_administrator()
    {
        Assert.Equal("OrganizationRoleForAdministrator", (string?)Customer.Resource("OrganizationRole")["Condition"]);
        const string management = "111111111111", admin = "arn:aws:iam::100000000000:role/ChangeMgmtAdmin";
        Assert.True(Condition(management, management, admin));
        Assert.False(Condition(management, "222222222222", admin));   // a member account, e.g. in a StackSet given the same parameters
        Assert.False(Condition("", management, admin));               // by default: nowhere
        Assert.False(Condition(management, management, ""));          // and never without the administrator it trusts

        Assert.Equal("", (string?)Customer.Root["Parameters"]!["ManagementAccountId"]!["Default"]);
        PatternOf(Customer, "ManagementAccountId", ["", management],
            ["*", "11111111111", "1111111111111", "arn:aws:iam::111111111111:root", "o-abcdefghij", " 111111111111"]);

        // A management account without the administrator is refused, not silently given no role.
        var rule = Customer.Root["Rules"]!["OrganizationRoleNeedsAdministrator"]!;
        Assert.Equal("ManagementAccountId", (string?)rule["RuleCondition"]!["Fn::Not"]![0]!["Fn::Equals"]![0]!["Ref"]);
        Assert.Equal("AdministratorRoleArn", (string?)Assert.Single(rule["Assertions"]!.AsArray())!["Assert"]!["Fn::Not"]![0]!["Fn::Equals"]![0]!["Ref"]);

        var output = Customer.Root["Outputs"]!["OrganizationRoleArn"]!;
        Assert.Equal("OrganizationRoleForAdministrator", (string?)output["Condition"]);
        Assert.Equal(["OrganizationRole", "Arn"], output["Value"]!["Fn::GetAtt"]!.AsArray().Select(p => (string?)p));
        Assert.Equal("config.json customer_mappings.CODE.organization_role_arn", (string?)output["Description"]);

        static bool Condition(string managementAccountId, string accountId, string administrator) =>
            EvaluateCondition(Customer, "OrganizationRoleForAdministrator", new Dictionary<string, string>
            {
                ["ManagementAccountId"] = managementAccountId, ["AWS::AccountId"] = accountId, ["AdministratorRoleArn"] = administrator,
            });
    }

    [Fact]
    public void Organization_reader_role_is_trusted_only_by_the_delivery_function_and_only_reads()
    {
        var trust = Assert.Single(Statements(Customer.Properties("OrganizationReaderRole")["AssumeRolePolicyDocument"]));
        Assert.Equal(("Allow", "sts:AssumeRole"), ((string?)trust["Effect"], (string?)trust["Action"]));
        Assert.Equal("DeliveryRoleArn", (string?)trust["Principal"]!["AWS"]!["Ref"]);
        Assert.Equal("ExternalId", (string?)trust["Condition"]!["StringEquals"]!["sts:ExternalId"]!["Ref"]);
        Assert.Equal("OrganizationReaderRoleName", (string?)Customer.Properties("OrganizationReaderRole")["RoleName"]!["Ref"]);

        var statements = Permissions(Customer.Resource("OrganizationReaderRole")).ToList();
        Assert.Equal(OrganizationActionsUsed.Where(a => !a.StartsWith("account:", StringComparison.Ordinal)).Append("account:GetAlternateContact").Order(),
            statements.SelectMany(Actions).Order());
        var contacts = Assert.Single(statements, s => Actions(s).Any(a => a.StartsWith("account:", StringComparison.Ordinal)));
        Assert.Equal(
            ["arn:${AWS::Partition}:account::${AWS::AccountId}:account", "arn:${AWS::Partition}:account::${AWS::AccountId}:account/o-*/*"],
            contacts["Resource"]!.AsArray().Select(r => (string?)r!["Fn::Sub"]));

        Assert.Equal("InManagementAccount", (string?)Customer.Resource("OrganizationReaderRole")["Condition"]);
        var output = Customer.Root["Outputs"]!["OrganizationReaderRoleArn"]!;
        Assert.Equal("InManagementAccount", (string?)output["Condition"]);
        Assert.Equal("config.json customer_mappings.CODE.organization_reader_role_arn", (string?)output["Description"]);
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
