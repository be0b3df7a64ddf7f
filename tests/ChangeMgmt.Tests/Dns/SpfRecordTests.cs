using ChangeMgmt.Core.Dns;

namespace ChangeMgmt.Tests.Dns;

public sealed class SpfRecordTests
{
    [Fact]
    public void Without_an_spf_record_it_is_ses_alone() =>
        Assert.Equal("v=spf1 include:amazonses.com ~all", SpfRecord.Merge(["google-site-verification=abc"]));

    [Theory]
    [InlineData("v=spf1 include:_spf.google.com -all", "v=spf1 include:_spf.google.com include:amazonses.com -all")]
    [InlineData("v=spf1 mx ip4:192.0.2.0/24 ?all", "v=spf1 mx ip4:192.0.2.0/24 include:amazonses.com ?all")]
    [InlineData("v=spf1 include:mailgun.org", "v=spf1 include:mailgun.org include:amazonses.com")]
    [InlineData("v=spf1 a redirect=_spf.example.net", "v=spf1 a include:amazonses.com redirect=_spf.example.net")]
    public void An_existing_record_keeps_its_mechanisms_and_all_qualifier_and_gains_the_ses_include(string existing, string merged) =>
        Assert.Equal(merged, SpfRecord.Merge([existing]));

    [Fact]
    public void A_record_that_includes_ses_already_is_unchanged() =>
        Assert.Equal("v=spf1 include:AmazonSES.com include:_spf.google.com ~all", SpfRecord.Merge(["v=spf1 include:AmazonSES.com include:_spf.google.com ~all"]));

    [Fact]
    public void Two_spf_records_which_spf_forbids_become_one_with_the_terms_of_both() =>
        Assert.Equal("v=spf1 include:a.example include:b.example include:amazonses.com -all",
            SpfRecord.Merge(["v=spf1 include:a.example -all", "verification=1", "v=spf1 include:b.example ~all"]));

    [Fact]
    public void Spf_is_recognised_by_its_version_tag_only()
    {
        Assert.True(SpfRecord.IsSpf("V=SPF1 -all"));
        Assert.False(SpfRecord.IsSpf("v=spf10 -all"));
        Assert.False(SpfRecord.IsSpf("v=DMARC1; p=none"));
    }
}
