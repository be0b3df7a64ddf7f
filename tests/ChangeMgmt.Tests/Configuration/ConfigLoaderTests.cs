using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.Configuration;

public sealed class ConfigLoaderTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private LoadedConfig LoadFixtures()
    {
        var configPath = temp.CopyFixture("config.json");
        temp.CopyFixture(ConfigLoader.SesConfigFileName);
        return ConfigLoader.Load(configPath);
    }

    [Fact]
    public void Fixture_config_loads_unchanged_with_all_customers()
    {
        var loaded = LoadFixtures();

        Assert.Equal(["acme", "globex", "initech", "umbrella"], loaded.Config.CustomerMappings.Keys.Order());
        Assert.Equal("us-east-1", loaded.Config.AwsRegion);
        Assert.Equal("msp-change-metadata-example", loaded.Config.S3Config?.BucketName);

        var acme = loaded.Customer("acme");
        Assert.Equal("acme", acme.CustomerCode);
        Assert.Equal("Acme Corp", acme.CustomerName);
        Assert.Equal("arn:aws:iam::110000000001:role/changemgmt-ses", acme.SesRoleArn);
        Assert.Equal("arn:aws:sqs:us-east-1:100000000000:changemgmt-acme", acme.SqsQueueArn);
        Assert.Null(acme.RestrictedRecipients);

        Assert.Equal("us-west-2", loaded.Customer("globex").Region);
        Assert.Equal("eu-west-1", loaded.Customer("umbrella").Region);
        Assert.Equal(["qa-team@initech.example"], loaded.Customer("initech").RestrictedRecipients!);
        Assert.Equal("nonprod", loaded.Customer("initech").Environment);

        Assert.Equal("changes@msp.example", loaded.Email.SenderAddress);
        Assert.Equal("change-board@msp.example", loaded.Email.MeetingOrganizer);
        Assert.Equal("https://changes.msp.example", loaded.Email.PortalBaseUrl);
        Assert.Equal("bounce", loaded.Email.MailFromSubdomain);
        Assert.Equal("bounce.msp.example", loaded.Email.MailFromDomain);
        Assert.Equal("none", loaded.Email.DmarcPolicy);
        Assert.Equal("dmarc-reports", loaded.Email.DmarcReportEmail);
        Assert.Equal("changemgmt", loaded.Email.ConfigurationSetName);

        Assert.Equal("aws", loaded.NotificationTopicPrefix);
        Assert.Equal(Path.GetFullPath(temp.File("config.json")), loaded.ConfigPath);
        Assert.Equal(Path.GetFullPath(temp.File(ConfigLoader.SesConfigFileName)), loaded.SesConfigPath);
    }

    [Fact]
    public void A_configured_announcement_types_topic_missing_from_SESConfig_is_named_with_the_topics_there()
    {
        var fixture = System.Text.Json.Nodes.JsonNode.Parse(SharedFixtures.Bytes("config.json"))!.AsObject();
        fixture["announcement_types"] = System.Text.Json.Nodes.JsonNode.Parse("""
            [{"name":"general","topic":"general-updates","approval_required":false},
             {"name":"security","topic":"security-advisories","approval_required":true}]
            """);
        File.WriteAllText(temp.File("config.json"), fixture.ToJsonString());
        temp.CopyFixture(ConfigLoader.SesConfigFileName);

        var problem = Assert.Single(Assert.Throws<ConfigException>(() => ConfigLoader.Load(temp.File("config.json"))).Problems);

        Assert.Equal("announcement_types[1].topic", problem.Path);
        Assert.Contains("'security-advisories'", problem.Message);
        Assert.Contains("general-updates", problem.Message);
        Assert.Contains("Sync-SesTopic", problem.Fix);
    }

    [Fact]
    public void The_original_tools_config_with_route53_contacts_and_deliverability_fields_loads_and_keeps_them()
    {
        var fixture = System.Text.Json.Nodes.JsonNode.Parse(SharedFixtures.Bytes("config.json"))!.AsObject();
        fixture["route53_config"] = new System.Text.Json.Nodes.JsonObject { ["zone_id"] = "Z0123456789ABC", ["role_arn"] = "arn:aws:iam::300000000000:role/route53-writer" };
        fixture["contact_config"] = new System.Text.Json.Nodes.JsonObject { ["security_email"] = "sec@msp.example", ["billing_name"] = "Billing" };
        fixture["customer_mappings"]!["acme"]!["contact_config"] = new System.Text.Json.Nodes.JsonObject { ["operations_phone"] = "+1 555 0100" };
        File.WriteAllText(temp.File("config.json"), fixture.ToJsonString());
        temp.CopyFixture(ConfigLoader.SesConfigFileName);

        var loaded = ConfigLoader.Load(temp.File("config.json"));

        Assert.Equal(("Z0123456789ABC", "arn:aws:iam::300000000000:role/route53-writer"), (loaded.Config.Route53Config!.ZoneId, loaded.Config.Route53Config.RoleArn));
        Assert.Equal(("sec@msp.example", "Billing"), (loaded.Config.ContactConfig!.SecurityEmail, loaded.Config.ContactConfig.BillingName));
        Assert.Equal("+1 555 0100", loaded.Customer("acme").ContactConfig!.OperationsPhone);
        Assert.Equal("msp.example", loaded.Email.Domain);
        Assert.Equal(("bounce", "none", "dmarc-reports"), (loaded.Email.MailFromSubdomain, loaded.Email.DmarcPolicy, loaded.Email.DmarcReportEmail));
        Assert.Equal("change-board@msp.example", loaded.Email.MeetingOrganizer);
        Assert.Equal(["qa-team@initech.example"], loaded.Customer("initech").RestrictedRecipients!);
    }

    [Fact]
    public void Loading_does_not_rewrite_the_files()
    {
        LoadFixtures();

        Assert.Equal(SharedFixtures.Bytes("config.json"), File.ReadAllBytes(temp.File("config.json")));
        Assert.Equal(SharedFixtures.Bytes("SESConfig.json"), File.ReadAllBytes(temp.File("SESConfig.json")));
    }

    [Fact]
    public void Fixture_topics_are_expanded_with_defaults_and_opt_in_roles()
    {
        var topics = LoadFixtures().Topics;

        Assert.Equal(["aws-calendar", "aws-announce", "aws-approval", "general-updates", "finops-announce"], topics.Select(t => t.TopicName));
        var byName = topics.ToDictionary(t => t.TopicName);

        Assert.Equal(SubscriptionStatus.OptOut, byName["aws-calendar"].DefaultSubscriptionStatus);
        Assert.Equal(SubscriptionStatus.OptIn, byName["aws-announce"].DefaultSubscriptionStatus);
        Assert.Equal(SubscriptionStatus.OptOut, byName["aws-approval"].DefaultSubscriptionStatus);
        Assert.Equal(SubscriptionStatus.OptIn, byName["general-updates"].DefaultSubscriptionStatus);
        Assert.Equal(SubscriptionStatus.OptOut, byName["finops-announce"].DefaultSubscriptionStatus);

        Assert.Equal(["cloudeng", "devops", "security", "networking"], byName["aws-calendar"].OptInRoles);
        Assert.Empty(byName["aws-announce"].OptInRoles);
        Assert.Equal(["security"], byName["aws-approval"].OptInRoles);
        Assert.Empty(byName["general-updates"].OptInRoles);
        Assert.Equal(["finance"], byName["finops-announce"].OptInRoles);

        Assert.Equal("Change Calendar Invites", byName["aws-calendar"].DisplayName);
        Assert.Equal("Cost and billing announcements", byName["finops-announce"].Description);
        Assert.Equal("aws", byName["aws-approval"].GroupPrefix);
        Assert.Null(byName["general-updates"].GroupPrefix);
    }

    [Fact]
    public void Unknown_customer_is_reported_with_the_known_ones()
    {
        var loaded = LoadFixtures();

        var ex = Assert.Throws<UnknownCustomerException>(() => loaded.Customer("wayne"));
        Assert.Equal("wayne", ex.CustomerCode);
        Assert.Contains("acme, globex, initech, umbrella", ex.Message);
    }

    private const string BrokenConfig = """
        {
          "aws_region": "us-east-1",
          "s3_config": { "bucket_name": "msp-change-metadata-example" },
          "customer_mappings": {
            "acme": {
              "customer_code": "acme-corp",
              "region": "us-east-1",
              "ses_role_arn": "arn:aws:iam::1100:role/changemgmt-ses",
              "sqs_queue_arn": "arn:aws:sqs:us-east-1:100000000000:changemgmt-acme"
            },
            "globex": {
              "customer_code": "globex",
              "region": "us-west-2",
              "ses_role_arn": "arn:aws:iam::110000000002:role/changemgmt-ses",
              "sqs_queue_arn": "arn:aws:sqs:changemgmt-globex"
            },
            "initech": {
              "customer_code": "initech",
              "ses_role_arn": "arn:aws:iam::110000000003:role/changemgmt-ses",
              "sqs_queue_arn": "arn:aws:sqs:us-east-1:100000000000:changemgmt-shared"
            },
            "umbrella": {
              "customer_code": "umbrella",
              "ses_role_arn": "arn:aws:iam::110000000004:role/changemgmt-ses",
              "sqs_queue_arn": "arn:aws:sqs:us-east-1:100000000000:changemgmt-shared"
            }
          },
          "email_config": { "meeting_organizer": "change-board@msp.example" }
        }
        """;

    // 7 prefixes × 3 members + 1 standalone = 22 topics; the standalone one repeats aws-announce.
    private const string BrokenSesConfig = """
        {
          "topic_group_prefix": ["aws", "azure", "gcp", "oci", "ibm", "ali", "do"],
          "topic_group_members": [
            { "TopicName": "calendar", "DisplayName": "Calendar", "DefaultSubscriptionStatus": "OPT_OUT" },
            { "TopicName": "announce", "DisplayName": "Announcements", "DefaultSubscriptionStatus": "SUBSCRIBED" },
            { "TopicName": "approval", "DisplayName": "Approvals", "DefaultSubscriptionStatus": "OPT_IN" }
          ],
          "topics": [
            { "TopicName": "aws-announce", "DisplayName": "Again", "DefaultSubscriptionStatus": "OPT_IN" }
          ]
        }
        """;

    [Fact]
    public void Every_problem_in_both_files_is_reported_at_once()
    {
        var configPath = temp.Write("config.json", BrokenConfig);
        var sesPath = temp.Write("SESConfig.json", BrokenSesConfig);

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(configPath));

        foreach (var problem in ex.Problems)
        {
            Assert.False(string.IsNullOrWhiteSpace(problem.Path), $"problem without a field path: {problem}");
            Assert.False(string.IsNullOrWhiteSpace(problem.Message), $"problem without a message: {problem}");
            Assert.False(string.IsNullOrWhiteSpace(problem.Fix), $"problem without a fix: {problem}");
            Assert.Contains(problem.File, new[] { configPath, sesPath });
        }

        ConfigProblem Single(string file, string path, Func<ConfigProblem, bool>? also = null)
        {
            var matches = ex.Problems.Where(p => p.File == file && p.Path == path && (also is null || also(p))).ToList();
            Assert.True(matches.Count == 1, $"expected one problem at {file}: {path}; problems were:{Environment.NewLine}{ex.Message}");
            return matches[0];
        }

        var code = Single(configPath, "customer_mappings.acme.customer_code");
        Assert.Contains("acme-corp", code.Message);
        Assert.Contains("'acme'", code.Message);

        Assert.Contains("arn:aws:iam::1100:role/changemgmt-ses", Single(configPath, "customer_mappings.acme.ses_role_arn").Message);
        Assert.Contains("arn:aws:sqs:changemgmt-globex", Single(configPath, "customer_mappings.globex.sqs_queue_arn").Message);
        Single(configPath, "email_config.sender_address");

        var shared = ex.Problems.Where(p => p.Message.Contains("changemgmt-shared")).ToList();
        var sharing = Assert.Single(shared);
        Assert.Equal(configPath, sharing.File);
        Assert.Contains(sharing.Path, new[] { "customer_mappings.initech.sqs_queue_arn", "customer_mappings.umbrella.sqs_queue_arn" });
        Assert.Contains("initech", sharing.Message);
        Assert.Contains("umbrella", sharing.Message);

        var status = Single(sesPath, "topic_group_members[1].DefaultSubscriptionStatus");
        Assert.Contains("SUBSCRIBED", status.Message);
        Single(sesPath, "topics", p => p.Message.Contains("aws-announce"));
        Single(sesPath, "topics", p => p.Message.Contains("22") && p.Message.Contains("20"));

        // Nothing valid is reported: exactly the eight faults above.
        Assert.True(ex.Problems.Count == 8, ex.Message);
        // The exception's message carries every problem, so a log line shows them all.
        foreach (var problem in ex.Problems)
            Assert.Contains(problem.Path, ex.Message);
    }

    [Fact]
    public void Malformed_json_is_reported_with_file_and_line()
    {
        var configPath = temp.Write("config.json", "{\n  \"aws_region\": \"us-east-1\",\n  \"log_level\": info\n}\n");
        temp.CopyFixture("SESConfig.json");

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(configPath));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(configPath, problem.File);
        Assert.Contains("line 3", problem.Message);
        Assert.False(string.IsNullOrWhiteSpace(problem.Fix));
    }

    [Fact]
    public void Malformed_ses_config_is_reported_together_with_config_problems()
    {
        var configPath = temp.Write("config.json", """{ "customer_mappings": {}, "email_config": { "sender_address": "changes@msp.example" } }""");
        var sesPath = temp.Write("SESConfig.json", "{\n  \"topics\": [\n    { \"TopicName\": \"x\", }\n    oops\n  ]\n}");

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(configPath));

        Assert.Contains(ex.Problems, p => p.File == configPath && p.Path == "customer_mappings");
        var json = Assert.Single(ex.Problems, p => p.File == sesPath);
        Assert.Contains("line 4", json.Message);
    }

    [Fact]
    public void Sending_domain_fields_are_checked_sender_inside_domain_dmarc_policy_and_mail_from_label()
    {
        var configPath = temp.Write("config.json", """
            { "customer_mappings": {}, "email_config": { "sender_address": "changes@other.example", "domain": "msp.example",
              "mail_from_subdomain": "bounce.mail", "dmarc_policy": "strict", "dmarc_report_email": "dmarc-reports" } }
            """);
        temp.CopyFixture("SESConfig.json");

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(configPath));

        Assert.Contains("msp.example", Assert.Single(ex.Problems, p => p.Path == "email_config.sender_address").Fix);
        Assert.Contains("quarantine", Assert.Single(ex.Problems, p => p.Path == "email_config.dmarc_policy").Fix);
        Assert.Single(ex.Problems, p => p.Path == "email_config.mail_from_subdomain");
        Assert.DoesNotContain(ex.Problems, p => p.Path == "email_config.dmarc_report_email");
    }

    [Fact]
    public void Wrong_json_type_names_the_field()
    {
        var configPath = temp.Write("config.json", """{ "customer_mappings": [ "acme" ], "email_config": { "sender_address": "changes@msp.example" } }""");
        temp.CopyFixture("SESConfig.json");

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(configPath));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(configPath, problem.File);
        Assert.Contains("customer_mappings", problem.Path);
    }

    [Fact]
    public void Missing_files_are_reported()
    {
        var configPath = temp.File("config.json");

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(configPath));

        Assert.Equal(2, ex.Problems.Count);
        Assert.Contains(ex.Problems, p => p.File == configPath && p.Message.Contains("does not exist"));
        Assert.Contains(ex.Problems, p => p.File == temp.File("SESConfig.json") && p.Message.Contains("does not exist"));
        Assert.All(ex.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Fix)));
    }

    [Fact]
    public void Missing_ses_config_alone_is_reported()
    {
        var configPath = temp.CopyFixture("config.json");

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(configPath));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(temp.File("SESConfig.json"), problem.File);
    }

    [Fact]
    public void An_explicit_ses_config_path_is_used()
    {
        var configPath = temp.CopyFixture("config.json");
        var elsewhere = Path.Combine(temp.Path, "ses");
        Directory.CreateDirectory(elsewhere);
        var sesPath = Path.Combine(elsewhere, "topics.json");
        File.Copy(SharedFixtures.PathOf("SESConfig.json"), sesPath);

        var loaded = ConfigLoader.Load(configPath, sesPath);

        Assert.Equal(5, loaded.Topics.Count);
        Assert.Equal(Path.GetFullPath(sesPath), loaded.SesConfigPath);
    }
}

public sealed class ConfigLoaderNullSectionTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private ConfigException LoadBroken(string config, string? ses = null)
    {
        var configPath = temp.Write("config.json", config);
        if (ses is null) temp.CopyFixture("SESConfig.json");
        else temp.Write("SESConfig.json", ses);
        return Assert.Throws<ConfigException>(() => ConfigLoader.Load(configPath));
    }

    private const string Email = """ "email_config": { "sender_address": "changes@msp.example" } """;

    [Fact]
    public void Null_customer_mappings_is_a_config_problem()
    {
        var ex = LoadBroken($$"""{ "customer_mappings": null, {{Email}} }""");

        Assert.Contains(ex.Problems, p => p.Path.StartsWith("customer_mappings", StringComparison.Ordinal));
    }

    [Fact]
    public void A_null_customer_entry_is_a_config_problem()
    {
        var ex = LoadBroken($$"""{ "customer_mappings": { "acme": null }, {{Email}} }""");

        Assert.Contains(ex.Problems, p => p.Path.StartsWith("customer_mappings.acme", StringComparison.Ordinal));
    }

    [Fact]
    public void Null_topic_lists_are_a_config_problem()
    {
        var config = SharedFixtures.Text("config.json");

        var ex = LoadBroken(config, """{ "topic_group_prefix": null, "topic_group_members": [ null ], "topics": null }""");

        Assert.NotEmpty(ex.Problems);
        Assert.All(ex.Problems, p => Assert.Equal(temp.File("SESConfig.json"), p.File));
    }
}

