using System.Text.Json;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Json;

namespace ChangeMgmt.Tests.Configuration;

/// <summary>
/// config.json and SESConfig.json read through the loader's generated metadata: a field the file leaves out keeps the
/// default its record gives it, and fields this version does not know are kept, in every section (dotnet/runtime#84484).
/// </summary>
public sealed class ConfigJsonTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static T Parse<T>(string json) => JsonSerializer.Deserialize(json, ConfigLoader.Options.TypeInfo<T>())!;

    [Fact]
    public void A_config_without_customer_mappings_has_an_empty_ordinal_map()
    {
        var config = Parse<ChangeMgmtConfig>("{}");

        Assert.Empty(config.CustomerMappings);
        Assert.Same(StringComparer.Ordinal, config.CustomerMappings.Comparer);
        Assert.Null(config.Extra);
    }

    [Fact]
    public void A_customer_without_customer_code_has_an_empty_one()
    {
        var config = Parse<ChangeMgmtConfig>("""{ "customer_mappings": { "acme": { "region": "us-east-1" } } }""");

        Assert.Equal(("", "us-east-1"), (config.CustomerMappings["acme"].CustomerCode, config.CustomerMappings["acme"].Region));
    }

    [Fact]
    public void An_announcement_type_without_name_and_topic_has_empty_ones()
    {
        var type = Assert.Single(Parse<ChangeMgmtConfig>("""{ "announcement_types": [ { "approval_required": true } ] }""").AnnouncementTypes!);

        Assert.Equal(("", "", true), (type.Name, type.Topic, type.ApprovalRequired));
    }

    [Fact]
    public void A_ses_config_without_its_lists_has_empty_ones()
    {
        var ses = Parse<SesConfig>("{}");

        Assert.Equal((0, 0, 0), (ses.TopicGroupPrefix.Count, ses.TopicGroupMembers.Count, ses.Topics.Count));
    }

    [Fact]
    public void A_topic_without_TopicName_has_an_empty_one()
    {
        var topic = Assert.Single(Parse<SesConfig>("""{ "topics": [ { "DisplayName": "General" } ] }""").Topics);

        Assert.Equal(("", "General"), (topic.TopicName, topic.DisplayName));
    }

    private const string Unknown = "\"x_later\": {\"kept\": [1, 2]}";

    /// <summary>config.json with one field this version does not know in each of its sections.</summary>
    private static readonly string ConfigWithUnknownFields = $$"""
        {
          {{Unknown}},
          "s3_config": { "bucket_name": "b", {{Unknown}} },
          "email_config": { "sender_address": "changes@msp.example", {{Unknown}} },
          "auth": { "issuer": "i", {{Unknown}} },
          "change_policy": { "related": [ { "name": "n", {{Unknown}} } ], {{Unknown}} },
          "route53_config": { "zone_id": "Z1", {{Unknown}} },
          "reputation": { "days": 7, {{Unknown}} },
          "bounce_policy": { "complaint": "keep", {{Unknown}} },
          "announcement_types": [ { "name": "general", "topic": "general-updates", {{Unknown}} } ],
          "reminders": { "started": true, {{Unknown}} },
          "contact_config": { "security_email": "soc@msp.example", {{Unknown}} },
          "customer_mappings": {
            "acme": {
              "customer_code": "acme",
              "maintenance_windows": [ { "start": "22:00", {{Unknown}} } ],
              {{Unknown}}
            }
          }
        }
        """;

    public static TheoryData<string> ConfigSections => [.. ConfigSectionsOf(new ChangeMgmtConfig()).Keys];

    private static Dictionary<string, Dictionary<string, JsonElement>?> ConfigSectionsOf(ChangeMgmtConfig c)
    {
        var acme = c.CustomerMappings.GetValueOrDefault("acme");
        return new()
        {
            ["config"] = c.Extra,
            ["s3_config"] = c.S3Config?.Extra,
            ["email_config"] = c.EmailConfig?.Extra,
            ["auth"] = c.Auth?.Extra,
            ["change_policy"] = c.ChangePolicy?.Extra,
            ["change_policy.related[0]"] = c.ChangePolicy?.Related?[0].Extra,
            ["route53_config"] = c.Route53Config?.Extra,
            ["reputation"] = c.Reputation?.Extra,
            ["bounce_policy"] = c.BouncePolicy?.Extra,
            ["announcement_types[0]"] = c.AnnouncementTypes?[0].Extra,
            ["reminders"] = c.Reminders?.Extra,
            ["contact_config"] = c.ContactConfig?.Extra,
            ["customer_mappings.acme"] = acme?.Extra,
            ["customer_mappings.acme.maintenance_windows[0]"] = acme?.MaintenanceWindows?[0].Extra,
        };
    }

    [Theory]
    [MemberData(nameof(ConfigSections))]
    public void An_unknown_config_field_is_kept_as_written(string section)
    {
        var extra = ConfigSectionsOf(Parse<ChangeMgmtConfig>(ConfigWithUnknownFields))[section];

        Assert.Equal("""{"kept": [1, 2]}""", Assert.Single(extra!, kv => kv.Key == "x_later").Value.GetRawText());
    }

    [Fact]
    public void Unknown_fields_go_out_again_where_they_came_in()
    {
        var config = Parse<ChangeMgmtConfig>(ConfigWithUnknownFields);

        var again = Parse<ChangeMgmtConfig>(JsonSerializer.Serialize(config, ConfigLoader.Options.TypeInfo<ChangeMgmtConfig>()));

        Assert.All(ConfigSectionsOf(again).Values, extra => Assert.Equal("""{"kept":[1,2]}""", Assert.Single(extra!).Value.GetRawText()));
    }

    [Fact]
    public void Unknown_ses_config_topic_and_organization_fields_are_kept()
    {
        var ses = Parse<SesConfig>($$"""{ {{Unknown}}, "topic_group_members": [ { "TopicName": "announce", {{Unknown}} } ], "topics": [ { "TopicName": "general", {{Unknown}} } ] }""");
        var organization = Assert.Single(Parse<List<OrgConfigEntry>>($$"""[ { "mocb_org_prefix": "acme", {{Unknown}} } ]"""));

        Assert.All([ses.Extra, ses.TopicGroupMembers[0].Extra, ses.Topics[0].Extra, organization.Extra],
            extra => Assert.Equal("""{"kept": [1, 2]}""", extra!["x_later"].GetRawText()));
    }

    [Fact]
    public void Files_with_comments_trailing_commas_and_unknown_fields_load_as_before()
    {
        var config = SharedFixtures.Text("config.json").Replace("\"aws_region\"", "// written by hand\n  \"x_later\": 1,\n  \"aws_region\"", StringComparison.Ordinal);
        var ses = SharedFixtures.Text("SESConfig.json").Replace("\"topics\": [", "/* standalone */ \"topics\": [", StringComparison.Ordinal);
        var configPath = temp.Write("config.json", config.TrimEnd()[..^1].TrimEnd() + ",\n}");
        temp.Write(ConfigLoader.SesConfigFileName, ses);

        var loaded = ConfigLoader.Load(configPath);

        Assert.Equal("us-east-1", loaded.Config.AwsRegion);
        Assert.Equal(1, loaded.Config.Extra!["x_later"].GetInt32());
        Assert.Equal(["acme", "globex", "initech", "umbrella"], loaded.Config.CustomerMappings.Keys.Order());
        Assert.Contains(loaded.Topics, t => t.TopicName == "general-updates");
    }
}
