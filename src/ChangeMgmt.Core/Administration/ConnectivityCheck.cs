using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Administration;

// long, not int: PowerShell's ConvertTo-Json writes long-based enums by name, so exported output reads as words.

public enum ConnectivityStatus : long { Reachable, RoleAssumptionFailed, SesUnreachable }

/// <summary>Whether ChangeMgmt can act in a customer's SES account, and what that account allows.</summary>
public sealed record ConnectivityResult(
    string CustomerCode,
    string? Region,
    string? SesRoleArn,
    ConnectivityStatus Status,
    double? MaxSendRate,
    double? Max24HourSend,
    double? SentLast24Hours,
    string? ContactListName,
    string Message);

/// <summary>Assumes the customer's role and reads its SES account (send quota and contact list).</summary>
public sealed class ConnectivityCheck(ISesAccountProvider accounts)
{
    public async Task<ConnectivityResult> RunAsync(CustomerConfig customer, CancellationToken ct)
    {
        try
        {
            var account = accounts.ForCustomer(customer.CustomerCode);
            var quota = await account.GetSendQuotaAsync(ct);
            var lists = await Delivery.AudienceReader.ReadAllAsync(token => account.ListContactListsAsync(token, ct));
            var listName = lists.Select(l => l.ContactListName).FirstOrDefault(n => n == ContactListService.ConfiguredName(customer))
                ?? lists.FirstOrDefault()?.ContactListName;
            var message = listName is null
                ? $"{customer.CustomerCode}: reachable, but the account has no contact list; run New-SesContactList -Customer {customer.CustomerCode}."
                : $"{customer.CustomerCode}: reachable; {quota.MaxSendRate:0.##} emails/second; contact list {listName}.";
            return Result(customer, ConnectivityStatus.Reachable, message) with
            {
                MaxSendRate = quota.MaxSendRate, Max24HourSend = quota.Max24HourSend, SentLast24Hours = quota.SentLast24Hours, ContactListName = listName,
            };
        }
        catch (RoleAssumptionException ex)
        {
            return Result(customer, ConnectivityStatus.RoleAssumptionFailed,
                $"{ex.Message} Check that ses_role_arn exists and trusts the caller (and its ExternalId condition matches external_id).");
        }
        catch (ConfigException ex)
        {
            return Result(customer, ConnectivityStatus.RoleAssumptionFailed, $"{customer.CustomerCode}: {ex.Message}");
        }
        catch (Exception ex) when (ex is ServiceException or HttpRequestException)
        {
            return Result(customer, ConnectivityStatus.SesUnreachable, $"{customer.CustomerCode}: the SES account could not be read: {ex.Message}");
        }
    }

    private static ConnectivityResult Result(CustomerConfig customer, ConnectivityStatus status, string message) =>
        new(customer.CustomerCode, customer.Region, customer.SesRoleArn, status, null, null, null, null, message);
}
