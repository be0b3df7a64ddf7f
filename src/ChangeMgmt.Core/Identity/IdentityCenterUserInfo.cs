using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Identity;

/// <summary>A user of a customer's identity store, as Get-IdentityCenterUser shows it.</summary>
public sealed record IdentityCenterUserInfo(
    string CustomerCode,
    string IdentityStoreId,
    string UserId,
    string? UserName,
    string? DisplayName,
    string? Email,
    bool? Active)
{
    public static IdentityCenterUserInfo From(string customerCode, string identityStoreId, IdentityUser user) =>
        new(customerCode, identityStoreId, user.UserId, user.UserName, user.DisplayName, user.PrimaryEmail, user.Active);
}
