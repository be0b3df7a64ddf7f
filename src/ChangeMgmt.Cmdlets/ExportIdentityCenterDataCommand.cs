using System.Management.Automation;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Writes each customer's identity store (users, groups, memberships) to a JSON file named with the
/// identity store id and a timestamp; later commands find the identity store id from the newest file.
/// </summary>
[Cmdlet(VerbsData.Export, "IdentityCenterData", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportIdentityCenterDataCommand : IdentityReaderCmdletBase
{
    protected override void ProcessRecord()
    {
        var directory = ResolvedExportDirectory;
        ForEachCustomer("Exporting Identity Center data", "IdentityCenterExport", async (customer, pump, ct) =>
        {
            if (!await pump.InvokeAsync(() => ShouldProcess($"{customer.CustomerCode}: {directory}", "Export users, groups and memberships"))) return;
            var snapshot = await ReadSnapshotAsync(customer, pump, directory, ct);
            var path = await ChangeMgmt.Core.Identity.IdentityCenterExport.WriteAsync(snapshot, directory, TimeProvider.System.GetUtcNow(), customer.CustomerCode, ct);
            pump.Post(() => WriteObject(new FileInfo(path)));
        });
    }
}
