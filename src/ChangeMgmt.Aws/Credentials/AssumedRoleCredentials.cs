using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using ChangeMgmt.Core.Errors;

namespace ChangeMgmt.Aws.Credentials;

/// <summary>
/// One customer role, assumed with the caller's credentials: the temporary credentials are kept
/// until <see cref="RefreshBefore"/> ahead of their expiry, then assumed again (one caller at a time).
/// </summary>
public sealed class AssumedRoleCredentials : AWSCredentials
{
    public static readonly TimeSpan DefaultRefreshBefore = TimeSpan.FromMinutes(5);

    private readonly IAmazonSecurityTokenService _sts;
    private readonly AwsSettings _settings;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Session? _current;

    internal AssumedRoleCredentials(IAmazonSecurityTokenService sts, AwsSettings settings, AssumedRole role, TimeSpan refreshBefore)
    {
        _sts = sts;
        _settings = settings;
        Role = role;
        RefreshBefore = refreshBefore;
    }

    public AssumedRole Role { get; }

    public TimeSpan RefreshBefore { get; }

    /// <summary>When the credentials now held expire (null before the first use).</summary>
    public override DateTime? Expiration
    {
        get => _current?.Expiration.UtcDateTime;
        set { }
    }

    public override Task<ImmutableCredentials> GetCredentialsAsync() =>
        Fresh() is { } credentials ? Task.FromResult(credentials) : RefreshAsync(CancellationToken.None);

    /// <summary>The SDK's synchronous path; the SDK itself only uses the asynchronous one here.</summary>
    public override ImmutableCredentials GetCredentials() =>
        Fresh() ?? Task.Run(() => RefreshAsync(CancellationToken.None)).GetAwaiter().GetResult();

    private ImmutableCredentials? Fresh()
    {
        var session = _current;
        return session is not null && _settings.Time.GetUtcNow() < session.Expiration - RefreshBefore ? session.Credentials.Copy() : null;
    }

    private async Task<ImmutableCredentials> RefreshAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } credentials) return credentials;
            var session = await AssumeAsync(ct).ConfigureAwait(false);
            _current = session;
            return session.Credentials.Copy();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Session> AssumeAsync(CancellationToken ct)
    {
        var request = new AssumeRoleRequest
        {
            RoleArn = Role.RoleArn,
            RoleSessionName = Role.SessionName,
            ExternalId = string.IsNullOrEmpty(Role.ExternalId) ? null : Role.ExternalId,
        };
        AssumeRoleResponse response;
        try
        {
            response = await AwsCalls.RunAsync(_settings, Role.CustomerCode, t => _sts.AssumeRoleAsync(request, t), ct).ConfigureAwait(false);
        }
        catch (ServiceException ex)
        {
            throw new RoleAssumptionException(ex.Kind, $"{Role.CustomerCode}: assuming {Role.ConfigField} {Role.RoleArn} failed: {ex.Message}",
                Role.CustomerCode, ex.RequestId, ex.ErrorCode, ex);
        }
        var issued = response.Credentials
            ?? throw new ServiceException(ServiceErrorKind.Other, $"{Role.CustomerCode}: AssumeRole into {Role.RoleArn} returned no credentials.", Role.CustomerCode);
        Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(_settings.Log, "{Customer}: assumed {Field} {RoleArn} as session {Session}{ExternalId}",
            Role.CustomerCode, Role.ConfigField, Role.RoleArn, Role.SessionName, Role.ExternalId is null ? "" : " (with external_id)");
        return new Session(
            new ImmutableCredentials(issued.AccessKeyId, issued.SecretAccessKey, issued.SessionToken),
            AwsTimes.ToUtc(issued.Expiration) ?? _settings.Time.GetUtcNow() + TimeSpan.FromHours(1));
    }


    private sealed record Session(ImmutableCredentials Credentials, DateTimeOffset Expiration);
}

/// <summary>What is assumed for one customer and role, and from which config field the ARN came.</summary>
public sealed record AssumedRole(string CustomerCode, CustomerRole Role, string RoleArn, string SessionName, string? ExternalId)
{
    public string ConfigField => AssumedCustomerRoles.ConfigField(Role);
}
