using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Readiness;

/// <summary>Each setup step of one customer's account: read its state, and the change that would complete it.</summary>
internal sealed class SesSetupSteps(EmailConfig email, CustomerConfig customer, ISesAccount account, ContactListService lists, TopicSync topics)
{
    private string ConfigurationSetName => email.ConfigurationSetName;

    public async Task<SesSetupStep> ConfigurationSetAsync(CancellationToken ct) =>
        await SesLookups.ConfigurationSetAsync(account, ConfigurationSetName, ct) is not null
            ? SesSetupStep.Already(SetupNames.ConfigurationSet, $"configuration set {ConfigurationSetName} exists")
            : SesSetupStep.ToDo(SetupNames.ConfigurationSet, $"create configuration set {ConfigurationSetName} (reputation metrics on, sending enabled)", async ct =>
            {
                await account.CreateConfigurationSetAsync(ConfigurationSetName, ct);
                return $"created configuration set {ConfigurationSetName}";
            });

    public SesSetupStep DomainIdentity(SesEmailIdentity? identity)
    {
        if (email.SenderDomain is not { } domain)
            return SesSetupStep.Failed(SetupNames.DomainIdentity, "no sender domain", "Set email_config.domain (and a sender_address in it) in config.json.");
        if (identity is { ConfigurationSetName: null })
            return SesSetupStep.ToDo(SetupNames.DomainIdentity, $"make configuration set {ConfigurationSetName} the default of domain identity {domain}", async ct =>
            {
                await account.PutEmailIdentityConfigurationSetAttributesAsync(domain, ConfigurationSetName, ct);
                return $"sends from {domain} use configuration set {ConfigurationSetName}";
            });
        if (identity is not null)
            return SesSetupStep.Already(SetupNames.DomainIdentity, $"domain identity {domain} exists (verification {identity.VerificationStatus ?? "unknown"}, " +
                $"default configuration set {identity.ConfigurationSetName})");
        return SesSetupStep.ToDo(SetupNames.DomainIdentity, $"create domain identity {domain} with Easy DKIM (RSA 2048)", async ct =>
        {
            await account.CreateEmailIdentityAsync(domain, ConfigurationSetName, ct);
            return $"created domain identity {domain}; publish its DKIM CNAME records so that SES verifies it";
        });
    }

    public SesSetupStep EasyDkim(SesEmailIdentity? identity)
    {
        if (email.SenderDomain is not { } domain)
            return SesSetupStep.Failed(SetupNames.EasyDkim, "no sender domain", "Set email_config.domain in config.json.");
        if (identity is null)
            return SesSetupStep.ToDo(SetupNames.EasyDkim, "Easy DKIM (RSA 2048) with the new identity", ct => EnsureEasyDkimAsync(domain, ct));
        var dkim = identity.Dkim;
        if (SesLookups.HasEasyDkim2048(dkim) && dkim.Status == SesValues.Success)
            return SesSetupStep.Already(SetupNames.EasyDkim, "Easy DKIM (RSA 2048) signing, status SUCCESS");
        if (SesLookups.HasEasyDkim2048(dkim) && dkim.Status == SesValues.Pending)
            return SesSetupStep.Failed(SetupNames.EasyDkim, "Easy DKIM (RSA 2048) is pending: SES has not found its DNS records yet",
                $"Publish {SetupNames.DkimRecords(customer.CustomerCode, domain, dkim.Tokens)}; SES looks for them for 72 hours.");
        return SesSetupStep.ToDo(SetupNames.EasyDkim, $"(re)start Easy DKIM with RSA 2048 (now: {dkim.SigningAttributesOrigin ?? "no origin"}, " +
            $"{dkim.CurrentSigningKeyLength ?? dkim.NextSigningKeyLength ?? "no key"}, status {dkim.Status ?? "unknown"})", ct => EnsureEasyDkimAsync(domain, ct));
    }

