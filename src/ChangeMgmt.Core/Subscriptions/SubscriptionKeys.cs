using System.Globalization;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Core.Subscriptions;

/// <summary>Where subscription jobs and their backups live in the bucket.</summary>
public static class SubscriptionKeys
{
    public static string JobsOf(string customer) => $"{StorageLayout.SubscriptionsPrefix}{customer}/jobs/";
    public static string Job(string customer, string jobId) => $"{JobsOf(customer)}{jobId}.json";
    /// <summary>An open job's marker: the sweep lists these rather than reading every job ever queued ("_" is no customer code's start).</summary>
    public const string OpenPrefix = $"{StorageLayout.SubscriptionsPrefix}_open/";
    public static string Open(string customer, string jobId) => $"{OpenPrefix}{customer}/{jobId}";

    public static string Rows(string customer, string jobId) => $"{StorageLayout.SubscriptionsPrefix}{customer}/rows/{jobId}.json";

    public static string Backup(string customer, string listName, DateTimeOffset at) =>
        $"{StorageLayout.SubscriptionsPrefix}{customer}/backups/{listName}-{at.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..6]}.json";
}
