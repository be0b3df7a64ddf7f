using System.Management.Automation;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Freezes;

namespace ChangeMgmt.Cmdlets;

/// <summary>Adds a freeze window: no change may be carried out in it for its customers (none given: every customer).</summary>
[Cmdlet(VerbsCommon.Add, "ChangeFreeze", SupportsShouldProcess = true, DefaultParameterSetName = Timed)]
[OutputType(typeof(ChangeFreeze))]
public sealed class AddChangeFreezeCommand : FreezeFieldsCmdletBase
{
    protected override void ProcessRecord()
    {
        try
        {
            var freeze = WithFields(new ChangeFreeze());
            var scope = freeze.IsGlobal ? "all customers" : string.Join(", ", freeze.Customers);
            if (!ShouldProcess($"freeze '{freeze.Name}' for {scope}", "Add")) return;
            WriteObject(Await(ct => Core.Freezes.AddAsync(freeze, SessionUser, ct)));
        }
        catch (ChangeValidationException ex)
        {
            WriteError(Errors.For(ex, Errors.FreezeNoun, Name));
        }
    }
}
