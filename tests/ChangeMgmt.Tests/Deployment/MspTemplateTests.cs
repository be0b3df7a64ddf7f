using System.Text.Json.Nodes;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Deployment;
using static ChangeMgmt.Tests.Deployment.TemplateAssertions;

namespace ChangeMgmt.Tests.Deployment;

/// <summary>The MSP stack generated from the shared fixture config (acme, globex, initech, umbrella).</summary>
public sealed class MspTemplateTests
{
    private static readonly LoadedConfig Fixture = ConfigLoader.Load(SharedFixtures.PathOf("config.json"));
    private static readonly CfnTemplate Template = CfnTemplate.Parse(MspTemplate.Generate(Fixture).Yaml);

    public static TheoryData<string> Customers() => [.. Fixture.Config.CustomerMappings.Keys];

    [Fact]
    public void Lifecycle_expires_triggers_after_30_days_keeps_archive_and_expires_other_noncurrent_versions()
    {
        var rules = Template.Properties("MetadataBucket")["LifecycleConfiguration"]!["Rules"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.All(rules, r => Assert.Equal("Enabled", (string?)r["Status"]));

        var customers = Assert.Single(rules, r => (string?)r["Prefix"] == StorageLayout.CustomersPrefix);
        Assert.Equal("30", (string?)customers["ExpirationInDays"]);

        // archive/ is never expired: no rule names it, and every rule that expires anything names a prefix.
        Assert.DoesNotContain(rules, r => (string?)r["Prefix"] == StorageLayout.ArchivePrefix);
        Assert.All(rules.Where(Expires), r => Assert.False(string.IsNullOrEmpty((string?)r["Prefix"]), $"rule {r["Id"]} expires objects everywhere, archive/ included"));
        Assert.All(rules, r => Assert.Null(r["Filter"]));

        // Every other prefix the product writes has its rule, and no rule names a prefix the product does not write.
        foreach (var prefix in StorageLayout.Prefixes.Where(p => p != StorageLayout.ArchivePrefix))
            Assert.Contains(rules, r => (string?)r["Prefix"] == prefix && r["NoncurrentVersionExpiration"]?["NoncurrentDays"] is not null);
        Assert.All(rules.Where(r => r["Prefix"] is not null), r => Assert.Contains((string?)r["Prefix"], StorageLayout.Prefixes));
        Assert.Equal("2", (string?)Assert.Single(rules, r => (string?)r["Prefix"] == StorageLayout.AudiencesPrefix)["ExpirationInDays"]);
    }

    [Fact]
    public void Metadata_bucket_is_versioned_encrypted_private_and_TLS_only()
    {
        var bucket = Template.Properties("MetadataBucket");
        Assert.Equal("Enabled", (string?)bucket["VersioningConfiguration"]!["Status"]);
        Assert.NotNull(bucket["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!["SSEAlgorithm"]);
        var block = bucket["PublicAccessBlockConfiguration"]!.AsObject();
        Assert.Equal(["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"], block.Select(p => p.Key).Order());
        Assert.All(block, p => Assert.Equal("true", (string?)p.Value));

        var policy = Template.Properties("MetadataBucketPolicy");
        Assert.Equal("MetadataBucket", (string?)policy["Bucket"]!["Ref"]);
        var tls = Assert.Single(Statements(policy["PolicyDocument"]), s => (string?)s["Effect"] == "Deny");
        Assert.Equal("false", (string?)tls["Condition"]!["Bool"]!["aws:SecureTransport"]);
        Assert.Equal("s3:*", (string?)tls["Action"]);
    }

    [Theory]
    [MemberData(nameof(Customers))]
    public void Each_customer_gets_its_queue_dead_letter_queue_policy_alarm_notification_and_event_source(string code)
    {
        var customer = Fixture.Config.CustomerMappings[code];
        Assert.True(SqsQueueArn.TryParse(customer.SqsQueueArn, out var arn));
        var id = Template.Resources.Single(r => r.Value!["Properties"]?["QueueName"] is JsonValue name && (string?)name == arn.QueueName).Key;
        var queue = Template.Properties(id);
        var deadLetterId = (string)queue["RedrivePolicy"]!["deadLetterTargetArn"]!["Fn::GetAtt"]![0]!;
        Assert.Equal($"{arn.QueueName}-dlq", (string?)Template.Properties(deadLetterId)["QueueName"]);
        Assert.Equal("5", (string?)queue["RedrivePolicy"]!["maxReceiveCount"]);
        var timeout = int.Parse((string)Template.Properties("DeliveryFunction")["Timeout"]!);
        Assert.True(int.Parse((string)queue["VisibilityTimeout"]!) >= 6 * timeout, "visibility timeout must be at least 6 × the delivery function's timeout");

        var policy = Assert.Single(Template.OfType("AWS::SQS::QueuePolicy"), p => (string?)p.Resource["Properties"]!["Queues"]![0]!["Ref"] == id).Resource;
        var send = Assert.Single(Statements(policy["Properties"]!["PolicyDocument"]));
        Assert.Equal("s3.amazonaws.com", (string?)send["Principal"]!["Service"]);
        Assert.Equal("sqs:SendMessage", (string?)send["Action"]);
        Assert.Equal("arn:${AWS::Partition}:s3:::${MetadataBucketName}", (string?)send["Condition"]!["ArnEquals"]!["aws:SourceArn"]!["Fn::Sub"]);
        Assert.Equal("AWS::AccountId", (string?)send["Condition"]!["StringEquals"]!["aws:SourceAccount"]!["Ref"]);

        var notification = Assert.Single(Notifications(), n => (string?)n["Queue"]!["Fn::GetAtt"]![0] == id);
        Assert.Equal("s3:ObjectCreated:*", (string?)notification["Event"]);
        var rules = notification["Filter"]!["S3Key"]!["Rules"]!.AsArray().ToDictionary(r => (string)r!["Name"]!, r => (string?)r!["Value"]);
        Assert.Equal(new Dictionary<string, string?> { ["prefix"] = $"customers/{code}/", ["suffix"] = ".json" }, rules);

        var source = Assert.Single(Template.OfType("AWS::Lambda::EventSourceMapping"), m => (string?)m.Resource["Properties"]!["EventSourceArn"]!["Fn::GetAtt"]![0] == id).Resource["Properties"]!;
        Assert.Equal("DeliveryFunction", (string?)source["FunctionName"]!["Ref"]);
        Assert.Equal(["ReportBatchItemFailures"], source["FunctionResponseTypes"]!.AsArray().Select(t => (string?)t));

        var alarm = Assert.Single(Template.OfType("AWS::CloudWatch::Alarm"), a => (string?)a.Resource["Properties"]!["Dimensions"]?[0]?["Value"]?["Fn::GetAtt"]?[0] == deadLetterId).Resource["Properties"]!;
        Assert.Equal("ApproximateNumberOfMessagesVisible", (string?)alarm["MetricName"]);
        Assert.Equal("AlarmTopic", (string?)alarm["AlarmActions"]![0]!["Ref"]);
        // The text points where the reasons of SQS's dead letters really are: the last failed attempt.
        Assert.Contains($"Get-ChangeDeadLetter -Customer {code}", (string?)alarm["AlarmDescription"], StringComparison.Ordinal);
        Assert.Contains($"delivery-attempts/CHANGE-ID/{code}.json", (string?)alarm["AlarmDescription"], StringComparison.Ordinal);

        // S3 checks the destination when the notification is set: the bucket waits for the queue policy.
        var policyId = Template.OfType("AWS::SQS::QueuePolicy").Single(p => (string?)p.Resource["Properties"]!["Queues"]![0]!["Ref"] == id).Id;
        Assert.Contains(policyId, Template.Resource("MetadataBucket")["DependsOn"]!.AsArray().Select(d => (string?)d));
    }

    [Fact]
    public void The_dead_letters_we_keep_raise_an_alarm_through_a_metric_on_the_delivery_log_line()
    {
        var filter = Assert.Single(Template.OfType("AWS::Logs::MetricFilter")).Resource["Properties"]!;
        Assert.Equal("DeliveryLogGroup", (string?)filter["LogGroupName"]!["Ref"]);
        Assert.Equal($"{{ $.EventId = {ChangeMgmt.Core.Delivery.DeadLetterLog.EventIdNumber} }}", (string?)filter["FilterPattern"]);
        var metric = filter["MetricTransformations"]![0]!;

        var alarm = Assert.Single(Template.OfType("AWS::CloudWatch::Alarm"), a => (string?)a.Resource["Properties"]!["MetricName"] == (string?)metric["MetricName"]).Resource["Properties"]!;
        Assert.Equal((string?)metric["MetricNamespace"], (string?)alarm["Namespace"]);
        Assert.Equal(("Sum", "GreaterThanThreshold", "0"), ((string?)alarm["Statistic"], (string?)alarm["ComparisonOperator"], (string?)alarm["Threshold"]));
        Assert.Equal("AlarmTopic", (string?)alarm["AlarmActions"]![0]!["Ref"]);
        Assert.Contains("dead-letters/", (string?)alarm["AlarmDescription"]!["Fn::Sub"], StringComparison.Ordinal);
        Assert.Contains("Get-ChangeDeadLetter", (string?)alarm["AlarmDescription"]!["Fn::Sub"], StringComparison.Ordinal);
    }

    [Fact]
    public void Notifications_send_each_customer_prefix_to_exactly_one_queue()
    {
        var prefixes = Notifications().Select(n => (string?)n["Filter"]!["S3Key"]!["Rules"]![0]!["Value"]).ToList();
        Assert.Equal(Fixture.Config.CustomerMappings.Keys.Order().Select(c => $"customers/{c}/"), prefixes.Order());
        Assert.Equal(Fixture.Config.CustomerMappings.Count, Template.OfType("AWS::SQS::QueuePolicy").Count(p => p.Id.StartsWith("Customer", StringComparison.Ordinal)));
    }

    [Fact]
    public void Delivery_role_may_assume_exactly_the_configured_SES_roles_and_use_exactly_the_customer_queues()
    {
        var permissions = Permissions(Template.Resource("DeliveryRole")).ToList();
        var assume = Assert.Single(permissions, s => Actions(s).Contains("sts:AssumeRole"));
        Assert.Equal(["sts:AssumeRole"], Actions(assume));
        Assert.Equal(Fixture.Config.Customers.Select(c => c.SesRoleArn).Order(), Strings(assume["Resource"]).Order());

        // The customer queues' statement (the other sqs: statement is the SES events queue's, below).
        var queues = Assert.Single(permissions, s => Actions(s).Contains("sqs:ReceiveMessage") && !Strings(s["Resource"]).Contains("SesEventsQueue"));
        // SendMessage: the continuation of a delivery cut short by the invocation's deadline, to the same queue.
        Assert.Contains("sqs:SendMessage", Actions(queues));
        Assert.Equal(2, permissions.Count(s => Actions(s).Any(a => a.StartsWith("sqs:", StringComparison.Ordinal))));
        Assert.Contains("dynamodb:DeleteItem", permissions.SelectMany(Actions));
        var queueIds = Template.OfType("AWS::SQS::Queue").Where(q => !q.Id.EndsWith("DeadLetterQueue", StringComparison.Ordinal) && q.Id != "SesEventsQueue").Select(q => q.Id);
        Assert.Equal(queueIds.Order(), queues["Resource"]!.AsArray().Select(r => (string)r!["Fn::GetAtt"]![0]!).Order());
    }

    [Fact]
    public void The_delivery_role_may_assume_the_read_only_organization_role_of_each_customer_whose_alternate_contacts_its_sweep_checks()
    {
        const string AcmeOrganization = "arn:aws:iam::310000000001:role/changemgmt-organization-reader", GlobexOrganization = "arn:aws:iam::310000000002:role/changemgmt-organization";
        using var temp = new TempDirectory();
        var config = temp.LoadEditedConfig(c =>
        {
            c["customer_mappings"]!["acme"]!["organization_role_arn"] = "arn:aws:iam::310000000001:role/changemgmt-organization";
            c["customer_mappings"]!["acme"]!["organization_reader_role_arn"] = AcmeOrganization;
            c["customer_mappings"]!["acme"]!["contact_config"] = new JsonObject
            {
                ["security_email"] = "soc@msp.example", ["security_name"] = "MSP SOC", ["security_title"] = "SOC", ["security_phone"] = "+14155550100",
            };
            // No contact_config: globex's accounts are not checked, so its organization role is not assumed.
            c["customer_mappings"]!["globex"]!["organization_role_arn"] = GlobexOrganization;
        });
        var template = CfnTemplate.Parse(MspTemplate.Generate(config).Yaml);

        var assumed = Permissions(template.Resource("DeliveryRole")).Where(s => Actions(s).Contains("sts:AssumeRole")).ToList();
        Assert.All(assumed, s => Assert.Equal(["sts:AssumeRole"], Actions(s)));
        Assert.Equal(config.Config.Customers.Select(c => c.SesRoleArn!).Append(AcmeOrganization).Order(), assumed.SelectMany(s => Strings(s["Resource"])).Order());
        Assert.DoesNotContain(Permissions(template.Resource("ApiRole")).SelectMany(Actions), a => a.StartsWith("sts:", StringComparison.Ordinal));
        Assert.DoesNotContain(Permissions(Template.Resource("DeliveryRole")).SelectMany(s => Strings(s["Resource"])), r => r.Contains("organization", StringComparison.Ordinal));
    }

    [Fact]
    public void Function_roles_name_every_resource_and_the_API_cannot_assume_roles_or_take_work_from_queues()
    {
        foreach (var role in new[] { "ApiRole", "DeliveryRole" })
        foreach (var statement in Permissions(Template.Resource(role)))
        {
            Assert.DoesNotContain("*", Strings(statement["Resource"]));
            Assert.All(Actions(statement), a => Assert.DoesNotContain("*", a));
        }
        var api = Permissions(Template.Resource("ApiRole")).SelectMany(Actions).ToList();
        Assert.DoesNotContain(api, a => a.StartsWith("sts:", StringComparison.Ordinal));
        Assert.DoesNotContain("dynamodb:UpdateItem", api);
        // Redriving dead letters: it sends to the customer queues and reads and empties only their dead-letter queues.
        foreach (var statement in Permissions(Template.Resource("ApiRole")).Where(s => Actions(s).Any(a => a.StartsWith("sqs:", StringComparison.Ordinal))))
        {
            var targets = statement["Resource"]!.AsArray().Select(r => (string)r!["Fn::GetAtt"]![0]!).ToList();
            if (Actions(statement).Contains("sqs:ReceiveMessage") || Actions(statement).Contains("sqs:DeleteMessage"))
                Assert.All(targets, t => Assert.EndsWith("DeadLetterQueue", t, StringComparison.Ordinal));
        }
        Assert.Contains("sqs:SendMessage", api);
    }

    [Fact]
    public void Role_trust_has_no_wildcards() => RoleTrustHasNoWildcards(Template);

    [Fact]
    public void Every_reference_resolves() => ReferencesResolve(Template);

    [Fact]
    public void The_unauthenticated_events_endpoint_is_never_behind_CloudFront()
    {
        var origins = Template.Properties("Distribution")["DistributionConfig"]!["Origins"]!.AsArray().Select(o => o!.AsObject()).ToList();
        Assert.Equal(["api", "portal"], origins.Select(o => (string?)o["Id"]).Order());
        var api = origins.Single(o => (string?)o["Id"] == "api");
        Assert.Contains("ApiFunctionUrl", Strings(api["DomainName"]));
        Assert.Equal("ApiFunction", (string?)Template.Properties("ApiFunctionUrl")["TargetFunctionArn"]!["Fn::GetAtt"]![0]);
        Assert.Equal("AWS_IAM", (string?)Template.Properties("ApiFunctionUrl")["AuthType"]);

        Assert.Equal("api", Variable("ApiFunction", "CHANGEMGMT_FUNCTION"));
        Assert.Equal("delivery", Variable("DeliveryFunction", "CHANGEMGMT_FUNCTION"));
        Assert.Equal("/events", Variable("DeliveryFunction", "AWS_LWA_PASS_THROUGH_PATH"));
        Assert.DoesNotContain(Template.OfType("AWS::Lambda::Url"), r => Strings(r.Resource["Properties"]).Contains("DeliveryFunction"));
        // The only invoke permission on the delivery function is the sweep's schedule (its event sources need none).
        var invoke = Assert.Single(Template.OfType("AWS::Lambda::Permission"), r => Strings(r.Resource["Properties"]).Contains("DeliveryFunction"));
        Assert.Equal("events.amazonaws.com", (string?)invoke.Resource["Properties"]!["Principal"]);
        Assert.Equal(["SweepSchedule", "Arn"], invoke.Resource["Properties"]!["SourceArn"]!["Fn::GetAtt"]!.AsArray().Select(p => (string?)p));
    }

    [Fact]
    public void Once_a_minute_the_sweep_schedule_invokes_the_delivery_function_and_nothing_else()
    {
        var rule = Template.Properties("SweepSchedule");
        Assert.Equal("rate(1 minute)", (string?)rule["ScheduleExpression"]);
        Assert.Equal("ENABLED", (string?)rule["State"]);
        var target = Assert.Single(rule["Targets"]!.AsArray())!;
        Assert.Equal(["DeliveryFunction", "Arn"], target["Arn"]!["Fn::GetAtt"]!.AsArray().Select(p => (string?)p));
        Assert.Null(target["Input"]);   // the scheduled event itself is what POST /events recognises
        Assert.Equal("lambda:InvokeFunction", (string?)Template.Properties("SweepInvokePermission")["Action"]);
    }

    [Fact]
    public void Every_behaviour_signs_in_at_the_edge_and_the_SAML_response_reaches_it_with_its_body()
    {
        var config = Template.Properties("Distribution")["DistributionConfig"]!;
        var behaviours = config["CacheBehaviors"]!.AsArray().Select(b => b!.AsObject()).Append(config["DefaultCacheBehavior"]!.AsObject()).ToList();
        Assert.All(behaviours, b =>
        {
            var edge = Assert.Single(b["LambdaFunctionAssociations"]!.AsArray());
            Assert.Equal("viewer-request", (string?)edge!["EventType"]);
            Assert.Equal("EdgeFunctionVersionArn", (string?)edge["LambdaFunctionARN"]!["Ref"]);
            Assert.NotEqual("allow-all", (string?)b["ViewerProtocolPolicy"]);
        });
        var saml = behaviours.Single(b => (string?)b["PathPattern"] == "/saml/*");
        Assert.Equal("true", (string?)saml["LambdaFunctionAssociations"]![0]!["IncludeBody"]);
        Assert.Contains("POST", saml["AllowedMethods"]!.AsArray().Select(m => (string?)m));
        Assert.Equal("api", (string?)behaviours.Single(b => (string?)b["PathPattern"] == "/api/*")["TargetOriginId"]);
        // Calendar feeds reach the API (the sign-in function lets them through without a session), read-only and never cached.
        var feeds = behaviours.Single(b => (string?)b["PathPattern"] == "/calendar/*");
        Assert.Equal("api", (string?)feeds["TargetOriginId"]);
        Assert.Equal(["GET", "HEAD"], feeds["AllowedMethods"]!.AsArray().Select(m => (string?)m));
        Assert.Equal((string?)behaviours.Single(b => (string?)b["PathPattern"] == "/api/*")["CachePolicyId"], (string?)feeds["CachePolicyId"]);
        Assert.Equal("portal", (string?)config["DefaultCacheBehavior"]!["TargetOriginId"]);
        Assert.Equal("DomainName", (string?)config["Aliases"]![0]!["Ref"]);
        Assert.Equal("CertificateArn", (string?)config["ViewerCertificate"]!["AcmCertificateArn"]!["Ref"]);
    }

    [Fact]
    public void Portal_bucket_is_private_and_read_only_by_this_distribution()
    {
        Assert.All(Template.Properties("PortalBucket")["PublicAccessBlockConfiguration"]!.AsObject(), p => Assert.Equal("true", (string?)p.Value));
        var read = Assert.Single(Statements(Template.Properties("PortalBucketPolicy")["PolicyDocument"]), s => (string?)s["Effect"] == "Allow");
        Assert.Equal("cloudfront.amazonaws.com", (string?)read["Principal"]!["Service"]);
        Assert.Equal("s3:GetObject", (string?)read["Action"]);
        Assert.Contains("${Distribution}", (string?)read["Condition"]!["StringEquals"]!["AWS:SourceArn"]!["Fn::Sub"]);
        Assert.Equal("s3", (string?)Template.Properties("PortalOriginAccessControl")["OriginAccessControlConfig"]!["OriginAccessControlOriginType"]);
    }

    [Fact]
    public void Bucket_and_ledger_take_only_the_names_config_json_gives()
    {
        var parameters = Template.Root["Parameters"]!;
        Assert.Equal(["msp-change-metadata-example"], parameters["MetadataBucketName"]!["AllowedValues"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(["changemgmt-deliveries"], parameters["DeliveryLedgerTableName"]!["AllowedValues"]!.AsArray().Select(v => (string?)v));
    }

    [Fact]
    public void The_API_and_delivery_functions_read_the_session_secret_from_the_variable_config_json_names()
    {
        using var temp = new TempDirectory();
        var config = Load(temp, c =>
        {
            c["auth"] = new JsonObject { ["session_secret_env"] = "PORTAL_SESSION_KEY" };
            foreach (var (code, customer) in c["customer_mappings"]!.AsObject()) customer!["external_id"] = $"changemgmt-{code}-4f1c2a9e";
        });
        var generated = MspTemplate.Generate(config);
        var template = CfnTemplate.Parse(generated.Yaml);
        var variables = template.Properties("ApiFunction")["Environment"]!["Variables"]!.AsObject();
        Assert.Equal("SessionSecret", (string?)variables["PORTAL_SESSION_KEY"]!["Ref"]);
        Assert.Null(variables[MspTemplate.SessionSecretVariable]);
        // The delivery function signs each email's preferences link with a key derived from it.
        var delivery = template.Properties("DeliveryFunction")["Environment"]!["Variables"]!.AsObject();
        Assert.Equal("SessionSecret", (string?)delivery["PORTAL_SESSION_KEY"]!["Ref"]);
        Assert.Null(delivery[MspTemplate.SessionSecretVariable]);
        Assert.Empty(generated.Warnings);

        var fixtureWarnings = MspTemplate.Generate(Fixture).Warnings;
        Assert.Contains(fixtureWarnings, w => w.Contains("no auth section", StringComparison.Ordinal));
        Assert.Equal(Fixture.Config.CustomerMappings.Keys.Order().Select(code => $"customer_mappings.{code}"),
            fixtureWarnings.Where(w => w.Contains("no external_id", StringComparison.Ordinal)).Select(w => w.Split(' ')[0]));
    }

    [Fact]
    public void A_customer_without_a_queue_or_role_is_refused_naming_the_field()
    {
        using var temp = new TempDirectory();
        var config = Load(temp, c =>
        {
            c["customer_mappings"]!["globex"]!.AsObject().Remove("sqs_queue_arn");
            c["customer_mappings"]!["acme"]!.AsObject().Remove("ses_role_arn");
        });
        var problems = Assert.Throws<ConfigException>(() => MspTemplate.Generate(config)).Problems.Select(p => p.Path).ToList();
        Assert.Equal(["customer_mappings.acme.ses_role_arn", "customer_mappings.globex.sqs_queue_arn"], problems.Order());
    }

    [Fact]
    public void Queues_in_two_regions_are_refused()
    {
        using var temp = new TempDirectory();
        var config = Load(temp, c => c["customer_mappings"]!["umbrella"]!["sqs_queue_arn"] = "arn:aws:sqs:eu-west-1:100000000000:changemgmt-umbrella");
        var problem = Assert.Single(Assert.Throws<ConfigException>(() => MspTemplate.Generate(config)).Problems);
        Assert.Contains("more than one account or Region", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Customer_codes_that_make_the_same_resource_names_are_refused()
    {
        using var temp = new TempDirectory();
        var config = Load(temp, c =>
        {
            var copy = c["customer_mappings"]!["acme"]!.DeepClone().AsObject();
            copy["customer_code"] = "ac-me";
            copy["sqs_queue_arn"] = "arn:aws:sqs:us-east-1:100000000000:changemgmt-ac-me";
            c["customer_mappings"]!["ac-me"] = copy;
        });
        var problem = Assert.Single(Assert.Throws<ConfigException>(() => MspTemplate.Generate(config)).Problems);
        Assert.Contains("ac-me", problem.Message, StringComparison.Ordinal);
        Assert.Contains("CustomerAcMe", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_reach_every_customer_and_the_output_is_the_same_each_time()
    {
        var options = new MspTemplateOptions { MaxReceiveCount = 9, BatchSize = 3, MaximumConcurrency = 4 };
        var yaml = MspTemplate.Generate(Fixture, options).Yaml;
        Assert.Equal(yaml, MspTemplate.Generate(Fixture, options).Yaml);
        var template = CfnTemplate.Parse(yaml);
        Assert.All(template.OfType("AWS::SQS::Queue").Where(q => q.Resource["Properties"]!["RedrivePolicy"] is not null && q.Id.StartsWith("Customer", StringComparison.Ordinal)),
            q => Assert.Equal("9", (string?)q.Resource["Properties"]!["RedrivePolicy"]!["maxReceiveCount"]));
        Assert.All(template.OfType("AWS::Lambda::EventSourceMapping").Where(m => m.Id.StartsWith("Customer", StringComparison.Ordinal)), m =>
        {
            Assert.Equal("3", (string?)m.Resource["Properties"]!["BatchSize"]);
            Assert.Equal("4", (string?)m.Resource["Properties"]!["ScalingConfig"]!["MaximumConcurrency"]);
        });
    }

    // ---------------------------------------------------------------- SES events (issue 20)

    [Fact]
    public void The_SES_event_bus_admits_exactly_the_accounts_of_the_configured_SES_roles_and_only_their_SES_events()
    {
        var accounts = Fixture.Config.Customers.Select(c => c.SesRoleArn!.Split(':')[4]).Distinct().Order().ToList();
        Assert.NotEmpty(accounts);
        var parameter = Template.Root["Parameters"]![MspTemplate.SesEventAccountsParameter]!;
        Assert.Equal("CommaDelimitedList", (string?)parameter["Type"]);
        Assert.Equal(string.Join(',', accounts), (string?)parameter["Default"]);
        Assert.Equal(accounts, TextList(parameter["AllowedValues"]));
        // Quoted: YAML would read an account id such as 012345678901 as a (octal) number.
        var yaml = MspTemplate.Generate(Fixture).Yaml;
        Assert.All(accounts, a => Assert.Contains($"- '{a}'", yaml, StringComparison.Ordinal));
        Assert.Contains($"Default: '{string.Join(',', accounts)}'", yaml, StringComparison.Ordinal);

        var bus = Template.Properties("SesEventBus");
        Assert.Equal("${AWS::StackName}-ses-events", (string?)bus["Name"]!["Fn::Sub"]);
        var statement = Assert.Single(Statements(bus["Policy"]));
        Assert.Equal("Allow", (string?)statement["Effect"]);
        Assert.Equal(MspTemplate.SesEventAccountsParameter, (string?)statement["Principal"]!["AWS"]!["Ref"]);
        Assert.Equal(["events:PutEvents"], Actions(statement));
        Assert.Equal("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/${AWS::StackName}-ses-events", (string?)statement["Resource"]!["Fn::Sub"]);
        var only = statement["Condition"]!["ForAllValues:StringEquals"]!;
        Assert.Equal(["aws.ses"], TextList(only["events:source"]));
        Assert.Equal(SesEventDetailTypes.Order(), TextList(only["events:detail-type"]).Order());
    }

    [Fact]
    public void One_rule_sends_the_customer_accounts_SES_events_to_the_ses_events_queue()
    {
        var rule = Template.Properties("SesEventsRule");
        Assert.Equal("SesEventBus", (string?)rule["EventBusName"]!["Ref"]);
        Assert.Equal("ENABLED", (string?)rule["State"]);
        var pattern = rule["EventPattern"]!;
        Assert.Equal(["aws.ses"], TextList(pattern["source"]));
        Assert.Equal(SesEventDetailTypes.Order(), TextList(pattern["detail-type"]).Order());
        Assert.Equal(MspTemplate.SesEventAccountsParameter, (string?)pattern["account"]!["Ref"]);
        var target = Assert.Single(rule["Targets"]!.AsArray())!;
        Assert.Equal(["SesEventsQueue", "Arn"], target["Arn"]!["Fn::GetAtt"]!.AsArray().Select(p => (string?)p));
        // What EventBridge cannot put on the queue is kept in the dead-letter queue (with its alarm), not dropped.
        Assert.Equal(["SesEventsDeadLetterQueue", "Arn"], target["DeadLetterConfig"]!["Arn"]!["Fn::GetAtt"]!.AsArray().Select(p => (string?)p));
        var toDeadLetters = Assert.Single(Statements(Template.Properties("SesEventsDeadLetterQueuePolicy")["PolicyDocument"]));
        Assert.Equal(["sqs:SendMessage"], Actions(toDeadLetters));
        Assert.Equal(["SesEventsRule", "Arn"], toDeadLetters["Condition"]!["ArnEquals"]!["aws:SourceArn"]!["Fn::GetAtt"]!.AsArray().Select(p => (string?)p));
        Assert.Equal(["SesEventsRule", "SweepSchedule"], Template.OfType("AWS::Events::Rule").Select(r => r.Id).Order());
        Assert.Single(Template.OfType("AWS::Events::EventBus"));
    }

    [Fact]
    public void The_ses_events_queue_is_encrypted_admits_only_the_rule_and_dead_letters_after_five_receives_with_an_alarm()
    {
        var queue = Template.Properties("SesEventsQueue");
        Assert.Equal("${AWS::StackName}-ses-events", (string?)queue["QueueName"]!["Fn::Sub"]);
        Assert.Equal("true", (string?)queue["SqsManagedSseEnabled"]);
        Assert.Equal(["SesEventsDeadLetterQueue", "Arn"], queue["RedrivePolicy"]!["deadLetterTargetArn"]!["Fn::GetAtt"]!.AsArray().Select(p => (string?)p));
        Assert.Equal("5", (string?)queue["RedrivePolicy"]!["maxReceiveCount"]);
        var timeout = int.Parse((string)Template.Properties("DeliveryFunction")["Timeout"]!);
        Assert.True(int.Parse((string)queue["VisibilityTimeout"]!) >= 6 * timeout, "visibility timeout must be at least 6 × the delivery function's timeout");
        var deadLetters = Template.Properties("SesEventsDeadLetterQueue");
        Assert.Equal("${AWS::StackName}-ses-events-dlq", (string?)deadLetters["QueueName"]!["Fn::Sub"]);
        Assert.Equal("true", (string?)deadLetters["SqsManagedSseEnabled"]);

        var policy = Assert.Single(Template.OfType("AWS::SQS::QueuePolicy"), p => (string?)p.Resource["Properties"]!["Queues"]![0]!["Ref"] == "SesEventsQueue").Resource["Properties"]!;
        Assert.Single(policy["Queues"]!.AsArray());
        var send = Assert.Single(Statements(policy["PolicyDocument"]));
        Assert.Equal("Allow", (string?)send["Effect"]);
        Assert.Equal("events.amazonaws.com", (string?)send["Principal"]!["Service"]);
        Assert.Equal(["sqs:SendMessage"], Actions(send));
        Assert.Equal(["SesEventsQueue", "Arn"], send["Resource"]!["Fn::GetAtt"]!.AsArray().Select(p => (string?)p));
        Assert.Equal(["SesEventsRule", "Arn"], send["Condition"]!["ArnEquals"]!["aws:SourceArn"]!["Fn::GetAtt"]!.AsArray().Select(p => (string?)p));

        var alarm = Assert.Single(Template.OfType("AWS::CloudWatch::Alarm"), a => (string?)a.Resource["Properties"]!["Dimensions"]?[0]?["Value"]?["Fn::GetAtt"]?[0] == "SesEventsDeadLetterQueue").Resource["Properties"]!;
        Assert.Equal(("AWS/SQS", "ApproximateNumberOfMessagesVisible"), ((string?)alarm["Namespace"], (string?)alarm["MetricName"]));
        Assert.Equal(("GreaterThanThreshold", "0"), ((string?)alarm["ComparisonOperator"], (string?)alarm["Threshold"]));
        Assert.Equal("AlarmTopic", (string?)alarm["AlarmActions"]![0]!["Ref"]);
    }

    [Fact]
    public void The_delivery_function_takes_SES_events_in_large_batches_reporting_partial_failures_with_only_the_queue_permissions_it_needs()
    {
        var source = Assert.Single(Template.OfType("AWS::Lambda::EventSourceMapping"), m => (string?)m.Resource["Properties"]!["EventSourceArn"]!["Fn::GetAtt"]![0] == "SesEventsQueue").Resource["Properties"]!;
        Assert.Equal("DeliveryFunction", (string?)source["FunctionName"]!["Ref"]);
        Assert.Equal(["ReportBatchItemFailures"], TextList(source["FunctionResponseTypes"]));
        Assert.Equal(("100", "5"), ((string?)source["BatchSize"], (string?)source["MaximumBatchingWindowInSeconds"]));
        // SQS event sources: more than 10 messages per batch needs a batching window.
        Assert.True(int.Parse((string)source["BatchSize"]!) <= 10 || source["MaximumBatchingWindowInSeconds"] is not null);

        var statement = Assert.Single(Permissions(Template.Resource("DeliveryRole")), s => Strings(s["Resource"]).Contains("SesEventsQueue"));
        Assert.Equal(["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"], Actions(statement).Order());
        Assert.Equal(["SesEventsQueue", "Arn"], statement["Resource"]!["Fn::GetAtt"]!.AsArray().Select(p => (string?)p));
        Assert.DoesNotContain(Permissions(Template.Resource("ApiRole")), s => Strings(s["Resource"]).Any(r => r.StartsWith("SesEvents", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("ApiRole")]
    [InlineData("DeliveryRole")]
    public void Both_functions_may_query_exactly_the_ledgers_indexes(string role)
    {
        var indexes = Template.Properties("DeliveryLedger")["GlobalSecondaryIndexes"]!.AsArray().Select(i => (string)i!["IndexName"]!).ToList();
        Assert.Equal(2, indexes.Count);
        var statement = Assert.Single(Permissions(Template.Resource(role)), s => Strings(s["Resource"]).Any(r => r.Contains("/index/", StringComparison.Ordinal)));
        Assert.Equal(["dynamodb:Query"], Actions(statement));
        Assert.Equal(indexes.Select(i => $"${{DeliveryLedger.Arn}}/index/{i}").Order(), statement["Resource"]!.AsArray().Select(r => (string?)r!["Fn::Sub"]).Order());
    }

    [Fact]
    public void Policies_the_SES_events_added_name_their_principals_actions_and_resources()
    {
        var documents = new[] { Template.Properties("SesEventBus")["Policy"], Template.Properties("SesEventsQueuePolicy")["PolicyDocument"] };
        foreach (var statement in documents.SelectMany(Statements))
        {
            Assert.DoesNotContain(Strings(statement["Principal"]), p => p.Contains('*'));
            Assert.DoesNotContain(Actions(statement), a => a.Contains('*'));
            Assert.DoesNotContain(Strings(statement["Resource"]), r => r.Contains('*'));
        }
        Assert.All(TextList(Template.Root["Parameters"]![MspTemplate.SesEventAccountsParameter]!["AllowedValues"]), a => Assert.Matches(@"^\d{12}$", a));
    }

    [Fact]
    public void The_stack_outputs_the_bus_for_the_customer_stacks_and_the_queue()
    {
        var outputs = Template.Root["Outputs"]!;
        Assert.Equal(["SesEventBus", "Arn"], outputs["SesEventBusArn"]!["Value"]!["Fn::GetAtt"]!.AsArray().Select(p => (string?)p));
        Assert.Contains("MspEventBusArn", (string?)outputs["SesEventBusArn"]!["Description"]);
        Assert.Equal(["SesEventsQueue", "Arn"], outputs["SesEventsQueueArn"]!["Value"]!["Fn::GetAtt"]!.AsArray().Select(p => (string?)p));
        // The customer stack's parameter takes what this output gives.
        PatternOf(Deployed("customer-account.yaml"), "MspEventBusArn", ["arn:aws:events:us-east-1:100000000000:event-bus/changemgmt-ses-events"], []);
    }

    private static IEnumerable<JsonObject> Notifications() =>
        Template.Properties("MetadataBucket")["NotificationConfiguration"]!["QueueConfigurations"]!.AsArray().Select(n => n!.AsObject());

    private static string? Variable(string function, string name) =>
        (string?)Template.Properties(function)["Environment"]!["Variables"]![name];

    private static bool Expires(JsonObject rule) =>
        rule["ExpirationInDays"] is not null || rule["ExpirationDate"] is not null || rule["NoncurrentVersionExpiration"] is not null;

    /// <summary>The fixture config (and its SESConfig.json) changed by <paramref name="change"/>, loaded from a temporary folder.</summary>
    private static LoadedConfig Load(TempDirectory temp, Action<JsonObject> change)
    {
        var config = JsonNode.Parse(SharedFixtures.Text("config.json"))!.AsObject();
        change(config);
        temp.CopyFixture("SESConfig.json");
        return ConfigLoader.Load(temp.Write("config.json", config.ToJsonString()));
    }
}
