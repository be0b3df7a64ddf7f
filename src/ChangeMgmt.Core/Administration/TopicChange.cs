using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Administration;

// long, not int: PowerShell's ConvertTo-Json writes long-based enums by name, so exported output reads as words.

public enum TopicChangeKind : long { Add, Update, Remove }

/// <summary>One difference between a live contact list's topics and the configured ones.</summary>
public sealed record TopicChange(
    string CustomerCode,
    string ContactListName,
    string TopicName,
    TopicChangeKind Change,
    SesTopic? Live,
    SesTopic? Configured)
{
    /// <summary>What changes, in words (the -WhatIf text).</summary>
    public string Description => Change switch
    {
        TopicChangeKind.Add => $"add topic {TopicName} (default {Configured!.DefaultSubscriptionStatus.ToAws()})",
        TopicChangeKind.Remove => $"remove topic {TopicName}; contacts' preferences for it are dropped",
        _ => $"update topic {TopicName}: {string.Join(", ", Differences())}",
    };

    private IEnumerable<string> Differences()
    {
        if (Live!.DisplayName != Configured!.DisplayName) yield return $"display name '{Live.DisplayName}' → '{Configured.DisplayName}'";
        if (Live.Description != Configured.Description) yield return $"description '{Live.Description}' → '{Configured.Description}'";
        if (Live.DefaultSubscriptionStatus != Configured.DefaultSubscriptionStatus)
            yield return $"default {Live.DefaultSubscriptionStatus.ToAws()} → {Configured.DefaultSubscriptionStatus.ToAws()}";
    }
}

/// <summary>The changes that bring one list in line with configuration.</summary>
public sealed record TopicSyncPlan(string CustomerCode, SesContactList Live, IReadOnlyList<SesTopic> Configured, IReadOnlyList<TopicChange> Changes)
{
    public bool InSync => Changes.Count == 0;

    public bool RemovesTopics => Changes.Any(c => c.Change == TopicChangeKind.Remove);
}
