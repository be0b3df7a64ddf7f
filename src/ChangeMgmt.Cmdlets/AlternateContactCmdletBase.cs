using System.Management.Automation;
using ChangeMgmt.Aws.Organizations;
using ChangeMgmt.Core.AlternateContacts;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Cmdlets over the alternate contacts of every account of customers' AWS Organizations (always on AWS, through each
/// customer's organization role): -Customer/-All, -AccountId and -Type filters, calls paced per organization.
/// </summary>
public abstract class AlternateContactCmdletBase : CustomerCmdletBase
{
    private readonly Lock _sync = new();
    private AlternateContactAccess? _access;

    public sealed override string? DataDirectory { get => null; set { } }

    private protected sealed override bool HasLocalMode => false;

    /// <summary>Accounts by id or name (wildcards allowed); all ACTIVE accounts when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? AccountId { get; set; }

    /// <summary>Contact types: Security, Billing, Operations; all three when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet("Security", "Billing", "Operations")]
    public virtual string[]? Type { get; set; }

    /// <summary>Account API reads (GetAlternateContact) per second per organization; AWS allows 10.</summary>
    [Parameter]
    [ValidateRange(0.1, 10)]
    public double ReadsPerSecond { get; set; } = new OrganizationOptions().ReadsPerSecond;

    /// <summary>Writes per second per organization (only the cmdlets that write have the parameter).</summary>
    private protected virtual double Writes => new OrganizationOptions().WritesPerSecond;

    private protected AlternateContactFilter Filter => new(AccountId, Types());

    private protected IReadOnlyList<AlternateContactType>? Types() => Type?.Select(ParameterValues.ContactType).Distinct().ToList();

    /// <summary>The service for one customer's work, its account reads shown as that customer's progress.</summary>
    private protected AlternateContactService ServiceFor(CustomerConfig customer, PipelinePump pump, string activity)
    {
        lock (_sync) _access ??= new AlternateContactAccess(() => AwsSettings, new OrganizationOptions { ReadsPerSecond = ReadsPerSecond, WritesPerSecond = Writes });
        return _access.ServiceFor(Config, customer, pump, this, activity);
    }

    /// <summary>A failure as a non-terminating error naming the customer and account, its fix as the recommended action.</summary>
    private protected void WriteFailure(ContactFailure failure) => WriteError(Errors.For(failure));

    protected override void OnDispose()
    {
        base.OnDispose();
        lock (_sync)
        {
            _access?.Dispose();
            _access = null;
        }
    }
}
