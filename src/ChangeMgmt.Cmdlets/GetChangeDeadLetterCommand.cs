using System.Management.Automation;
using ChangeMgmt.Core.Delivery;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Gets the messages that will not be delivered without help: those kept as dead letters with their
/// reason, and those the customer's queue moved to its dead-letter queue, with the last failed attempt's reason.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ChangeDeadLetter")]
[OutputType(typeof(DeadLetterEntry))]
public sealed class GetChangeDeadLetterCommand : BackendCmdletBase
{
    /// <summary>Only these customers (wildcards allowed); every configured customer, and the letters of none (SES events), when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("CustomerCode")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CustomerCodeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Customer { get; set; }

    /// <summary>Only the dead letters of this change.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ChangeIdCompleter))]
    public string? ChangeId { get; set; }

    protected override void ProcessRecord()
    {
        var codes = SelectCustomers(Customer).Select(c => c.CustomerCode).ToList();
        WriteObject(Await(async ct =>
        {
            var letters = await Core.DeadLetters.ListAsync(codes, ChangeId, ct);
            return Customer is not null || ChangeId is not null ? letters
                : [.. letters.Concat(await Core.DeadLetters.ListUnassignedAsync(code => Core.Config.Config.FindCustomer(code) is not null, ct)).OrderBy(e => e.At)];
        }), enumerateCollection: true);
    }
}
