using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Resilience;

namespace ChangeMgmt.Bench.LargeList;

/// <summary>
/// The local SES accounts, with the calls that read the audience paced as SES paces an account's non-sending
/// operations (1 a second by default; <c>--management-rate</c>, scaled like every rate), so that reading a large
/// contact list costs what it costs on AWS: one call per page of 1,000 contacts.
/// </summary>
internal sealed class PacedManagementAccounts(ISesAccountProvider inner, double callsPerSecond) : ISesAccountProvider
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CallPacer> pacers = new();

    public ISesAccount ForCustomer(string customerCode) =>
        new Paced(inner.ForCustomer(customerCode), pacers.GetOrAdd(customerCode, _ => new CallPacer(callsPerSecond, TimeProvider.System)));

    private sealed class Paced(ISesAccount inner, CallPacer pacer) : ISesAccount
    {
        public string CustomerCode => inner.CustomerCode;

        private async Task<T> PacedAsync<T>(Func<Task<T>> call, CancellationToken ct)
        {
            await pacer.WaitAsync(ct);
            return await call();
        }

        public Task<SendQuota> GetSendQuotaAsync(CancellationToken ct) => PacedAsync(() => inner.GetSendQuotaAsync(ct), ct);
        public Task<SesContactList> GetContactListAsync(string name, CancellationToken ct) => PacedAsync(() => inner.GetContactListAsync(name, ct), ct);
        public Task<Page<SesContactList>> ListContactListsAsync(string? token, CancellationToken ct) => PacedAsync(() => inner.ListContactListsAsync(token, ct), ct);
        public Task<Page<SesContact>> ListContactsAsync(string list, ContactFilter? filter, int pageSize, string? token, CancellationToken ct) =>
            PacedAsync(() => inner.ListContactsAsync(list, filter, pageSize, token, ct), ct);
        public Task<Page<SuppressedDestination>> ListSuppressedDestinationsAsync(string? token, CancellationToken ct) =>
            PacedAsync(() => inner.ListSuppressedDestinationsAsync(token, ct), ct);
        public Task<string> SendEmailAsync(OutgoingEmail email, CancellationToken ct) => inner.SendEmailAsync(email, ct);

        public Task CreateContactListAsync(SesContactList list, CancellationToken ct) => inner.CreateContactListAsync(list, ct);
        public Task UpdateContactListAsync(SesContactList list, CancellationToken ct) => inner.UpdateContactListAsync(list, ct);
        public Task DeleteContactListAsync(string name, CancellationToken ct) => inner.DeleteContactListAsync(name, ct);
        public Task CreateContactAsync(string list, SesContact contact, CancellationToken ct) => inner.CreateContactAsync(list, contact, ct);
        public Task<SesContact> GetContactAsync(string list, string email, CancellationToken ct) => inner.GetContactAsync(list, email, ct);
        public Task UpdateContactAsync(string list, SesContact contact, CancellationToken ct) => inner.UpdateContactAsync(list, contact, ct);
        public Task DeleteContactAsync(string list, string email, CancellationToken ct) => inner.DeleteContactAsync(list, email, ct);
        public Task PutSuppressedDestinationAsync(string email, SuppressionReason reason, CancellationToken ct) => inner.PutSuppressedDestinationAsync(email, reason, ct);
        public Task<SuppressedDestination> GetSuppressedDestinationAsync(string email, CancellationToken ct) => inner.GetSuppressedDestinationAsync(email, ct);
        public Task DeleteSuppressedDestinationAsync(string email, CancellationToken ct) => inner.DeleteSuppressedDestinationAsync(email, ct);

        // Account setup is never called by the benchmark.
        public Task<SesAccountDetails> GetAccountAsync(CancellationToken ct) => throw Unused();
        public Task PutAccountSuppressionAttributesAsync(IReadOnlyList<SuppressionReason> reasons, CancellationToken ct) => throw Unused();
        public Task PutAccountDetailsAsync(SesProductionAccessRequest request, CancellationToken ct) => throw Unused();
        public Task<SesEmailIdentity> GetEmailIdentityAsync(string identity, CancellationToken ct) => throw Unused();
        public Task CreateEmailIdentityAsync(string identity, string? set, CancellationToken ct) => throw Unused();
        public Task PutEmailIdentityDkimSigningAttributesAsync(string identity, CancellationToken ct) => throw Unused();
        public Task PutEmailIdentityMailFromAttributesAsync(string identity, string domain, string behavior, CancellationToken ct) => throw Unused();
        public Task PutEmailIdentityConfigurationSetAttributesAsync(string identity, string set, CancellationToken ct) => throw Unused();
        public Task<SesConfigurationSet> GetConfigurationSetAsync(string name, CancellationToken ct) => throw Unused();
        public Task CreateConfigurationSetAsync(string name, CancellationToken ct) => throw Unused();

        private static NotSupportedException Unused() => new("The benchmark does not set accounts up.");
    }
}
