using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.Delivery;

/// <summary>
/// Real local SES accounts with injected faults: the first sends answer TooManyRequestsException
/// exactly as SES does, and a "broken" customer's account cannot be reached at all.
/// </summary>
internal sealed class FaultyAccounts(ISesAccountProvider real, int throttleFirstSends = 0, string? brokenCustomer = null) : ISesAccountProvider
{
    /// <summary>Set: every send signals <see cref="SendStarted"/> and waits until <see cref="SendGate"/> opens.</summary>
    public TaskCompletionSource? SendGate { get; init; }
    public TaskCompletionSource SendStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly int throttles = throttleFirstSends;
    private int throttlesLeft = throttleFirstSends;

    public int ThrottledSends => throttles - Math.Max(0, Volatile.Read(ref throttlesLeft));

    private int contactPages;

    /// <summary>ListContacts calls, over every customer.</summary>
    public int ContactPagesRead => Volatile.Read(ref contactPages);

    public ISesAccount ForCustomer(string customerCode) =>
        customerCode == brokenCustomer ? throw new ServiceException(ServiceErrorKind.AccessDenied, $"{customerCode}: AssumeRole was denied.", customerCode)
        : new Faulty(real.ForCustomer(customerCode), this);

    private bool TakeThrottle() => Interlocked.Decrement(ref throttlesLeft) >= 0;

    private sealed class Faulty(ISesAccount inner, FaultyAccounts owner) : ISesAccount
    {
        public string CustomerCode => inner.CustomerCode;

        public async Task<string> SendEmailAsync(OutgoingEmail email, CancellationToken ct)
        {
            if (owner.TakeThrottle())
                throw new ServiceException(ServiceErrorKind.Throttled, "Maximum sending rate exceeded.", CustomerCode, errorCode: "TooManyRequestsException");
            owner.SendStarted.TrySetResult();
            if (owner.SendGate is { } gate) await gate.Task.WaitAsync(ct);
            return await inner.SendEmailAsync(email, ct);
        }

        public Task<SendQuota> GetSendQuotaAsync(CancellationToken ct) => inner.GetSendQuotaAsync(ct);
        public Task CreateContactListAsync(SesContactList list, CancellationToken ct) => inner.CreateContactListAsync(list, ct);
        public Task<SesContactList> GetContactListAsync(string name, CancellationToken ct) => inner.GetContactListAsync(name, ct);
        public Task<Page<SesContactList>> ListContactListsAsync(string? token, CancellationToken ct) => inner.ListContactListsAsync(token, ct);
        public Task UpdateContactListAsync(SesContactList list, CancellationToken ct) => inner.UpdateContactListAsync(list, ct);
        public Task DeleteContactListAsync(string name, CancellationToken ct) => inner.DeleteContactListAsync(name, ct);
        public Task CreateContactAsync(string list, SesContact contact, CancellationToken ct) => inner.CreateContactAsync(list, contact, ct);
        public Task<SesContact> GetContactAsync(string list, string email, CancellationToken ct) => inner.GetContactAsync(list, email, ct);
        public Task<Page<SesContact>> ListContactsAsync(string list, ContactFilter? filter, int pageSize, string? token, CancellationToken ct)
        {
            Interlocked.Increment(ref owner.contactPages);
            return inner.ListContactsAsync(list, filter, pageSize, token, ct);
        }
        public Task UpdateContactAsync(string list, SesContact contact, CancellationToken ct) => inner.UpdateContactAsync(list, contact, ct);
        public Task DeleteContactAsync(string list, string email, CancellationToken ct) => inner.DeleteContactAsync(list, email, ct);
        public Task PutSuppressedDestinationAsync(string email, SuppressionReason reason, CancellationToken ct) => inner.PutSuppressedDestinationAsync(email, reason, ct);
        public Task<SuppressedDestination> GetSuppressedDestinationAsync(string email, CancellationToken ct) => inner.GetSuppressedDestinationAsync(email, ct);
        public Task<Page<SuppressedDestination>> ListSuppressedDestinationsAsync(string? token, CancellationToken ct) => inner.ListSuppressedDestinationsAsync(token, ct);
        public Task DeleteSuppressedDestinationAsync(string email, CancellationToken ct) => inner.DeleteSuppressedDestinationAsync(email, ct);
        public Task<SesAccountDetails> GetAccountAsync(CancellationToken ct) => inner.GetAccountAsync(ct);
        public Task PutAccountSuppressionAttributesAsync(IReadOnlyList<SuppressionReason> reasons, CancellationToken ct) => inner.PutAccountSuppressionAttributesAsync(reasons, ct);
        public Task PutAccountDetailsAsync(SesProductionAccessRequest request, CancellationToken ct) => inner.PutAccountDetailsAsync(request, ct);
        public Task<SesEmailIdentity> GetEmailIdentityAsync(string identity, CancellationToken ct) => inner.GetEmailIdentityAsync(identity, ct);
        public Task CreateEmailIdentityAsync(string identity, string? set, CancellationToken ct) => inner.CreateEmailIdentityAsync(identity, set, ct);
        public Task PutEmailIdentityDkimSigningAttributesAsync(string identity, CancellationToken ct) => inner.PutEmailIdentityDkimSigningAttributesAsync(identity, ct);
        public Task PutEmailIdentityMailFromAttributesAsync(string identity, string domain, string behavior, CancellationToken ct) => inner.PutEmailIdentityMailFromAttributesAsync(identity, domain, behavior, ct);
        public Task PutEmailIdentityConfigurationSetAttributesAsync(string identity, string set, CancellationToken ct) => inner.PutEmailIdentityConfigurationSetAttributesAsync(identity, set, ct);
        public Task<SesConfigurationSet> GetConfigurationSetAsync(string name, CancellationToken ct) => inner.GetConfigurationSetAsync(name, ct);
        public Task CreateConfigurationSetAsync(string name, CancellationToken ct) => inner.CreateConfigurationSetAsync(name, ct);
    }
}
