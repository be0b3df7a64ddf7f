using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Administration;

/// <summary>A topic as configured (SESConfig.json, expanded) or as a customer's live list carries it.</summary>
public sealed record TopicView(
    string? CustomerCode,
    string? ContactListName,
    string TopicName,
    string DisplayName,
    string Description,
    SubscriptionStatus DefaultSubscriptionStatus,
    IReadOnlyList<string> OptInRoles,
    bool Configured,
    bool Live)
{
    public static TopicView FromConfig(Topic t) =>
        new(null, null, t.TopicName, t.DisplayName, t.Description, t.DefaultSubscriptionStatus, t.OptInRoles, true, false);

    /// <summary>A live topic, marked whether configuration has it too (with its opt-in roles).</summary>
    public static TopicView FromLive(string customerCode, string listName, SesTopic t, IReadOnlyList<Topic> configured)
    {
        var match = configured.FirstOrDefault(c => c.TopicName == t.TopicName);
        return new(customerCode, listName, t.TopicName, t.DisplayName, t.Description, t.DefaultSubscriptionStatus,
            match?.OptInRoles ?? [], match is not null, true);
    }
}
