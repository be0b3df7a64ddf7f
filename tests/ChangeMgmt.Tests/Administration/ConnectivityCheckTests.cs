using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;
using static ChangeMgmt.Tests.Administration.AdminWorld;

namespace ChangeMgmt.Tests.Administration;

public sealed class ConnectivityCheckTests : AdminWorldTests
{
    private Task<ConnectivityResult> CheckAsync(string failing, Exception fault) =>
        new ConnectivityCheck(new FailingAccounts(World.Adapters.SesAccounts, failing, fault)).RunAsync(Acme, default);

    private static void AssertNoAccountFacts(ConnectivityResult result)
    {
        Assert.Equal(("acme", "us-east-1", Acme.SesRoleArn), (result.CustomerCode, result.Region, result.SesRoleArn));
        Assert.Equal((null, null, null, null), (result.MaxSendRate, result.Max24HourSend, result.SentLast24Hours, result.ContactListName));
    }

    [Fact]
    public async Task A_reachable_account_reports_its_quota_and_contact_list()
    {
        await World.CreateListAsync(Acme);
        await World.Adapters.SesAccounts.ForCustomer("acme").SetMaxSendRateAsync(37, default);

        var result = await new ConnectivityCheck(World.Adapters.SesAccounts).RunAsync(Acme, default);

        Assert.Equal(ConnectivityStatus.Reachable, result.Status);
        Assert.Equal((37d, 50_000d, 0d, ListName), (result.MaxSendRate, result.Max24HourSend, result.SentLast24Hours, result.ContactListName));
        Assert.Equal(("us-east-1", "arn:aws:iam::110000000001:role/changemgmt-ses"), (result.Region, result.SesRoleArn));
        Assert.Equal("acme: reachable; 37 emails/second; contact list changemgmt.", result.Message);
    }

    [Fact]
    public async Task A_reachable_account_without_a_list_says_how_to_create_one()
    {
        var result = await new ConnectivityCheck(World.Adapters.SesAccounts).RunAsync(Acme, default);

        Assert.Equal(ConnectivityStatus.Reachable, result.Status);
        Assert.Null(result.ContactListName);
        Assert.Equal(14d, result.MaxSendRate);
        Assert.Contains("has no contact list; run New-SesContactList -Customer acme", result.Message);
    }

    [Fact]
    public async Task A_role_that_cannot_be_assumed_is_role_assumption_failed()
    {
        var fault = new RoleAssumptionException(ServiceErrorKind.AccessDenied, "acme: assuming ses_role_arn failed: not authorized.", "acme", "req-1", "AccessDenied", null);

        var result = await CheckAsync(nameof(ISesAccount.GetSendQuotaAsync), fault);

        Assert.Equal(ConnectivityStatus.RoleAssumptionFailed, result.Status);
        Assert.StartsWith("acme: assuming ses_role_arn failed: not authorized. Check that ses_role_arn exists", result.Message);
        AssertNoAccountFacts(result);
    }

    [Fact]
    public async Task Any_other_service_error_is_ses_unreachable_and_reports_no_half_read_quota()
    {
        await World.CreateListAsync(Acme);
        var fault = new ServiceException(ServiceErrorKind.AccessDenied, "not authorized to perform ses:ListContactLists", "acme");

        var result = await CheckAsync(nameof(ISesAccount.ListContactListsAsync), fault);

        Assert.Equal(ConnectivityStatus.SesUnreachable, result.Status);
        Assert.Equal("acme: the SES account could not be read: not authorized to perform ses:ListContactLists", result.Message);
        AssertNoAccountFacts(result);
    }
}
