namespace ChangeMgmt.Core.Ports;

// Shapes mirror the Amazon SES v2 API reference (GetAccount, GetEmailIdentity, GetConfigurationSet);
// status values are kept as SES writes them (SUCCESS, PENDING, FAILED, ...), since SES adds new ones.

/// <summary>GetAccount: whether the account may send, and to whom.</summary>
public sealed record SesAccountDetails(
    bool ProductionAccessEnabled,
    bool SendingEnabled,
    string? EnforcementStatus,
    SendQuota SendQuota,
    IReadOnlyList<SuppressionReason> SuppressedReasons);

/// <summary>GetEmailIdentity's DkimAttributes.</summary>
public sealed record SesDkimAttributes(
    bool SigningEnabled,
    string? Status,
    IReadOnlyList<string> Tokens,
    string? CurrentSigningKeyLength,
    string? NextSigningKeyLength = null,
    string? SigningAttributesOrigin = null);

/// <summary>GetEmailIdentity's MailFromAttributes.</summary>
public sealed record SesMailFromAttributes(string MailFromDomain, string? MailFromDomainStatus, string? BehaviorOnMxFailure);

/// <summary>GetEmailIdentity: a domain or address identity and its verification, DKIM and MAIL FROM state.</summary>
public sealed record SesEmailIdentity(
    string IdentityName,
    string? IdentityType,
    bool VerifiedForSendingStatus,
    string? VerificationStatus,
    SesDkimAttributes Dkim,
    SesMailFromAttributes? MailFrom,
    string? ConfigurationSetName);

/// <summary>GetConfigurationSet: the options ChangeMgmt relies on.</summary>
public sealed record SesConfigurationSet(string ConfigurationSetName, bool SendingEnabled, bool ReputationMetricsEnabled);

/// <summary>PutAccountDetails: the request for production access (AWS reviews it; the account stays in the sandbox until then).</summary>
public sealed record SesProductionAccessRequest(string WebsiteUrl, string UseCaseDescription, string MailType = SesValues.Transactional);

/// <summary>The values SES v2 takes and answers.</summary>
public static class SesValues
{
    public const string Success = "SUCCESS";
    public const string Pending = "PENDING";
    public const string Rsa2048 = "RSA_2048_BIT";
    public const string EasyDkim = "AWS_SES";
    public const string UseDefaultValue = "USE_DEFAULT_VALUE";
    public const string Transactional = "TRANSACTIONAL";
    public const string Healthy = "HEALTHY";
}
