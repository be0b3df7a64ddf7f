using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Json;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.AlternateContacts;

/// <summary>A sweep's hold on a customer's check until <see cref="Until"/>, so that a slow check is not started again beside it.</summary>
internal sealed record ContactCheckClaim(DateTimeOffset Until);

/// <summary>An admin's request for a fresh check of a customer, kept until the next sweep has checked it.</summary>
public sealed record ContactCheckRequest(DateTimeOffset RequestedAt, string RequestedBy);

/// <summary>
/// Each customer's last alternate contact drift report in the bucket (<c>alternate-contacts/{code}.json</c>) the
/// requests for a fresh check (<c>{code}.requested.json</c>), the hold of a running check (<c>{code}.checking.json</c>) and
/// where an unfinished check stopped (<c>{code}.progress.json</c>). Reading never checks: the sweep's
/// <see cref="AlternateContactChecks"/> does, minutes long, outside any request.
/// </summary>
public sealed class AlternateContactReports(IObjectStore store, LoadedConfig config, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters =
        {
            new JsonStringEnumConverter<ContactReportState>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<AlternateContactType>(JsonNamingPolicy.CamelCase),
        },
        TypeInfoResolver = AlternateContactJsonContext.Default,
    };

    /// <summary>The customer's report as last checked, with a pending request; "not checked" before the first check, "not configured" with the fix.</summary>
    public async Task<ContactReport> GetAsync(CustomerConfig customer, CancellationToken ct)
    {
        if (NotConfigured(customer) is { } why) return ContactReport.Unconfigured(customer.CustomerCode, customer.DisplayName, why);
        var report = await ReadAsync(ReportKey(customer.CustomerCode), Json.TypeInfo<ContactReport>(), ct) ?? ContactReport.NotCheckedYet(customer.CustomerCode, customer.DisplayName);
        var request = await ReadAsync(RequestKey(customer.CustomerCode), Json.TypeInfo<ContactCheckRequest>(), ct);
        return report with { CustomerName = customer.DisplayName, CheckRequestedAt = request?.RequestedAt };
    }

    /// <summary>The customers' reports as counts, in customer code order.</summary>
    public async Task<IReadOnlyList<ContactReportSummary>> ListAsync(IEnumerable<CustomerConfig> customers, CancellationToken ct)
    {
        var reports = await Task.WhenAll(customers.OrderBy(c => c.CustomerCode, StringComparer.Ordinal).Select(c => GetAsync(c, ct)));
        return [.. reports.Select(r => r.Summary)];
    }

    /// <summary>Asks the next sweep to check the customer whatever its report's age; the request it wrote.</summary>
    public async Task<ContactCheckRequest> RequestAsync(CustomerConfig customer, string user, CancellationToken ct)
    {
        var request = new ContactCheckRequest(time.GetUtcNow(), user);
        await store.PutAsync(RequestKey(customer.CustomerCode), JsonSerializer.SerializeToUtf8Bytes(request, Json.TypeInfo<ContactCheckRequest>()), WriteCondition.None, ct);
        return request;
    }

    /// <summary>Why the customer is not checked, or null: without a configured contact type there is nothing to compare its accounts with.</summary>
    public ContactFailure? NotConfigured(CustomerConfig customer)
    {
        if (ContactConfig.Configures(config.Config, customer)) return null;
        var contacts = $"Set contact_config (security_, billing_ and operations_ name, title, email, phone): at the top of config.json for every customer, or customer_mappings.{customer.CustomerCode}.contact_config for this one";
        return config.OrganizationReader(customer).RoleArn is null
            ? new(customer.CustomerCode, null, $"Alternate contacts are not managed for {customer.CustomerCode}: no contact_config and no role reaching its organization.",
                $"{contacts}, and customer_mappings.{customer.CustomerCode}.organization_role_arn to the ChangeMgmt role in the organization's management account.")
            : new(customer.CustomerCode, null, $"No alternate contacts are configured for {customer.CustomerCode}: nothing to compare its accounts with.", $"{contacts}.");
    }

    /// <summary>Whether the customer's report is missing, older than <paramref name="maxAge"/>, or asked for again.</summary>
    internal async Task<bool> IsDueAsync(CustomerConfig customer, TimeSpan maxAge, CancellationToken ct) =>
        await store.GetAsync(RequestKey(customer.CustomerCode), ct) is not null
        || await store.GetAsync(ProgressKey(customer.CustomerCode), ct) is not null
        || await ReadAsync(ReportKey(customer.CustomerCode), Json.TypeInfo<ContactReport>(), ct) is not { CheckedAt: { } checkedAt }
        || time.GetUtcNow() - checkedAt >= maxAge;

    /// <summary>Holds the customer's check for <paramref name="lease"/>; false while another sweep holds it (a lapsed hold is taken over).</summary>
    internal async Task<bool> TryClaimAsync(CustomerConfig customer, TimeSpan lease, CancellationToken ct)
    {
        var current = await store.GetAsync(ClaimKey(customer.CustomerCode), ct);
        if (current is not null && JsonSerializer.Deserialize(current.Content, Json.TypeInfo<ContactCheckClaim>()) is { } held && held.Until > time.GetUtcNow()) return false;
        try
        {
            await store.PutAsync(ClaimKey(customer.CustomerCode), JsonSerializer.SerializeToUtf8Bytes(new ContactCheckClaim(time.GetUtcNow() + lease), Json.TypeInfo<ContactCheckClaim>()),
                current is null ? WriteCondition.MustNotExist : WriteCondition.MustMatch(current.ETag), ct);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    /// <summary>
    /// Stores a check's report, drops the request it answered (one made after the check began stays for the next sweep),
    /// the check's progress, and releases the hold.
    /// </summary>
    internal async Task SaveAsync(ContactReport report, DateTimeOffset startedAt, CancellationToken ct)
    {
        await store.PutAsync(ReportKey(report.CustomerCode), JsonSerializer.SerializeToUtf8Bytes(report with { CheckRequestedAt = null }, Json.TypeInfo<ContactReport>()), WriteCondition.None, ct);
        if (await ReadAsync(RequestKey(report.CustomerCode), Json.TypeInfo<ContactCheckRequest>(), ct) is { } request && request.RequestedAt <= startedAt)
            await store.DeleteAsync(RequestKey(report.CustomerCode), ct);
        await store.DeleteAsync(ProgressKey(report.CustomerCode), ct);
        await store.DeleteAsync(ClaimKey(report.CustomerCode), ct);
    }

    /// <summary>Where the customer's unfinished check stopped, or null.</summary>
    internal Task<ContactCheckProgress?> ProgressAsync(CustomerConfig customer, CancellationToken ct) => ReadAsync(ProgressKey(customer.CustomerCode), Json.TypeInfo<ContactCheckProgress>(), ct);

    /// <summary>Keeps an unfinished check's progress for the next sweep and releases the hold, so that sweep resumes it.</summary>
    internal async Task SaveProgressAsync(string customerCode, ContactCheckProgress progress, CancellationToken ct)
    {
        await store.PutAsync(ProgressKey(customerCode), JsonSerializer.SerializeToUtf8Bytes(progress, Json.TypeInfo<ContactCheckProgress>()), WriteCondition.None, ct);
        await store.DeleteAsync(ClaimKey(customerCode), ct);
    }

    private static string ReportKey(string customerCode) => $"{StorageLayout.AlternateContactsPrefix}{customerCode}.json";

    private static string RequestKey(string customerCode) => $"{StorageLayout.AlternateContactsPrefix}{customerCode}.requested.json";

    private static string ProgressKey(string customerCode) => $"{StorageLayout.AlternateContactsPrefix}{customerCode}.progress.json";

    private static string ClaimKey(string customerCode) => $"{StorageLayout.AlternateContactsPrefix}{customerCode}.checking.json";

    private async Task<T?> ReadAsync<T>(string key, JsonTypeInfo<T> type, CancellationToken ct) where T : class =>
        await store.GetAsync(key, ct) is { } stored ? JsonSerializer.Deserialize(stored.Content, type) : null;
}
