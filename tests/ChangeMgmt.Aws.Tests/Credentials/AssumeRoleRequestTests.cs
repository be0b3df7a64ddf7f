using System.Net;
using ChangeMgmt.Aws.Credentials;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChangeMgmt.Aws.Tests.Credentials;

/// <summary>What AssumeRole sends, seen by a stub of STS's Query API (moto does not show ExternalId).</summary>
public sealed class AssumeRoleRequestTests : IDisposable
{
    private const string Success = """
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleResult>
            <Credentials>
              <AccessKeyId>ASIASTUBSTUBSTUB0001</AccessKeyId>
              <SecretAccessKey>secret</SecretAccessKey>
              <SessionToken>token</SessionToken>
              <Expiration>2099-01-01T00:00:00Z</Expiration>
            </Credentials>
            <AssumedRoleUser>
              <AssumedRoleId>AROASTUB:changemgmt-test-acme</AssumedRoleId>
              <Arn>arn:aws:sts::111111111111:assumed-role/changemgmt-ses/changemgmt-test-acme</Arn>
            </AssumedRoleUser>
          </AssumeRoleResult>
          <ResponseMetadata><RequestId>stub-request</RequestId></ResponseMetadata>
        </AssumeRoleResponse>
        """;

    private const string Denied = """
        <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform sts:AssumeRole</Message></Error>
          <RequestId>denied-request</RequestId>
        </ErrorResponse>
        """;

    private readonly WireMockServer _sts = WireMockServer.Start();

    private static readonly CustomerConfig Acme = new()
    {
        CustomerCode = "acme",
        SesRoleArn = "arn:aws:iam::111111111111:role/changemgmt-ses",
        ExternalId = "acme-external-42",
    };

    [Fact]
    public async Task Role_session_name_and_external_id_are_sent()
    {
        Stub(HttpStatusCode.OK, Success);
        using var roles = new AssumedCustomerRoles(MotoSettings.For(MotoSettings.At(_sts.Url!)));

        var credentials = await roles.For(Acme, CustomerRole.Ses).GetCredentialsAsync();

        Assert.Equal("ASIASTUBSTUBSTUB0001", credentials.AccessKey);
        var form = Form(Assert.Single(_sts.LogEntries).RequestMessage!.Body!);
        Assert.Equal("AssumeRole", form["Action"]);
        Assert.Equal(Acme.SesRoleArn, form["RoleArn"]);
        Assert.Equal("changemgmt-test-acme", form["RoleSessionName"]);
        Assert.Equal("acme-external-42", form["ExternalId"]);
    }

    [Fact]
    public async Task No_external_id_is_sent_when_none_is_configured()
    {
        Stub(HttpStatusCode.OK, Success);
        using var roles = new AssumedCustomerRoles(MotoSettings.For(MotoSettings.At(_sts.Url!)));

        await roles.For(Acme with { ExternalId = null }, CustomerRole.Ses).GetCredentialsAsync();

        Assert.False(Form(Assert.Single(_sts.LogEntries).RequestMessage!.Body!).ContainsKey("ExternalId"));
    }

    [Fact]
    public async Task A_refused_assumption_is_access_denied_naming_customer_role_and_request()
    {
        Stub(HttpStatusCode.Forbidden, Denied);
        using var roles = new AssumedCustomerRoles(MotoSettings.For(MotoSettings.At(_sts.Url!)));

        var error = await Assert.ThrowsAsync<RoleAssumptionException>(() => roles.For(Acme, CustomerRole.Ses).GetCredentialsAsync());

        Assert.Equal(ServiceErrorKind.AccessDenied, error.Kind);
        Assert.Equal("acme", error.CustomerCode);
        Assert.Equal("AccessDenied", error.ErrorCode);
        Assert.Contains(Acme.SesRoleArn!, error.Message, StringComparison.Ordinal);
        Assert.Contains("ses_role_arn", error.Message, StringComparison.Ordinal);
        Assert.Single(_sts.LogEntries);
    }

    private void Stub(HttpStatusCode status, string body) =>
        _sts.Given(Request.Create().WithPath("/").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "text/xml").WithBody(body));

    private static Dictionary<string, string> Form(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1].Replace('+', ' ') : ""));

    public void Dispose() => _sts.Stop();
}
