using System.Management.Automation;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Cmdlets;

/// <summary>Puts addresses on customers' account-level suppression lists: SES sends them nothing.</summary>
[Cmdlet(VerbsCommon.Add, "SesSuppression", SupportsShouldProcess = true)]
[OutputType(typeof(CustomerSuppression))]
public sealed class AddSesSuppressionCommand : SesAddressCmdletBase
{
    /// <summary>Bounce or Complaint.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateSet("Bounce", "Complaint")]
    public string Reason { get; set; } = "";

    protected override void ProcessRecord()
    {
        var reason = ParameterValues.Reason(Reason);
        ForEachAddress(new("Suppressing addresses", "Suppression", $"Suppress ({reason})", _ => false), async (customer, address, pump, ct) =>
        {
            var suppression = await Services.Suppression.AddAsync(customer, address, reason, ct);
            pump.Post(() => WriteObject(suppression));
        });
    }
}
