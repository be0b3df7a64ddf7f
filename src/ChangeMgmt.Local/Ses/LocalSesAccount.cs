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

    private readonly ManagementRate? _management;

    internal LocalSesAccount(LocalDatabase database, string customerCode, SendRateBucket rate, string? outboxDirectory, TimeProvider time, LocalChangeQueue? events,
        ManagementRate? management = null)
    {
        _management = management;
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

    public Task<SendQuota> GetSendQuotaAsync(CancellationToken ct) => Manage(nameof(GetSendQuotaAsync), () => Run(Quota), ct);

    private SendQuota Quota()
    {
        using var connection = _database.OpenConnection();
        return new SendQuota(_rate.Rate(connection, null), Max24HourSend, _mailer.SentLast24Hours());
    }

    public Task CreateContactListAsync(SesContactList list, CancellationToken ct) => Manage(nameof(CreateContactListAsync), () => _lists.CreateAsync(list, ct), ct);

    public Task<SesContactList> GetContactListAsync(string contactListName, CancellationToken ct) => Manage(nameof(GetContactListAsync), () => Run(() => _lists.Get(contactListName)), ct);

    public Task<Page<SesContactList>> ListContactListsAsync(string? nextToken, CancellationToken ct) => Manage(nameof(ListContactListsAsync), () => Run(_lists.List), ct);

    public Task UpdateContactListAsync(SesContactList list, CancellationToken ct) => Manage(nameof(UpdateContactListAsync), () => _lists.UpdateAsync(list, ct), ct);

    public Task DeleteContactListAsync(string contactListName, CancellationToken ct) => Manage(nameof(DeleteContactListAsync), () => _lists.DeleteAsync(contactListName, ct), ct);

    public Task CreateContactAsync(string contactListName, SesContact contact, CancellationToken ct) =>
        Manage(nameof(CreateContactAsync), () => _contacts.CreateAsync(contactListName, contact, ct), ct);

    public Task<SesContact> GetContactAsync(string contactListName, string emailAddress, CancellationToken ct) =>
        Manage(nameof(GetContactAsync), () => Run(() => _contacts.Get(contactListName, emailAddress)), ct);

    public Task<Page<SesContact>> ListContactsAsync(string contactListName, ContactFilter? filter, int pageSize, string? nextToken, CancellationToken ct) =>
        Manage(nameof(ListContactsAsync), () => Run(() => _contacts.List(contactListName, filter, pageSize, nextToken)), ct);

    public Task UpdateContactAsync(string contactListName, SesContact contact, CancellationToken ct) =>
        Manage(nameof(UpdateContactAsync), () => _contacts.UpdateAsync(contactListName, contact, ct), ct);

    public Task DeleteContactAsync(string contactListName, string emailAddress, CancellationToken ct) =>
        Manage(nameof(DeleteContactAsync), () => _contacts.DeleteAsync(contactListName, emailAddress, ct), ct);

    public Task PutSuppressedDestinationAsync(string emailAddress, SuppressionReason reason, CancellationToken ct) =>
        Manage(nameof(PutSuppressedDestinationAsync), () => _suppression.PutAsync(emailAddress, reason, ct), ct);

    public Task<SuppressedDestination> GetSuppressedDestinationAsync(string emailAddress, CancellationToken ct) =>
        Manage(nameof(GetSuppressedDestinationAsync), () => Run(() => _suppression.Get(emailAddress)), ct);

    public Task<Page<SuppressedDestination>> ListSuppressedDestinationsAsync(string? nextToken, CancellationToken ct) =>
        Manage(nameof(ListSuppressedDestinationsAsync), () => Run(() => _suppression.List(nextToken)), ct);

    public Task DeleteSuppressedDestinationAsync(string emailAddress, CancellationToken ct) =>
        Manage(nameof(DeleteSuppressedDestinationAsync), () => _suppression.DeleteAsync(emailAddress, ct), ct);

    public Task<SesAccountDetails> GetAccountAsync(CancellationToken ct) => Manage(nameof(GetAccountAsync), () => Run(() => _setup.Account(Quota())), ct);

    public Task PutAccountSuppressionAttributesAsync(IReadOnlyList<SuppressionReason> reasons, CancellationToken ct) =>
        Manage(nameof(PutAccountSuppressionAttributesAsync), () => _setup.PutSuppressedReasonsAsync(reasons, ct), ct);

    public Task PutAccountDetailsAsync(SesProductionAccessRequest request, CancellationToken ct) => Manage(nameof(PutAccountDetailsAsync), () => _setup.GrantProductionAccessAsync(ct), ct);

    public Task<SesEmailIdentity> GetEmailIdentityAsync(string emailIdentity, CancellationToken ct) => Manage(nameof(GetEmailIdentityAsync), () => Run(() => _setup.Identity(emailIdentity)), ct);

    /// <summary>Verified, with DKIM successful, at once: local mode has no DNS to wait for.</summary>
    public Task CreateEmailIdentityAsync(string emailIdentity, string? configurationSetName, CancellationToken ct) =>
        Manage(nameof(CreateEmailIdentityAsync), () => _setup.CreateIdentityAsync(emailIdentity, configurationSetName, SesValues.Success, ct), ct);

    /// <summary>
    /// An identity as SES has it without its DNS records: <paramref name="dkimStatus"/> PENDING (just created)
    /// or FAILED (SES gave up after 72 hours); verification has the same status.
    /// </summary>
    public Task AddUnverifiedIdentityAsync(string emailIdentity, string dkimStatus, CancellationToken ct) =>
        _setup.CreateIdentityAsync(emailIdentity, null, dkimStatus, ct);

    public Task PutEmailIdentityDkimSigningAttributesAsync(string emailIdentity, CancellationToken ct) => Manage(nameof(PutEmailIdentityDkimSigningAttributesAsync), () => _setup.VerifyIdentityAsync(emailIdentity, ct), ct);

    public Task PutEmailIdentityMailFromAttributesAsync(string emailIdentity, string mailFromDomain, string behaviorOnMxFailure, CancellationToken ct) =>
        Manage(nameof(PutEmailIdentityMailFromAttributesAsync), () => _setup.PutMailFromAsync(emailIdentity, mailFromDomain, behaviorOnMxFailure, ct), ct);

    public Task PutEmailIdentityConfigurationSetAttributesAsync(string emailIdentity, string configurationSetName, CancellationToken ct) =>
        Manage(nameof(PutEmailIdentityConfigurationSetAttributesAsync), () => _setup.PutDefaultConfigurationSetAsync(emailIdentity, configurationSetName, ct), ct);

    public Task<SesConfigurationSet> GetConfigurationSetAsync(string configurationSetName, CancellationToken ct) =>
        Manage(nameof(GetConfigurationSetAsync), () => Run(() => _setup.ConfigurationSet(configurationSetName)), ct);

    public Task CreateConfigurationSetAsync(string configurationSetName, CancellationToken ct) => Manage(nameof(CreateConfigurationSetAsync), () => _setup.CreateConfigurationSetAsync(configurationSetName, ct), ct);

    /// <summary>As SES: a message that names no configuration set uses its sending identity's default set (address, else domain).</summary>
    public Task<string> SendEmailAsync(OutgoingEmail email, CancellationToken ct) =>
        _mailer.SendAsync(email.ConfigurationSetName is null ? email with { ConfigurationSetName = _setup.DefaultConfigurationSet(email.From) } : email, ct);

    /// <summary>The account's management calls as recorded when a management rate is enforced (none otherwise), oldest first.</summary>
    public IReadOnlyList<ManagementCall> ManagementCalls() => ManagementRate.Calls(_database, CustomerCode);

    /// <summary>A management request: admitted at the account's management rate when one is enforced.</summary>
    private async Task<T> Manage<T>(string operation, Func<Task<T>> call, CancellationToken ct)
    {
        if (_management is not null) await _management.AdmitAsync(operation, ct).ConfigureAwait(false);
        return await call().ConfigureAwait(false);
    }

    private async Task Manage(string operation, Func<Task> call, CancellationToken ct)
    {
        if (_management is not null) await _management.AdmitAsync(operation, ct).ConfigureAwait(false);
        await call().ConfigureAwait(false);
    }

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
