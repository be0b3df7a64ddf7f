using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Readiness;

/// <summary>Reads that answer null for a resource the account does not have.</summary>
internal static class SesLookups
{
    public static Task<SesEmailIdentity?> IdentityAsync(ISesAccount account, string domain, CancellationToken ct) =>
        OrNullAsync(() => account.GetEmailIdentityAsync(domain, ct));

    public static Task<SesConfigurationSet?> ConfigurationSetAsync(ISesAccount account, string name, CancellationToken ct) =>
        OrNullAsync(() => account.GetConfigurationSetAsync(name, ct));

    /// <summary>Easy DKIM with a 2048-bit key (the key SES uses now, else the next one), signing.</summary>
    public static bool HasEasyDkim2048(SesDkimAttributes dkim) =>
        dkim.SigningEnabled && dkim.SigningAttributesOrigin is null or SesValues.EasyDkim
        && (dkim.CurrentSigningKeyLength ?? dkim.NextSigningKeyLength) == SesValues.Rsa2048;

    private static async Task<T?> OrNullAsync<T>(Func<Task<T>> read) where T : class
    {
        try
        {
            return await read();
        }
        catch (ServiceException ex) when (ex.Kind == ServiceErrorKind.NotFound)
        {
            return null;
        }
    }
}
