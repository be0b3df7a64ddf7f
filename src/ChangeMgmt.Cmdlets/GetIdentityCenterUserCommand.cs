using System.Management.Automation;
using ChangeMgmt.Core.Identity;

namespace ChangeMgmt.Cmdlets;

/// <summary>Gets the users of customers' IAM Identity Center identity stores: one by user name, or all.</summary>
[Cmdlet(VerbsCommon.Get, "IdentityCenterUser")]
[OutputType(typeof(IdentityCenterUserInfo))]
public sealed class GetIdentityCenterUserCommand : IdentityReaderCmdletBase
{
    /// <summary>The user's user name (unique in the store); all users when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? UserName { get; set; }

    protected override void ProcessRecord()
    {
        var directory = ResolvedExportDirectory;
        var userName = UserName;
        ForEachCustomer("Reading Identity Center users", "IdentityCenterUser", async (customer, pump, ct) =>
        {
            if (userName is not null)
            {
                var (store, user) = await ReadUserAsync(customer, userName, directory, ct);
                pump.Post(() => WriteObject(IdentityCenterUserInfo.From(customer.CustomerCode, store, user)));
                return;
            }
            var snapshot = await ReadSnapshotAsync(customer, pump, directory, ct);
            var users = snapshot.Users.Select(u => IdentityCenterUserInfo.From(customer.CustomerCode, snapshot.IdentityStoreId, u)).ToList();
            pump.Post(() => WriteObject(users, enumerateCollection: true));
        });
    }
}
