using System.Management.Automation;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Rendering;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Renders every email a change's lifecycle sends, per customer, as that customer's recipients would get it.
/// Reads the change only: a preview never changes state.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ChangeEmailPreview", DefaultParameterSetName = ById)]
[OutputType(typeof(EmailPreview))]
public sealed class GetChangeEmailPreviewCommand : ChangeReadCmdletBase
{
    private const string ById = "ById";
    private const string ByObject = "ByObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ById, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ChangeIdCompleter))]
    public string[] ChangeId { get; set; } = [];

    /// <summary>A change as Get-ChangeRequest -ChangeId writes it, previewed as it is (also an edited copy that is not saved).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByObject, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Change? InputObject { get; set; }

    protected override void ProcessRecord()
    {
        var changes = InputObject is { } given ? [given] : ChangeId.Select(FindChange).OfType<Change>();
        foreach (var change in changes)
            foreach (var customer in Config.Config.Customers.Where(c => change.Customers.Contains(c.CustomerCode) && SelectedCustomers.Contains(c.CustomerCode)))
                WriteObject(Core.Previews.Render(change, customer), enumerateCollection: true);
    }
}
