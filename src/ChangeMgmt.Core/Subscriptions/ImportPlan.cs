using System.Text.Json.Serialization;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Subscriptions;

public sealed record ImportChange(
    string Email, string Action,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] IReadOnlyList<string>? Before,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] IReadOnlyList<string>? After);

public sealed record ImportSummary(int Add, int Remove, int Update, int Unchanged);

public sealed record ImportPreview(IReadOnlyList<ImportChange> Changes, IReadOnlyList<ImportError> Errors, ImportSummary Summary);

/// <summary>What a row does to a contact as it is now: the same rule previews the file and applies it, one contact at a time.</summary>
public static class ImportPlan
{
    /// <summary>The contact's opted-in topics after the row (null: removed or absent).</summary>
    public static IReadOnlyList<string>? After(ImportRow row, SesContactList list, IReadOnlyList<string>? before) => row.Action switch
    {
        ImportAction.Remove => null,
        ImportAction.Set => Ordered(list, row.Topics),
        _ => Ordered(list, (before ?? Defaults(list)).Concat(row.Topics)),
    };

    public static ImportChange Change(ImportRow row, SesContactList list, CustomerContact? current)
    {
        var before = current is null ? null : Ordered(list, current.SubscribedTopics);
        var after = After(row, list, before);
        var action = (before, after) switch
        {
            (null, null) => "unchanged",
            (null, _) => "add",
            (_, null) => "remove",
            _ when before.SequenceEqual(after) && current!.UnsubscribeAll == false => "unchanged",
            _ => "update",
        };
        return new(row.Email, action, before, after);
    }

    public static ImportSummary Summarize(IReadOnlyList<ImportChange> changes) => new(
        changes.Count(c => c.Action == "add"), changes.Count(c => c.Action == "remove"),
        changes.Count(c => c.Action == "update"), changes.Count(c => c.Action == "unchanged"));

    private static IReadOnlyList<string> Defaults(SesContactList list) =>
        [.. list.Topics.Where(t => t.DefaultSubscriptionStatus == SubscriptionStatus.OptIn).Select(t => t.TopicName)];

    private static IReadOnlyList<string> Ordered(SesContactList list, IEnumerable<string> topics)
    {
        var set = topics.ToHashSet(StringComparer.Ordinal);
        return [.. list.Topics.Select(t => t.TopicName).Where(set.Contains)];
    }
}