/// <summary>config.json <c>change_policy.related</c>: groups of customers whose windows should not overlap.</summary>
public sealed class RelatedGroupConfigTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private IReadOnlyList<ConfigProblem> Problems(string related)
    {
        var fixture = System.Text.Json.Nodes.JsonNode.Parse(SharedFixtures.Bytes("config.json"))!.AsObject();
        fixture["change_policy"] = System.Text.Json.Nodes.JsonNode.Parse($$"""{"related": {{related}}}""");
        File.WriteAllText(temp.File("config.json"), fixture.ToJsonString());
        temp.CopyFixture(ConfigLoader.SesConfigFileName);
        try
        {
            ConfigLoader.Load(temp.File("config.json"));
            return [];
        }
        catch (ConfigException ex)
        {
            return ex.Problems;
        }
    }

    [Fact]
    public void A_group_of_configured_customers_and_environments_loads()
    {
        Assert.Empty(Problems("""[{"name": "shared-network", "customers": ["acme", "globex"], "environments": ["prod"]}]"""));
    }

    [Fact]
    public void An_unknown_customer_an_empty_group_and_a_missing_name_are_each_named()
    {
        var problems = Problems("""[{"name": "dr-pair", "customers": ["acme", "wayne"]}, {"customers": [], "environments": []}]""");

        Assert.Equal(["change_policy.related[0].customers[1]", "change_policy.related[1]", "change_policy.related[1].name"], problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.Contains("acme, globex, initech, umbrella", Assert.Single(problems, p => p.Path.EndsWith("customers[1]", StringComparison.Ordinal)).Fix);
    }
}
