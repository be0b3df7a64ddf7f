using ChangeMgmt.Core.Resilience;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Ses;

/// <summary>
/// One customer's own SES v2 account over its REST API, signed with that customer's SES role only.
/// Management calls share one pacer at the account's management rate (1 a second by default) and
/// retry throttling and 5xx; SendEmail is paced and retried by the core's send path instead.
/// </summary>
public sealed class AwsSesAccount : ISesAccount, IDisposable
{
    /// <summary>SES's default rate for the non-sending API operations of an account.</summary>
    public const double ManagementRequestsPerSecond = 1;

    /// <summary>The largest page ListContacts and ListSuppressedDestinations answer.</summary>
    public const int MaxPageSize = 1000;

    private readonly SignedJsonClient client;
    private readonly AwsSettings settings;
    private readonly CallPacer management;
    private readonly SesResponses read;

    public AwsSesAccount(string customerCode, SignedJsonClient client, AwsSettings settings, double managementRequestsPerSecond = ManagementRequestsPerSecond)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerCode);
        CustomerCode = customerCode;
        this.client = client;
        this.settings = settings;
        management = new CallPacer(managementRequestsPerSecond, settings.Time);
        read = new SesResponses(customerCode);
    }

    /// <summary>The account of <paramref name="customer"/>: its SES role's credentials, its region (else the default), the SES v2 endpoint.</summary>
    public static AwsSesAccount Create(CustomerConfig customer, ICustomerRoles roles, AwsSettings settings,
        double managementRequestsPerSecond = ManagementRequestsPerSecond, HttpMessageHandler? inner = null)
    {
        var region = string.IsNullOrWhiteSpace(customer.Region) ? settings.Region : customer.Region;
        var client = new SignedJsonClient(roles.For(customer, CustomerRole.Ses), region, "ses",
            settings.Endpoints.For(AwsService.SesV2, region), customer.CustomerCode, inner, settings.Log);
        return new AwsSesAccount(customer.CustomerCode, client, settings, managementRequestsPerSecond);
    }

    public string CustomerCode { get; }

    public async Task<SendQuota> GetSendQuotaAsync(CancellationToken ct) =>
        read.SendQuota(await ManageAsync(HttpMethod.Get, SesPaths.Account, ct));

    public Task CreateContactListAsync(SesContactList list, CancellationToken ct) =>
        ManageAsync(HttpMethod.Post, SesPaths.ContactLists, CreateContactListBody.From(list), AwsJsonContext.Wire.CreateContactListBody, ct);

    public async Task<SesContactList> GetContactListAsync(string contactListName, CancellationToken ct) =>
        read.ContactList(await ManageAsync(HttpMethod.Get, SesPaths.ContactList(contactListName), ct));

    public async Task<Page<SesContactList>> ListContactListsAsync(string? nextToken, CancellationToken ct) =>
        read.ContactLists(await ManageAsync(HttpMethod.Get, SesPaths.WithQuery(SesPaths.ContactLists, ("NextToken", nextToken)), ct));

    public Task UpdateContactListAsync(SesContactList list, CancellationToken ct) =>
        ManageAsync(HttpMethod.Put, SesPaths.ContactList(list.ContactListName), UpdateContactListBody.From(list), AwsJsonContext.Wire.UpdateContactListBody, ct);

    public Task DeleteContactListAsync(string contactListName, CancellationToken ct) =>
        ManageAsync(HttpMethod.Delete, SesPaths.ContactList(contactListName), ct);

    public Task CreateContactAsync(string contactListName, SesContact contact, CancellationToken ct) =>
        ManageAsync(HttpMethod.Post, SesPaths.Contacts(contactListName), CreateContactBody.From(contact), AwsJsonContext.Wire.CreateContactBody, ct);

    public async Task<SesContact> GetContactAsync(string contactListName, string emailAddress, CancellationToken ct) =>
        read.Contact(await ManageAsync(HttpMethod.Get, SesPaths.Contact(contactListName, emailAddress), ct));

    public async Task<Page<SesContact>> ListContactsAsync(string contactListName, ContactFilter? filter, int pageSize, string? nextToken, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        var body = new ListContactsBody(ListContactsFilterBody.From(filter), pageSize, string.IsNullOrEmpty(nextToken) ? null : nextToken);
        return read.Contacts(await ManageAsync(HttpMethod.Post, SesPaths.ListContacts(contactListName), body, AwsJsonContext.Wire.ListContactsBody, ct));
    }

    public Task UpdateContactAsync(string contactListName, SesContact contact, CancellationToken ct) =>
        ManageAsync(HttpMethod.Put, SesPaths.Contact(contactListName, contact.EmailAddress), UpdateContactBody.From(contact), AwsJsonContext.Wire.UpdateContactBody, ct);

    public Task DeleteContactAsync(string contactListName, string emailAddress, CancellationToken ct) =>
        ManageAsync(HttpMethod.Delete, SesPaths.Contact(contactListName, emailAddress), ct);

    public Task PutSuppressedDestinationAsync(string emailAddress, SuppressionReason reason, CancellationToken ct) =>
        ManageAsync(HttpMethod.Put, SesPaths.Suppression, new PutSuppressedDestinationBody(emailAddress, PutSuppressedDestinationBody.ReasonOf(reason)),
            AwsJsonContext.Wire.PutSuppressedDestinationBody, ct);

    public async Task<SuppressedDestination> GetSuppressedDestinationAsync(string emailAddress, CancellationToken ct) =>
        read.SuppressedDestination((await ManageAsync(HttpMethod.Get, SesPaths.SuppressedDestination(emailAddress), ct))?["SuppressedDestination"]);

    public async Task<Page<SuppressedDestination>> ListSuppressedDestinationsAsync(string? nextToken, CancellationToken ct) =>
        read.SuppressedDestinations(await ManageAsync(HttpMethod.Get,
            SesPaths.WithQuery(SesPaths.Suppression, ("NextToken", string.IsNullOrEmpty(nextToken) ? null : nextToken), ("PageSize", MaxPageSize)), ct));

    public Task DeleteSuppressedDestinationAsync(string emailAddress, CancellationToken ct) =>
        ManageAsync(HttpMethod.Delete, SesPaths.SuppressedDestination(emailAddress), ct);

    public async Task<SesAccountDetails> GetAccountAsync(CancellationToken ct) =>
        read.Account(await ManageAsync(HttpMethod.Get, SesPaths.Account, ct));

    public Task PutAccountSuppressionAttributesAsync(IReadOnlyList<SuppressionReason> reasons, CancellationToken ct) =>
        ManageAsync(HttpMethod.Put, SesPaths.AccountSuppression, new PutAccountSuppressionAttributesBody([.. reasons.Select(PutSuppressedDestinationBody.ReasonOf)]),
            AwsJsonContext.Wire.PutAccountSuppressionAttributesBody, ct);

    public Task PutAccountDetailsAsync(SesProductionAccessRequest request, CancellationToken ct) =>
        ManageAsync(HttpMethod.Post, SesPaths.AccountDetails, new PutAccountDetailsBody(request.MailType, request.WebsiteUrl, request.UseCaseDescription),
            AwsJsonContext.Wire.PutAccountDetailsBody, ct);

    public async Task<SesEmailIdentity> GetEmailIdentityAsync(string emailIdentity, CancellationToken ct) =>
        read.EmailIdentity(emailIdentity, await ManageAsync(HttpMethod.Get, SesPaths.Identity(emailIdentity), ct));

    public Task CreateEmailIdentityAsync(string emailIdentity, string? configurationSetName, CancellationToken ct) =>
        ManageAsync(HttpMethod.Post, SesPaths.Identities,
            new CreateEmailIdentityBody(emailIdentity, new DkimSigningAttributesBody(SesValues.Rsa2048), configurationSetName), AwsJsonContext.Wire.CreateEmailIdentityBody, ct);

    public Task PutEmailIdentityDkimSigningAttributesAsync(string emailIdentity, CancellationToken ct) =>
        ManageAsync(HttpMethod.Put, SesPaths.DkimSigning(emailIdentity),
            new PutDkimSigningAttributesBody(SesValues.EasyDkim, new DkimSigningAttributesBody(SesValues.Rsa2048)), AwsJsonContext.Wire.PutDkimSigningAttributesBody, ct);

    public Task PutEmailIdentityMailFromAttributesAsync(string emailIdentity, string mailFromDomain, string behaviorOnMxFailure, CancellationToken ct) =>
        ManageAsync(HttpMethod.Put, SesPaths.MailFrom(emailIdentity), new PutMailFromAttributesBody(mailFromDomain, behaviorOnMxFailure),
            AwsJsonContext.Wire.PutMailFromAttributesBody, ct);

    public Task PutEmailIdentityConfigurationSetAttributesAsync(string emailIdentity, string configurationSetName, CancellationToken ct) =>
        ManageAsync(HttpMethod.Put, SesPaths.IdentityConfigurationSet(emailIdentity), new PutIdentityConfigurationSetBody(configurationSetName),
            AwsJsonContext.Wire.PutIdentityConfigurationSetBody, ct);

    public async Task<SesConfigurationSet> GetConfigurationSetAsync(string configurationSetName, CancellationToken ct) =>
        read.ConfigurationSet(await ManageAsync(HttpMethod.Get, SesPaths.ConfigurationSet(configurationSetName), ct));

    public Task CreateConfigurationSetAsync(string configurationSetName, CancellationToken ct) =>
        ManageAsync(HttpMethod.Post, SesPaths.ConfigurationSets,
            new CreateConfigurationSetBody(configurationSetName, new ReputationOptionsBody(true), new SendingOptionsBody(true)),
            AwsJsonContext.Wire.CreateConfigurationSetBody, ct);

    /// <summary>One attempt: the core's send path paces sends to the account's send rate and retries throttling through that pacing.</summary>
    public async Task<string> SendEmailAsync(OutgoingEmail email, CancellationToken ct) =>
        read.MessageId(await client.RestAsync(HttpMethod.Post, SesPaths.OutboundEmails, SesSendEmailBody.From(email), AwsJsonContext.Wire.SesSendEmailBody, ct));

    private Task<JsonNode?> ManageAsync(HttpMethod method, string pathAndQuery, CancellationToken ct) =>
        ManagedAsync(() => client.RestAsync(method, pathAndQuery, ct), ct);

    private Task<JsonNode?> ManageAsync<TBody>(HttpMethod method, string pathAndQuery, TBody body, JsonTypeInfo<TBody> bodyType, CancellationToken ct) =>
        ManagedAsync(() => client.RestAsync(method, pathAndQuery, body, bodyType, ct), ct);

    // Every attempt, retries included, is a request against the account's management rate.
    private Task<JsonNode?> ManagedAsync(Func<Task<JsonNode?>> call, CancellationToken ct) =>
        AwsRetry.RunAsync(async () =>
        {
            await management.WaitAsync(ct);
            return await call();
        }, settings.Retry, settings.Time, ct);

    public void Dispose() => client.Dispose();
}
