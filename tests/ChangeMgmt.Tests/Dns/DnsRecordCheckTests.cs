using ChangeMgmt.Core.Dns;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Readiness;

namespace ChangeMgmt.Tests.Dns;

public sealed class DnsRecordCheckTests
{
    private static DnsRecord Record(DnsRecordPurpose purpose, string type, string value) => new("acme", "name.msp.example", type, value, purpose, 1800);

    private static DnsLookup Found(params string[] values) => new(DnsLookupStatus.Found, values);

    [Fact]
    public void A_record_that_resolves_to_the_expected_value_passes_whatever_its_case_or_trailing_dot()
    {
        var result = DnsRecordCheck.Compare(Record(DnsRecordPurpose.Dkim, "CNAME", "t1.dkim.amazonses.com"), Found("T1.dkim.amazonses.com."));

        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal("DnsDkim", result.Check);
    }

    [Fact]
    public void A_missing_record_fails_with_the_command_that_publishes_it()
    {
        var result = DnsRecordCheck.Compare(Record(DnsRecordPurpose.MailFromMx, "MX", "10 feedback-smtp.us-east-1.amazonses.com"), new DnsLookup(DnsLookupStatus.NoRecords, []));

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("Get-SesDnsRecord -Customer acme -Apply", result.Fix);
    }

    [Fact]
    public void Another_value_fails()
    {
        var result = DnsRecordCheck.Compare(Record(DnsRecordPurpose.MailFromMx, "MX", "10 feedback-smtp.us-east-1.amazonses.com"), Found("10 feedback-smtp.eu-west-1.amazonses.com"));

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("eu-west-1", result.Detail);
    }

    [Fact]
    public void Unreachable_dns_is_unknown_not_failed()
    {
        var result = DnsRecordCheck.Compare(Record(DnsRecordPurpose.Dkim, "CNAME", "t1.dkim.amazonses.com"), DnsLookup.Unreachable("timed out"));

        Assert.Equal(CheckStatus.Unknown, result.Status);
        Assert.Contains("timed out", result.Detail);
    }

    [Fact]
    public void An_spf_with_other_includes_passes_when_it_includes_ses_and_fails_when_it_does_not()
    {
        var wanted = Record(DnsRecordPurpose.MailFromSpf, "TXT", "\"v=spf1 include:amazonses.com ~all\"");

        Assert.Equal(CheckStatus.Pass, DnsRecordCheck.Compare(wanted, Found("other", "v=spf1 include:_spf.google.com include:amazonses.com -all")).Status);
        Assert.Equal(CheckStatus.Fail, DnsRecordCheck.Compare(wanted, Found("v=spf1 include:_spf.google.com -all")).Status);
    }

    [Fact]
    public void A_dmarc_record_with_another_policy_is_a_warning()
    {
        var wanted = Record(DnsRecordPurpose.Dmarc, "TXT", "\"v=DMARC1; p=quarantine; rua=mailto:d@msp.example\"");

        Assert.Equal(CheckStatus.Warn, DnsRecordCheck.Compare(wanted, Found("v=DMARC1; p=none")).Status);
        Assert.Equal(CheckStatus.Pass, DnsRecordCheck.Compare(wanted, Found("v=DMARC1; p=quarantine; rua=mailto:other@msp.example")).Status);
    }
}
