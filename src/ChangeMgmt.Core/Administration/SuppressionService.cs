using System.Runtime.CompilerServices;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Administration;

/// <summary>Each customer account's suppression list: addresses SES will not send to.</summary>
public sealed class SuppressionService(ISesAccountProvider accounts)
{
    public async Task<CustomerSuppression> AddAsync(CustomerConfig customer, string emailAddress, SuppressionReason reason, CancellationToken ct)
    {
        var account = accounts.ForCustomer(customer.CustomerCode);
        await account.PutSuppressedDestinationAsync(emailAddress, reason, ct);
        return CustomerSuppression.From(customer.CustomerCode, await account.GetSuppressedDestinationAsync(emailAddress, ct));
    }

    /// <summary>Saves the entry (address, reason, date) as a backup file, then removes it; returns the file.</summary>
    public async Task<string> RemoveAsync(CustomerConfig customer, string emailAddress, ContactListBackups backups, CancellationToken ct)
    {
        var entry = await GetAsync(customer, emailAddress, ct);
        var path = await backups.WriteSuppressionAsync(entry, ct);
        await accounts.ForCustomer(customer.CustomerCode).DeleteSuppressedDestinationAsync(emailAddress, ct);
        return path;
    }

    public async Task<CustomerSuppression> GetAsync(CustomerConfig customer, string emailAddress, CancellationToken ct) =>
        CustomerSuppression.From(customer.CustomerCode, await accounts.ForCustomer(customer.CustomerCode).GetSuppressedDestinationAsync(emailAddress, ct));

    public async IAsyncEnumerable<CustomerSuppression> ListAsync(CustomerConfig customer, SuppressionReason? reason, [EnumeratorCancellation] CancellationToken ct)
    {
        var account = accounts.ForCustomer(customer.CustomerCode);
        string? token = null;
        do
        {
            var page = await account.ListSuppressedDestinationsAsync(token, ct);
            foreach (var destination in page.Items.Where(d => reason is null || d.Reason == reason))
                yield return CustomerSuppression.From(customer.CustomerCode, destination);
            token = page.NextToken;
        } while (!string.IsNullOrEmpty(token));
    }
}
