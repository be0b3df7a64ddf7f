using Amazon.S3.Model;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Storage;

/// <summary>
/// GetBucketNotification's queue configurations as <see cref="QueueNotificationRule"/>s. Filter rule
/// names are matched without regard to case (S3 answers "Prefix"/"Suffix", moto "prefix"/"suffix");
/// values are kept exactly as the bucket reports them.
/// </summary>
internal static class S3QueueNotifications
{
    public static IReadOnlyList<QueueNotificationRule> From(IEnumerable<QueueConfiguration>? configurations) =>
        [.. (configurations ?? []).Select(From)];

    private static QueueNotificationRule From(QueueConfiguration configuration)
    {
        var filters = configuration.Filter?.S3KeyFilter?.FilterRules ?? [];
        return new QueueNotificationRule(
            configuration.Id,
            configuration.Queue ?? "",
            [.. (configuration.Events ?? []).Select(e => e?.Value).OfType<string>()],
            FilterValue(filters, "prefix"),
            FilterValue(filters, "suffix"));
    }

    private static string? FilterValue(List<FilterRule> rules, string name) =>
        rules.LastOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;
}
