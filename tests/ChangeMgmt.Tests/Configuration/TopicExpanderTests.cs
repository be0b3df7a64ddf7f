using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.Configuration;

public sealed class TopicExpanderTests
{
    private static readonly SesConfig TwoClouds = new()
    {
        TopicGroupPrefix = ["AWS", "azure"],
        TopicGroupMembers =
        [
            new() { TopicName = "calendar", DisplayName = "Calendar", Description = "Invites", DefaultSubscriptionStatus = "OPT_OUT", OptInRoles = ["devops"] },
            new() { TopicName = "announce", DisplayName = "Announcements", Description = "News", DefaultSubscriptionStatus = "opt_in" },
        ],
        Topics = [new() { TopicName = "General-Updates", DisplayName = "General", DefaultSubscriptionStatus = "OPT_IN" }],
    };

    [Fact]
    public void Each_prefix_times_each_member_gives_lower_case_prefix_names_and_standalone_topics_stay_as_they_are()
    {
        var topics = TopicExpander.Expand(TwoClouds);

        Assert.Equal(
            ["aws-calendar", "aws-announce", "azure-calendar", "azure-announce", "General-Updates"],
            topics.Select(t => t.TopicName));
        Assert.Equal(["aws", "aws", "azure", "azure", null], topics.Select(t => t.GroupPrefix));
    }

    [Fact]
    public void Expanded_topics_carry_the_member_definition()
    {
        var byName = TopicExpander.Expand(TwoClouds).ToDictionary(t => t.TopicName);

        foreach (var prefix in new[] { "aws", "azure" })
        {
            var calendar = byName[$"{prefix}-calendar"];
            Assert.Equal("Calendar", calendar.DisplayName);
            Assert.Equal("Invites", calendar.Description);
            Assert.Equal(SubscriptionStatus.OptOut, calendar.DefaultSubscriptionStatus);
            Assert.Equal(["devops"], calendar.OptInRoles);

            var announce = byName[$"{prefix}-announce"];
            Assert.Equal(SubscriptionStatus.OptIn, announce.DefaultSubscriptionStatus);
            Assert.Empty(announce.OptInRoles);
        }
        Assert.Equal(SubscriptionStatus.OptIn, byName["General-Updates"].DefaultSubscriptionStatus);
        Assert.Equal("", byName["General-Updates"].Description);
    }

    [Fact]
    public void No_prefixes_means_no_grouped_topics()
    {
        var topics = TopicExpander.Expand(TwoClouds with { TopicGroupPrefix = [] });

        Assert.Equal(["General-Updates"], topics.Select(t => t.TopicName));
    }

    [Fact]
    public void A_missing_display_name_falls_back_to_the_topic_name()
    {
        var config = new SesConfig { Topics = [new() { TopicName = "plain", DefaultSubscriptionStatus = "OPT_IN" }] };

        Assert.Equal("plain", Assert.Single(TopicExpander.Expand(config)).DisplayName);
    }
}
