using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Administration;

/// <summary>An address on a customer account's suppression list.</summary>
public sealed record CustomerSuppression(string CustomerCode, string EmailAddress, SuppressionReason Reason, DateTimeOffset LastUpdateTime)
{
    public static CustomerSuppression From(string customerCode, SuppressedDestination d) => new(customerCode, d.EmailAddress, d.Reason, d.LastUpdateTime);
}
