using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Readiness;

/// <summary>Basic: what -Connectivity adds (GetAccount and GetEmailIdentity only); Full: every check of -Deliverability.</summary>
public enum DeliverabilityScope { Basic, Full }

/// <summary>
/// Whether a customer's SES account will deliver change notices: production access, sending,
/// enforcement, the sender identity and its DKIM and MAIL FROM, the configuration set and the quota.
/// One result per check; a check that cannot be read is Unknown, never Pass.
/// </summary>
public sealed class DeliverabilityCheck(EmailConfig email, ISesAccountProvider accounts)
{
    public async Task<IReadOnlyList<DeliverabilityResult>> RunAsync(CustomerConfig customer, DeliverabilityScope scope, CancellationToken ct)
    {
        var checks = new DeliverabilityChecks(email, customer);
        var account = accounts.ForCustomer(customer.CustomerCode);
        var results = new List<DeliverabilityResult>();
        try
        {
            var details = await account.GetAccountAsync(ct);
            results.AddRange([checks.ProductionAccess(details), checks.SendingEnabled(details)]);
            if (scope == DeliverabilityScope.Full) results.Add(checks.Enforcement(details));
            results.AddRange(await IdentityChecksAsync(checks, account, scope, ct));
            if (scope == DeliverabilityScope.Basic) return results;
            results.Add(await ConfigurationSetCheckAsync(checks, account, ct));
            results.AddRange([checks.DailyQuota(details.SendQuota), checks.SendRate(details.SendQuota)]);
        }
        catch (Exception ex) when (ex is ServiceException or HttpRequestException)
        {
            results.Add(checks.Unreadable("Account", ex));
        }
        return results;
    }

    /// <summary>Ready when no check fails or is unknown; the portal and the cmdlets ask this before relying on a customer.</summary>
    public async Task<CustomerReadiness> ReadinessAsync(CustomerConfig customer, CancellationToken ct)
    {
        var results = await RunAsync(customer, DeliverabilityScope.Full, ct);
        var first = results.FirstOrDefault(r => r.Blocks);
        return new CustomerReadiness(customer.CustomerCode, first is null, first);
    }

    private async Task<IEnumerable<DeliverabilityResult>> IdentityChecksAsync(DeliverabilityChecks checks, ISesAccount account, DeliverabilityScope scope, CancellationToken ct)
    {
        if (email.SenderDomain is not { } domain)
            return [new(account.CustomerCode, "SenderIdentity", CheckStatus.Fail, "no sender domain configured", "Set email_config.domain in config.json.")];
        SesEmailIdentity? identity;
        try
        {
            identity = await SesLookups.IdentityAsync(account, domain, ct);
        }
        catch (Exception ex) when (ex is ServiceException or HttpRequestException)
        {
            return [checks.Unreadable("SenderIdentity", ex)];
        }
        if (scope == DeliverabilityScope.Basic) return [checks.Identity(domain, identity)];
        return [checks.Identity(domain, identity), checks.SenderInIdentity(domain), checks.Dkim(domain, identity), checks.MailFrom(identity)];
    }

    private static async Task<DeliverabilityResult> ConfigurationSetCheckAsync(DeliverabilityChecks checks, ISesAccount account, CancellationToken ct)
    {
        try
        {
            return checks.ConfigurationSet(await SesLookups.ConfigurationSetAsync(account, checks.ConfigurationSetName, ct));
        }
        catch (Exception ex) when (ex is ServiceException or HttpRequestException)
        {
            return checks.Unreadable(SetupNames.ConfigurationSet, ex);
        }
    }
}
