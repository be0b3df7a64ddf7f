using System.Management.Automation;
using ChangeMgmt.Core.Identity;

namespace ChangeMgmt.Cmdlets;

/// <summary>Gets group memberships of customers' identity stores: each user with their groups, or each group with its members.</summary>
[Cmdlet(VerbsCommon.Get, "IdentityCenterGroupMembership")]
[OutputType(typeof(UserWithGroups), typeof(GroupWithMembers))]
public sealed class GetIdentityCenterGroupMembershipCommand : IdentityReaderCmdletBase
{
    /// <summary>User (each user with their groups; the default) or Group (each group with its members).</summary>
    [Parameter]
    [ValidateSet("User", "Group")]
    public string View { get; set; } = "User";

    /// <summary>Only groups named ccoe-cloud-{account}-{accountId}-…-idp-{application}-{role}, parsed.</summary>
    [Parameter]
    public SwitchParameter CcoeCloudGroupOnly { get; set; }

    protected override void ProcessRecord()
    {
        var directory = ResolvedExportDirectory;
        var byGroup = View == "Group";
        var ccoeOnly = CcoeCloudGroupOnly.IsPresent;
        ForEachCustomer("Reading Identity Center groups", "IdentityCenterGroup", async (customer, pump, ct) =>
        {
            var snapshot = await ReadSnapshotAsync(customer, pump, directory, ct);
            if (byGroup)
            {
                var groups = snapshot.GroupsWithMembers().Where(g => !ccoeOnly || g.Ccoe is not null).Select(g => g with { CustomerCode = customer.CustomerCode }).ToList();
                pump.Post(() => WriteObject(groups, enumerateCollection: true));
                return;
            }
            var users = snapshot.UsersWithGroups()
                .Select(u => ccoeOnly ? u with { Groups = u.Groups.Where(g => CcoeGroupName.TryParse(g.DisplayName, out _)).ToList() } : u)
                .Where(u => !ccoeOnly || u.Groups.Count > 0)
                .Select(u => u with { CustomerCode = customer.CustomerCode })
                .ToList();
            pump.Post(() => WriteObject(users, enumerateCollection: true));
        });
    }
}
