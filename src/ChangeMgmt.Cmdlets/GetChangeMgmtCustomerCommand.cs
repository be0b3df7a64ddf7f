using System.Management.Automation;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Cmdlets;

/// <summary>Gets the configured customers, all or by code (wildcards allowed).</summary>
[Cmdlet(VerbsCommon.Get, "ChangeMgmtCustomer")]
[OutputType(typeof(CustomerConfig))]
public sealed class GetChangeMgmtCustomerCommand : ChangeMgmtCmdletBase
{
    private LoadedConfig? _config;

    /// <summary>Customer codes; wildcards allowed. All customers when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("CustomerCode", "Code")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CustomerCodeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Customer { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _config = LoadConfigOrThrow();
    }

    protected override void ProcessRecord()
    {
        var config = _config!.Config;
        var result = CustomerSelector.Select(config, Customer);
        WriteObject(result.Customers, enumerateCollection: true);
        foreach (var missing in result.NotFound)
            WriteError(Errors.CustomerNotFound(missing, config.CustomerMappings.Keys));
    }
}
