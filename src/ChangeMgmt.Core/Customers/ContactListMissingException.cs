using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Core.Customers;

/// <summary>
/// The customer's SES account has no contact list, or not the one configured: the customer, its account
/// and region, the list looked for, the lists there are, and the fix. Not passing: retrying cannot help.
/// </summary>
public sealed class ContactListMissingException(CustomerConfig customer, string? lookedFor, IReadOnlyList<string> existing)
    : Exception(Describe(customer, lookedFor, existing))
{
    public string CustomerCode { get; } = customer.CustomerCode;
    public string? LookedFor { get; } = lookedFor;
    public IReadOnlyList<string> Existing { get; } = existing;

    private static string Describe(CustomerConfig customer, string? lookedFor, IReadOnlyList<string> existing)
    {
        var code = customer.CustomerCode;
        var where = $"{code} (SES account {AccountOf(customer.SesRoleArn)}, region {customer.Region ?? "aws_region"})";
        var lists = existing.Count == 0 ? "none" : string.Join(", ", existing);
        return lookedFor is null
            ? $"{where}: the account has no contact list (lists there: none). Fix: New-SesContactList -Customer {code} creates '{CustomerConfig.DefaultContactListName}' with the configured topics; then retry the delivery."
            : $"{where}: the contact list '{lookedFor}' named by customer_mappings.{code}.contact_list_name does not exist (lists there: {lists}). Fix: "
              + (existing.Count == 1
                  ? $"set contact_list_name to '{existing[0]}' or remove it (the account's only list is then used); then retry the delivery."
                  : $"create it with New-SesContactList -Customer {code}; then retry the delivery.");
    }

    private static string AccountOf(string? roleArn) =>
        roleArn?.Split(':') is { Length: >= 5 } parts && parts[4].Length > 0 ? parts[4] : "unknown";
}
