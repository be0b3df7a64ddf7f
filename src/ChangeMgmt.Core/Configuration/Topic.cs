using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Configuration;

/// <summary>A topic after expansion: the name a contact list carries.</summary>
public sealed record Topic(
    string TopicName,
    string DisplayName,
    string Description,
    SubscriptionStatus DefaultSubscriptionStatus,
    IReadOnlyList<string> OptInRoles,
    string? GroupPrefix);

public static class TopicExpander
{
    public static IReadOnlyList<Topic> Expand(SesConfig config)
    {
        var grouped = from prefix in config.TopicGroupPrefix
                      from member in config.TopicGroupMembers
                      select ToTopic(member, $"{prefix.ToLowerInvariant()}-{member.TopicName}", prefix.ToLowerInvariant());
        return grouped.Concat(config.Topics.Select(t => ToTopic(t, t.TopicName, null))).ToList();
    }

    private static Topic ToTopic(TopicDefinition d, string name, string? prefix) => new(
        name,
        d.DisplayName ?? name,
        d.Description ?? "",
        SubscriptionStatuses.Parse(d.DefaultSubscriptionStatus) ?? SubscriptionStatus.OptOut,
        d.OptInRoles ?? [],
        prefix);
}
