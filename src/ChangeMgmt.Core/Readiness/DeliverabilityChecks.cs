using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Readiness;

/// <summary>The checks of one customer's account, from what GetAccount, GetEmailIdentity and GetConfigurationSet answered.</summary>
internal sealed class DeliverabilityChecks(EmailConfig email, CustomerConfig customer)
{
    private string Code => customer.CustomerCode;
    public string ConfigurationSetName => email.ConfigurationSetName;
    private string Initialize => SetupNames.InitializeCommand(Code);

    public DeliverabilityResult ProductionAccess(SesAccountDetails account) => account.ProductionAccessEnabled
        ? Pass(SetupNames.ProductionAccess, "production access: mail goes to any address")
        : Fail(SetupNames.ProductionAccess, "in the SES sandbox: only verified addresses receive mail, every other change notice is refused",
            $"Run {Initialize} -RequestProductionAccess, or request production access in the SES console (AWS reviews it).");

    public DeliverabilityResult SendingEnabled(SesAccountDetails account) => account.SendingEnabled
        ? Pass("SendingEnabled", "sending is enabled")
        : Fail("SendingEnabled", $"sending is paused for the account (enforcement status {account.EnforcementStatus ?? "unknown"})",
            "Find why in the SES console (reputation dashboard), fix it, then resume: aws sesv2 put-account-sending-attributes --sending-enabled.");

    public DeliverabilityResult Enforcement(SesAccountDetails account) => account.EnforcementStatus switch
    {
        SesValues.Healthy => Pass("EnforcementStatus", "HEALTHY"),
        "PROBATION" => new(Code, "EnforcementStatus", CheckStatus.Warn, "PROBATION: bounce or complaint rates are too high",
            "Review the SES reputation dashboard and clean the contact list before AWS pauses sending."),
        null => new(Code, "EnforcementStatus", CheckStatus.Unknown, "SES did not say", "Check the account in the SES console."),
        var other => Fail("EnforcementStatus", other, "Open the SES reputation dashboard and follow AWS's case to restore sending."),
    };

    public DeliverabilityResult Identity(string domain, SesEmailIdentity? identity) => identity switch
    {
        null => Fail("SenderIdentity", $"no identity {domain} in the account", $"Run {Initialize}."),
        { VerifiedForSendingStatus: true } => Pass("SenderIdentity", $"{domain} is verified for sending"),
        _ => Fail("SenderIdentity", $"{domain} is not verified for sending (verification {identity.VerificationStatus ?? "unknown"})",
            $"Publish {SetupNames.DkimRecords(Code, domain, identity.Dkim.Tokens)}; SES verifies the domain when it finds them."),
    };

    public DeliverabilityResult SenderInIdentity(string domain) => EmailConfig.IsInDomain(email.SenderAddress, domain)
        ? Pass("SenderInIdentity", $"{email.SenderAddress} is in {domain}")
        : Fail("SenderInIdentity", $"{email.SenderAddress} is not in the identity {domain}", $"Use a sender_address @{domain} in config.json.");

    public DeliverabilityResult Dkim(string domain, SesEmailIdentity? identity) => identity?.Dkim switch
    {
        null => Fail("Dkim", "no identity, so no DKIM", $"Run {Initialize}."),
        { Status: SesValues.Success, SigningEnabled: true } dkim => SesLookups.HasEasyDkim2048(dkim)
            ? Pass("Dkim", "Easy DKIM (RSA 2048) signing, SUCCESS")
            : new(Code, "Dkim", CheckStatus.Warn, $"DKIM signs, but not with Easy DKIM RSA 2048 ({dkim.CurrentSigningKeyLength ?? "unknown key"})", $"Run {Initialize}."),
        var dkim => Fail("Dkim", $"DKIM status {dkim.Status ?? "unknown"}{(dkim.SigningEnabled ? "" : ", signing disabled")}",
            dkim.Status == SesValues.Pending ? $"Publish {SetupNames.DkimRecords(Code, domain, dkim.Tokens)}." : $"Run {Initialize} to restart Easy DKIM, then publish its CNAME records."),
    };

    public DeliverabilityResult MailFrom(SesEmailIdentity? identity)
    {
        if (email.MailFromDomain is not { } wanted)
            return new(Code, SetupNames.MailFrom, CheckStatus.Warn, "no custom MAIL FROM configured: SPF does not align with the sender domain",
                "Set email_config.mail_from_subdomain, then run Initialize-SesAccount.");
        if (identity?.MailFrom is not { } mailFrom || mailFrom.MailFromDomain != wanted)
            return Fail(SetupNames.MailFrom, $"MAIL FROM {wanted} is not set on the identity", $"Run {Initialize}.");
        return mailFrom.MailFromDomainStatus == SesValues.Success
            ? Pass(SetupNames.MailFrom, $"MAIL FROM {wanted} SUCCESS")
            : new(Code, SetupNames.MailFrom, CheckStatus.Warn, $"MAIL FROM {wanted} status {mailFrom.MailFromDomainStatus ?? "unknown"}: SES uses its own MAIL FROM meanwhile",
                $"Publish {wanted} MX 10 feedback-smtp.<region>.amazonses.com and {wanted} TXT \"v=spf1 include:amazonses.com ~all\".");
    }

    public DeliverabilityResult ConfigurationSet(SesConfigurationSet? set) => set switch
    {
        null => Fail(SetupNames.ConfigurationSet, $"configuration set {email.ConfigurationSetName} does not exist: sends are not tracked by it (and refused if configuration_set names it)",
            $"Run {Initialize}."),
        { SendingEnabled: false } => Fail(SetupNames.ConfigurationSet, $"configuration set {set.ConfigurationSetName} has sending disabled",
            "aws sesv2 put-configuration-set-sending-options --configuration-set-name " + set.ConfigurationSetName + " --sending-enabled"),
        _ => Pass(SetupNames.ConfigurationSet, $"configuration set {set.ConfigurationSetName} exists"),
    };

    public DeliverabilityResult DailyQuota(SendQuota quota)
    {
        var left = quota.Max24HourSend < 0 ? double.PositiveInfinity : quota.Max24HourSend - quota.SentLast24Hours;
        var detail = $"{quota.SentLast24Hours:0} of {quota.Max24HourSend:0} sent in the last 24 hours";
        return left >= quota.Max24HourSend * 0.1
            ? Pass("DailyQuota", detail)
            : new(Code, "DailyQuota", left > 0 ? CheckStatus.Warn : CheckStatus.Fail, detail + " (under 10% left)", "Ask AWS for a higher sending quota (Service Quotas, SES).");
    }

    public DeliverabilityResult SendRate(SendQuota quota) => customer.MaxSendRate is { } cap && cap > quota.MaxSendRate
        ? new(Code, "SendRate", CheckStatus.Warn, $"max_send_rate {cap}/s is above the account's {quota.MaxSendRate}/s; sends go at {quota.MaxSendRate}/s",
            "Lower max_send_rate or ask AWS for a higher send rate.")
        : Pass("SendRate", $"{quota.MaxSendRate:0.##} emails/second");

    public DeliverabilityResult Unreadable(string check, Exception ex) =>
        new(Code, check, CheckStatus.Unknown, $"could not be read: {ex.Message}",
            "Check that the customer's SES role allows ses:GetAccount, ses:GetEmailIdentity and ses:GetConfigurationSet (deploy/customer-account.yaml).");

    private DeliverabilityResult Pass(string check, string detail) => new(Code, check, CheckStatus.Pass, detail);

    private DeliverabilityResult Fail(string check, string detail, string fix) => new(Code, check, CheckStatus.Fail, detail, fix);
}
