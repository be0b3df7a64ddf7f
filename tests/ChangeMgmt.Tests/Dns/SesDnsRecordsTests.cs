using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Dns;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.Dns;

public sealed class SesDnsRecordsTests
{
    internal static readonly EmailConfig Email = new()
    {
        SenderAddress = "changes@msp.example", Domain = "msp.example", MailFromSubdomain = "bounce", DmarcPolicy = "none", DmarcReportEmail = "dmarc-reports",
    };

    internal static SesEmailIdentity Identity(params string[] tokens) =>
        new("msp.example", "DOMAIN", false, "PENDING", new SesDkimAttributes(true, "PENDING", tokens, "RSA_2048_BIT"), null, null);

    [Fact]
    public void An_identity_needs_three_dkim_cnames_the_mail_from_mx_and_spf_and_dmarc()
    {
        var records = SesDnsRecords.For(Email, "umbrella", Identity("t1", "t2", "t3"), "eu-west-1", []);

        Assert.Equal(
        [
            ("t1._domainkey.msp.example", "CNAME", "t1.dkim.amazonses.com", DnsRecordPurpose.Dkim),
            ("t2._domainkey.msp.example", "CNAME", "t2.dkim.amazonses.com", DnsRecordPurpose.Dkim),
            ("t3._domainkey.msp.example", "CNAME", "t3.dkim.amazonses.com", DnsRecordPurpose.Dkim),
            ("bounce.msp.example", "MX", "10 feedback-smtp.eu-west-1.amazonses.com", DnsRecordPurpose.MailFromMx),
            ("bounce.msp.example", "TXT", "\"v=spf1 include:amazonses.com ~all\"", DnsRecordPurpose.MailFromSpf),
            ("_dmarc.msp.example", "TXT", "\"v=DMARC1; p=none; rua=mailto:dmarc-reports@msp.example\"", DnsRecordPurpose.Dmarc),
        ], records.Select(r => (r.Name, r.Type, r.Value, r.Purpose)));
        Assert.All(records, r => Assert.Equal("umbrella", r.CustomerCode));
    }

    [Fact]
    public void A_full_report_address_is_kept_and_the_policy_is_the_configured_one()
    {
        var records = SesDnsRecords.For(Email with { DmarcPolicy = "quarantine", DmarcReportEmail = "dmarc@reports.example.org" }, "acme", Identity("t1"), "us-east-1", []);

        Assert.Equal("\"v=DMARC1; p=quarantine; rua=mailto:dmarc@reports.example.org\"", records.Single(r => r.Purpose == DnsRecordPurpose.Dmarc).Value);
    }

    [Fact]
    public void The_spf_published_at_the_mail_from_domain_is_merged()
    {
        var records = SesDnsRecords.For(Email, "acme", Identity("t1"), "us-east-1", ["v=spf1 include:_spf.google.com -all"]);

        Assert.Equal("\"v=spf1 include:_spf.google.com include:amazonses.com -all\"", records.Single(r => r.Purpose == DnsRecordPurpose.MailFromSpf).Value);
    }

    [Fact]
    public void Without_mail_from_subdomain_or_dmarc_policy_only_dkim_is_listed()
    {
        var records = SesDnsRecords.For(Email with { MailFromSubdomain = null, DmarcPolicy = null }, "acme", Identity("t1", "t2", "t3"), "us-east-1", []);

        Assert.All(records, r => Assert.Equal(DnsRecordPurpose.Dkim, r.Purpose));
        Assert.Equal(3, records.Count);
    }

    [Fact]
    public void An_identity_without_dkim_tokens_says_to_run_initialize_first()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SesDnsRecords.For(Email, "acme", Identity(), "us-east-1", []));

        Assert.Contains("Initialize-SesAccount -Customer acme", error.Message);
    }

    [Fact]
    public void Txt_text_over_255_characters_is_quoted_as_several_strings_and_read_back_whole()
    {
        var text = new string('a', 300);

        var quoted = TxtValues.Quote(text);

        Assert.Equal($"\"{new string('a', 255)}\" \"{new string('a', 45)}\"", quoted);
        Assert.Equal(text, TxtValues.Unquote(quoted));
        Assert.Equal("say \"hi\"", TxtValues.Unquote(TxtValues.Quote("say \"hi\"")));
    }
}
