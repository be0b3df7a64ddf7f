using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Readiness;

namespace ChangeMgmt.Core.Dns;

/// <summary>The records one customer's SES identity needs: three DKIM CNAMEs, the MAIL FROM MX and SPF, and DMARC.</summary>
public static class SesDnsRecords
{
    public const int Ttl = 1800;

    /// <param name="region">The customer's SES region: its feedback endpoint receives the MAIL FROM domain's bounces.</param>
    /// <param name="mailFromTxt">The TXT texts published now at the MAIL FROM domain (unquoted): an SPF among them is merged, not replaced.</param>
    /// <exception cref="InvalidOperationException">No sender domain, or an identity without DKIM tokens (the message says how to fix it).</exception>
    public static IReadOnlyList<DnsRecord> For(EmailConfig email, string customerCode, SesEmailIdentity identity, string region, IEnumerable<string> mailFromTxt)
    {
        var domain = email.SenderDomain ?? throw new InvalidOperationException("No sender domain: set email_config.domain in config.json.");
        if (identity.Dkim.Tokens.Count == 0)
            throw new InvalidOperationException($"{customerCode}: the identity {domain} has no DKIM tokens yet. Run {SetupNames.InitializeCommand(customerCode)} first (it starts Easy DKIM).");
        var records = identity.Dkim.Tokens.Select(token => Dkim(customerCode, domain, token)).ToList();
        if (email.MailFromDomain is { } mailFrom)
        {
            records.Add(new(customerCode, mailFrom, "MX", $"10 feedback-smtp.{region}.amazonses.com", DnsRecordPurpose.MailFromMx, Ttl));
            records.Add(new(customerCode, mailFrom, "TXT", TxtValues.Quote(SpfRecord.Merge(mailFromTxt)), DnsRecordPurpose.MailFromSpf, Ttl));
        }
        if (!string.IsNullOrWhiteSpace(email.DmarcPolicy))
            records.Add(new(customerCode, $"_dmarc.{domain}", "TXT", TxtValues.Quote(DmarcRecord.Text(domain, email.DmarcPolicy.Trim(), email.DmarcReportEmail)),
                DnsRecordPurpose.Dmarc, Ttl));
        return records;
    }

    /// <summary>One of the three CNAMEs that verify Easy DKIM for <paramref name="domain"/>.</summary>
    public static DnsRecord Dkim(string customerCode, string domain, string token) =>
        new(customerCode, $"{token}._domainkey.{domain}", "CNAME", $"{token}.dkim.amazonses.com", DnsRecordPurpose.Dkim, Ttl);
}
