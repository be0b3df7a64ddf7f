namespace ChangeMgmt.Core.Changes;

/// <summary>The one bucket key layout.</summary>
public static class StorageLayout
{
    public const string ArchivePrefix = "archive/";
    public const string VersionsPrefix = "versions/";
    public const string DraftsPrefix = "drafts/";
    public const string CustomersPrefix = "customers/";
    public const string DeadLettersPrefix = "dead-letters/";
    public const string AudiencesPrefix = "audiences/";

    public static string Archive(string changeId) => $"{ArchivePrefix}{changeId}.json";
    public static string Draft(string changeId) => $"{DraftsPrefix}{changeId}.json";
    public static string Version(string changeId, int version) => $"{VersionsPrefix}{changeId}/v{version}.json";
    public static string VersionsOf(string changeId) => $"{VersionsPrefix}{changeId}/";
    public static string CustomerPrefix(string customerCode) => $"{CustomersPrefix}{customerCode}/";
    /// <summary>The audience a long delivery started with, for its continuations (see AudienceSnapshots).</summary>
    public static string Audience(string customerCode, string changeId, int version) => $"{AudiencesPrefix}{customerCode}/{changeId}.v{version}.json.gz";
    public static string CustomerTrigger(string customerCode, string changeId) => $"{CustomersPrefix}{customerCode}/{changeId}.json";

    /// <summary>Parses <c>customers/{code}/{changeId}.json</c>; anything else is not a trigger.</summary>
    public static bool TryParseCustomerTrigger(string key, out string customerCode, out string changeId)
    {
        customerCode = changeId = "";
        var parts = key.Split('/');
        if (parts.Length != 3 || parts[0] + "/" != CustomersPrefix || !parts[2].EndsWith(".json", StringComparison.Ordinal))
            return false;
        customerCode = parts[1];
        changeId = parts[2][..^".json".Length];
        return customerCode.Length > 0 && ChangeId.IsValid(changeId);
    }
}
