using System.Text.Json;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Tests.Announcements;

public sealed class AnnouncementTypesTests
{
    [Fact]
    public void Without_configuration_the_originals_types_apply_and_general_needs_no_approval()
    {
        var config = AnnouncementFixtures.Config;

        Assert.Equal(["general", "cic", "finops", "innersource"], AnnouncementTypes.Of(config).Select(t => t.Name));
        Assert.False(AnnouncementTypes.Find(config, "General")!.ApprovalRequired);
        Assert.Equal("finops-announce", AnnouncementTypes.Find(config, "FinOps")!.Topic);
    }

    [Fact]
    public void Config_json_announcement_types_are_read_and_replace_the_defaults()
    {
        var config = JsonSerializer.Deserialize<ChangeMgmtConfig>("""
            {"announcement_types": [{"name": "security", "display_name": "Security advisories", "topic": "aws-announce", "approval_required": true, "colour": "red"}]}
            """)!;

        var type = Assert.Single(AnnouncementTypes.Of(config));
        Assert.Equal(("security", "Security advisories", "aws-announce", true), (type.Name, type.DisplayName, type.Topic, type.ApprovalRequired));
        Assert.Equal("red", type.Extra!["colour"].GetString());
        Assert.Null(AnnouncementTypes.Find(config, "general"));
    }

    [Fact]
    public void Config_validation_names_a_type_without_name_or_topic_and_a_repeated_name()
    {
        var config = AnnouncementFixtures.Config with
        {
            AnnouncementTypes = [new() { Name = "general", Topic = "general-updates" }, new() { Name = "General", Topic = "" }, new() { Name = " ", Topic = "x" }],
        };

        var problems = ConfigValidator.Validate(config, "config.json").Where(p => p.Path.StartsWith("announcement_types", StringComparison.Ordinal));

        Assert.Equal(["announcement_types[1].name", "announcement_types[1].topic", "announcement_types[2].name"], problems.Select(p => p.Path).Order());
    }
}
