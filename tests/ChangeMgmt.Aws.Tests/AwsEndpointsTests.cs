namespace ChangeMgmt.Aws.Tests;

public sealed class AwsEndpointsTests
{
    private static AwsEndpoints With(params (string Name, string Value)[] variables) =>
        new(name => variables.FirstOrDefault(v => v.Name == name).Value);

    [Theory]
    [InlineData(AwsService.S3, "AWS_ENDPOINT_URL_S3")]
    [InlineData(AwsService.Sqs, "AWS_ENDPOINT_URL_SQS")]
    [InlineData(AwsService.Sts, "AWS_ENDPOINT_URL_STS")]
    [InlineData(AwsService.SesV2, "AWS_ENDPOINT_URL_SESV2")]
    [InlineData(AwsService.IdentityStore, "AWS_ENDPOINT_URL_IDENTITYSTORE")]
    [InlineData(AwsService.SsoAdmin, "AWS_ENDPOINT_URL_SSO_ADMIN")]
    [InlineData(AwsService.Organizations, "AWS_ENDPOINT_URL_ORGANIZATIONS")]
    [InlineData(AwsService.Account, "AWS_ENDPOINT_URL_ACCOUNT")]
    public void A_service_variable_beats_the_global_one(AwsService service, string variable)
    {
        var endpoints = With(("AWS_ENDPOINT_URL", "http://127.0.0.1:1"), (variable, "http://127.0.0.1:2"));
        Assert.Equal(new Uri("http://127.0.0.1:2"), endpoints.Override(service));
        Assert.Equal(new Uri("http://127.0.0.1:1"), With(("AWS_ENDPOINT_URL", "http://127.0.0.1:1")).Override(service));
    }

    [Fact]
    public void Without_overrides_the_regional_endpoint_is_used()
    {
        var endpoints = With();
        Assert.Equal(new Uri("https://email.eu-west-1.amazonaws.com"), endpoints.For(AwsService.SesV2, "eu-west-1"));
        Assert.Equal(new Uri("https://sso.us-east-1.amazonaws.com"), endpoints.For(AwsService.SsoAdmin, "us-east-1"));
        Assert.Equal(new Uri("https://organizations.us-east-1.amazonaws.com"), endpoints.For(AwsService.Organizations, "eu-west-1"));
        Assert.Equal(new Uri("https://account.us-east-1.amazonaws.com"), endpoints.For(AwsService.Account, "eu-west-1"));
    }

    [Fact]
    public void Overrides_can_be_ignored_as_the_SDKs_allow()
    {
        var endpoints = With(("AWS_ENDPOINT_URL", "http://127.0.0.1:1"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"));
        Assert.Null(endpoints.Override(AwsService.S3));
    }

    [Fact]
    public void A_malformed_override_names_the_service_and_value()
    {
        var error = Assert.Throws<InvalidOperationException>(() => With(("AWS_ENDPOINT_URL_SQS", "localhost:4566")).Override(AwsService.Sqs));
        Assert.Contains("Sqs", error.Message);
        Assert.Contains("localhost:4566", error.Message);
    }
}
