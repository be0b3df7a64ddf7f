namespace ChangeMgmt.Core.Ports;

/// <summary>
/// One customer's own SES v2 account (reached through that customer's role). Every call acts
/// with that customer's credentials only.
/// </summary>
public interface ISesAccount
{
    string CustomerCode { get; }

    Task<SendQuota> GetSendQuotaAsync(CancellationToken ct);

    Task CreateContactListAsync(SesContactList list, CancellationToken ct);
    Task<SesContactList> GetContactListAsync(string contactListName, CancellationToken ct);
    Task<Page<SesContactList>> ListContactListsAsync(string? nextToken, CancellationToken ct);
    Task UpdateContactListAsync(SesContactList list, CancellationToken ct);
    Task DeleteContactListAsync(string contactListName, CancellationToken ct);

    Task CreateContactAsync(string contactListName, SesContact contact, CancellationToken ct);
    Task<SesContact> GetContactAsync(string contactListName, string emailAddress, CancellationToken ct);
    Task<Page<SesContact>> ListContactsAsync(string contactListName, ContactFilter? filter, int pageSize, string? nextToken, CancellationToken ct);
    Task UpdateContactAsync(string contactListName, SesContact contact, CancellationToken ct);
    Task DeleteContactAsync(string contactListName, string emailAddress, CancellationToken ct);

    Task PutSuppressedDestinationAsync(string emailAddress, SuppressionReason reason, CancellationToken ct);
    Task<SuppressedDestination> GetSuppressedDestinationAsync(string emailAddress, CancellationToken ct);
    Task<Page<SuppressedDestination>> ListSuppressedDestinationsAsync(string? nextToken, CancellationToken ct);
    Task DeleteSuppressedDestinationAsync(string emailAddress, CancellationToken ct);

    Task<SesAccountDetails> GetAccountAsync(CancellationToken ct);
    Task PutAccountSuppressionAttributesAsync(IReadOnlyList<SuppressionReason> reasons, CancellationToken ct);
    Task PutAccountDetailsAsync(SesProductionAccessRequest request, CancellationToken ct);

    /// <exception cref="Errors.ServiceException">NotFound when the account has no such identity.</exception>
    Task<SesEmailIdentity> GetEmailIdentityAsync(string emailIdentity, CancellationToken ct);
    /// <summary>A domain identity with Easy DKIM (RSA 2048) and the identity's default configuration set.</summary>
    Task CreateEmailIdentityAsync(string emailIdentity, string? configurationSetName, CancellationToken ct);
    /// <summary>Easy DKIM with a 2048-bit key for an identity that has other (or no) DKIM.</summary>
    Task PutEmailIdentityDkimSigningAttributesAsync(string emailIdentity, CancellationToken ct);
    Task PutEmailIdentityMailFromAttributesAsync(string emailIdentity, string mailFromDomain, string behaviorOnMxFailure, CancellationToken ct);
    /// <summary>The identity's default configuration set: SES applies it to every send from the identity that names none.</summary>
    Task PutEmailIdentityConfigurationSetAttributesAsync(string emailIdentity, string configurationSetName, CancellationToken ct);

    /// <exception cref="Errors.ServiceException">NotFound when the account has no such set.</exception>
    Task<SesConfigurationSet> GetConfigurationSetAsync(string configurationSetName, CancellationToken ct);
    /// <summary>A set with reputation metrics on and sending enabled.</summary>
    Task CreateConfigurationSetAsync(string configurationSetName, CancellationToken ct);

    /// <summary>Sends one message; returns the SES MessageId.</summary>
    Task<string> SendEmailAsync(OutgoingEmail email, CancellationToken ct);
}

/// <summary>Hands out the SES account of a configured customer.</summary>
public interface ISesAccountProvider
{
    ISesAccount ForCustomer(string customerCode);
}