    public SesSetupStep MailFrom(SesEmailIdentity? identity)
    {
        if (email.MailFromDomain is not { } mailFrom)
            return new(SetupNames.MailFrom, SetupStepStatus.Skipped, "no custom MAIL FROM configured (email_config.mail_from_subdomain)");
        if (identity?.MailFrom is { } current && current.MailFromDomain == mailFrom && current.BehaviorOnMxFailure == SesValues.UseDefaultValue)
            return SesSetupStep.Already(SetupNames.MailFrom, $"MAIL FROM {mailFrom} set (status {current.MailFromDomainStatus ?? "unknown"})");
        return SesSetupStep.ToDo(SetupNames.MailFrom, $"set MAIL FROM {mailFrom} (on MX failure: use the default)", async ct =>
        {
            await account.PutEmailIdentityMailFromAttributesAsync(email.SenderDomain!, mailFrom, SesValues.UseDefaultValue, ct);
            return $"set MAIL FROM {mailFrom}; publish its MX and SPF records";
        });
    }

    public SesSetupStep Suppression(SesAccountDetails details)
    {
        var wanted = SesAccountSetup.SuppressedReasons;
        if (wanted.All(details.SuppressedReasons.Contains))
            return SesSetupStep.Already(SetupNames.SuppressionReasons, "the account suppresses BOUNCE and COMPLAINT");
        return SesSetupStep.ToDo(SetupNames.SuppressionReasons, "suppress BOUNCE and COMPLAINT at account level", async ct =>
        {
            await account.PutAccountSuppressionAttributesAsync(wanted, ct);
            return "the account suppresses BOUNCE and COMPLAINT";
        });
    }

    public SesSetupStep ProductionAccess(SesAccountDetails details, bool request)
    {
        if (details.ProductionAccessEnabled)
            return SesSetupStep.Already(SetupNames.ProductionAccess, "production access (out of the sandbox)");
        if (!request)
            return SesSetupStep.Failed(SetupNames.ProductionAccess, "the account is in the SES sandbox: only verified addresses receive mail",
                $"Run {SetupNames.InitializeCommand(customer.CustomerCode)} -RequestProductionAccess (AWS reviews the request, usually within a day), or request it in the SES console.");
        var website = email.PortalBaseUrl ?? $"https://{email.SenderDomain}";
        return SesSetupStep.ToDo(SetupNames.ProductionAccess, $"request production access (transactional mail, website {website})", async ct =>
        {
            await account.PutAccountDetailsAsync(new SesProductionAccessRequest(website, UseCase(website)), ct);
            return "production access requested; AWS reviews it (Test-ChangeMgmtConfig -Deliverability shows when it is granted)";
        });
    }

    public async Task<SesSetupStep> ContactListAsync(CancellationToken ct)
    {
        var existing = await lists.ListAsync(customer, ct);
        if (existing.Count == 0)
            return SesSetupStep.ToDo(SetupNames.ContactList, $"create contact list {ContactListService.ConfiguredName(customer)} with the configured topics", async ct =>
            {
                var list = await lists.CreateAsync(customer, null, null, ct);
                return $"created contact list {list.ContactListName} with {list.Topics.Count} topics";
            });
        var plan = await topics.PlanAsync(customer, null, ct);
        if (plan.InSync)
            return SesSetupStep.Already(SetupNames.ContactList, $"contact list {plan.Live.ContactListName} has the configured topics");
        return SesSetupStep.ToDo(SetupNames.ContactList, "sync topics: " + string.Join("; ", plan.Changes.Select(c => c.Description)), async ct =>
        {
            await topics.ApplyAsync(customer, plan, ct);
            return $"contact list {plan.Live.ContactListName}: topics synced";
        });
    }

    private async Task<string> EnsureEasyDkimAsync(string domain, CancellationToken ct)
    {
        var identity = await account.GetEmailIdentityAsync(domain, ct);
        if (SesLookups.HasEasyDkim2048(identity.Dkim) && identity.Dkim.Status is SesValues.Success or SesValues.Pending)
            return $"Easy DKIM (RSA 2048), status {identity.Dkim.Status}";
        await account.PutEmailIdentityDkimSigningAttributesAsync(domain, ct);
        return "Easy DKIM (RSA 2048) (re)started; publish the DKIM CNAME records Get-SesDnsRecord lists";
    }

    private string UseCase(string website) =>
        $"Transactional change-management notifications for {customer.DisplayName}, sent only to its staff who subscribed through an SES " +
        $"contact list (topics, one-click unsubscribe). Bounces and complaints are suppressed at account level. Portal: {website}.";
}
