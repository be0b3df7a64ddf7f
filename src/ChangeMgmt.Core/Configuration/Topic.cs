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
        // Null lists and entries are reported by SesConfigValidator; expansion uses what is there.
        var grouped = from prefix in config.TopicGroupPrefix?.OfType<string>() ?? []
                      from member in config.TopicGroupMembers?.OfType<TopicDefinition>() ?? []
                      select ToTopic(member, $"{prefix.ToLowerInvariant()}-{member.TopicName}", prefix.ToLowerInvariant());
        var standalone = (config.Topics?.OfType<TopicDefinition>() ?? []).Select(t => ToTopic(t, t.TopicName, null));
        return grouped.Concat(standalone).ToList();
    }

    private static Topic ToTopic(TopicDefinition d, string name, string? prefix) => new(
        name,
        d.DisplayName ?? name,
        d.Description ?? "",
        SubscriptionStatuses.Parse(d.DefaultSubscriptionStatus) ?? SubscriptionStatus.OptOut,
        d.OptInRoles ?? [],
        prefix);
}
