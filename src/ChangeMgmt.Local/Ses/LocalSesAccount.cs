using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Local;

/// <summary>
/// One customer's "SES account" in the local database: its contact list, contacts, suppression
/// list and send rate (kept in the database, so shared by every process on the data directory).
/// Obtain it from <see cref="LocalSesAccountProvider"/>.
/// </summary>
public sealed class LocalSesAccount : ISesAccount
{
    /// <summary>The 24-hour quota of a new production SES account.</summary>
    public const double Max24HourSend = 50_000;

    private readonly LocalDatabase _database;
    private readonly SendRateBucket _rate;
    private readonly SesContactLists _lists;
    private readonly SesContacts _contacts;
    private readonly SesSuppressionList _suppression;
    private readonly SesMailer _mailer;
    private readonly SesAccountSetupStore _setup;

    internal LocalSesAccount(LocalDatabase database, string customerCode, SendRateBucket rate, string? outboxDirectory, TimeProvider time, LocalChangeQueue? events)
    {
        _database = database;
        CustomerCode = customerCode;
        _rate = rate;
        _lists = new SesContactLists(database, customerCode, time);
        _contacts = new SesContacts(database, customerCode, _lists, time);
        _suppression = new SesSuppressionList(database, customerCode, time);
        _mailer = new SesMailer(database, customerCode, _lists, rate, outboxDirectory, time, events);
        _setup = new SesAccountSetupStore(database, customerCode);
    }

    public string CustomerCode { get; }

    /// <summary>Changes the account's maximum send rate (messages a second), as an SES quota increase would.</summary>
    public async Task SetMaxSendRateAsync(double maxSendRate, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSendRate);
        await _database.WriteAsync((connection, transaction) => connection.Execute(
            """
            INSERT INTO ses_accounts (customer_code, max_send_rate) VALUES ($customer, $rate)
            ON CONFLICT (customer_code) DO UPDATE SET max_send_rate = excluded.max_send_rate
            """,
            transaction, ("$customer", CustomerCode), ("$rate", maxSendRate)), ct).ConfigureAwait(false);
    }

    public Task<SendQuota> GetSendQuotaAsync(CancellationToken ct) => Run(() =>
    {
        using var connection = _database.OpenConnection();
        return new SendQuota(_rate.Rate(connection, null), Max24HourSend, _mailer.SentLast24Hours());
    });

    public Task CreateContactListAsync(SesContactList list, CancellationToken ct) => _lists.CreateAsync(list, ct);

    public Task<SesContactList> GetContactListAsync(string contactListName, CancellationToken ct) => Run(() => _lists.Get(contactListName));

    public Task<Page<SesContactList>> ListContactListsAsync(string? nextToken, CancellationToken ct) => Run(_lists.List);

    public Task UpdateContactListAsync(SesContactList list, CancellationToken ct) => _lists.UpdateAsync(list, ct);

    public Task DeleteContactListAsync(string contactListName, CancellationToken ct) => _lists.DeleteAsync(contactListName, ct);

    public Task CreateContactAsync(string contactListName, SesContact contact, CancellationToken ct) =>
        _contacts.CreateAsync(contactListName, contact, ct);

    public Task<SesContact> GetContactAsync(string contactListName, string emailAddress, CancellationToken ct) =>
        Run(() => _contacts.Get(contactListName, emailAddress));

    public Task<Page<SesContact>> ListContactsAsync(string contactListName, ContactFilter? filter, int pageSize, string? nextToken, CancellationToken ct) =>
        Run(() => _contacts.List(contactListName, filter, pageSize, nextToken));

    public Task UpdateContactAsync(string contactListName, SesContact contact, CancellationToken ct) =>
        _contacts.UpdateAsync(contactListName, contact, ct);

    public Task DeleteContactAsync(string contactListName, string emailAddress, CancellationToken ct) =>
        _contacts.DeleteAsync(contactListName, emailAddress, ct);

    public Task PutSuppressedDestinationAsync(string emailAddress, SuppressionReason reason, CancellationToken ct) =>
        _suppression.PutAsync(emailAddress, reason, ct);

    public Task<SuppressedDestination> GetSuppressedDestinationAsync(string emailAddress, CancellationToken ct) =>
        Run(() => _suppression.Get(emailAddress));

    public Task<Page<SuppressedDestination>> ListSuppressedDestinationsAsync(string? nextToken, CancellationToken ct) =>
        Run(() => _suppression.List(nextToken));

    public Task DeleteSuppressedDestinationAsync(string emailAddress, CancellationToken ct) =>
        _suppression.DeleteAsync(emailAddress, ct);

    public async Task<SesAccountDetails> GetAccountAsync(CancellationToken ct) => _setup.Account(await GetSendQuotaAsync(ct));

    public Task PutAccountSuppressionAttributesAsync(IReadOnlyList<SuppressionReason> reasons, CancellationToken ct) =>
        _setup.PutSuppressedReasonsAsync(reasons, ct);

    public Task PutAccountDetailsAsync(SesProductionAccessRequest request, CancellationToken ct) => _setup.GrantProductionAccessAsync(ct);

    public Task<SesEmailIdentity> GetEmailIdentityAsync(string emailIdentity, CancellationToken ct) => Run(() => _setup.Identity(emailIdentity));

    /// <summary>Verified, with DKIM successful, at once: local mode has no DNS to wait for.</summary>
    public Task CreateEmailIdentityAsync(string emailIdentity, string? configurationSetName, CancellationToken ct) =>
        _setup.CreateIdentityAsync(emailIdentity, configurationSetName, SesValues.Success, ct);

    /// <summary>
    /// An identity as SES has it without its DNS records: <paramref name="dkimStatus"/> PENDING (just created)
    /// or FAILED (SES gave up after 72 hours); verification has the same status.
    /// </summary>
    public Task AddUnverifiedIdentityAsync(string emailIdentity, string dkimStatus, CancellationToken ct) =>
        _setup.CreateIdentityAsync(emailIdentity, null, dkimStatus, ct);

    public Task PutEmailIdentityDkimSigningAttributesAsync(string emailIdentity, CancellationToken ct) => _setup.VerifyIdentityAsync(emailIdentity, ct);

    public Task PutEmailIdentityMailFromAttributesAsync(string emailIdentity, string mailFromDomain, string behaviorOnMxFailure, CancellationToken ct) =>
        _setup.PutMailFromAsync(emailIdentity, mailFromDomain, behaviorOnMxFailure, ct);

    public Task PutEmailIdentityConfigurationSetAttributesAsync(string emailIdentity, string configurationSetName, CancellationToken ct) =>
        _setup.PutDefaultConfigurationSetAsync(emailIdentity, configurationSetName, ct);

    public Task<SesConfigurationSet> GetConfigurationSetAsync(string configurationSetName, CancellationToken ct) =>
        Run(() => _setup.ConfigurationSet(configurationSetName));

    public Task CreateConfigurationSetAsync(string configurationSetName, CancellationToken ct) => _setup.CreateConfigurationSetAsync(configurationSetName, ct);

    /// <summary>As SES: a message that names no configuration set uses its sending identity's default set (address, else domain).</summary>
    public Task<string> SendEmailAsync(OutgoingEmail email, CancellationToken ct) =>
        _mailer.SendAsync(email.ConfigurationSetName is null ? email with { ConfigurationSetName = _setup.DefaultConfigurationSet(email.From) } : email, ct);

    // Reads are synchronous (SQLite); errors still surface through the returned task, as they would from SES.
    private static Task<T> Run<T>(Func<T> function)
    {
        try
        {
            return Task.FromResult(function());
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }
}
