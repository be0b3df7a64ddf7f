using System.Management.Automation;
using ChangeMgmt.Deployment;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Writes the MSP account's CloudFormation template for the configuration: deploy/msp.yaml with
/// every configured customer's queue, dead-letter queue, alarm, queue policy, bucket notification
/// and delivery event source, and the delivery role limited to the configured SES roles.
/// </summary>
[Cmdlet(VerbsData.Export, "ChangeMgmtTemplate", SupportsShouldProcess = true)]
[OutputType(typeof(ExportedTemplate))]
public sealed class ExportChangeMgmtTemplateCommand : ChangeMgmtCmdletBase
{
    /// <summary>The file to write (replaced when it exists, unless -NoClobber).</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "changemgmt-msp.yaml";

    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    [Parameter]
    [ValidateRange(1, 1000)]
    public int MaxReceiveCount { get; set; } = new MspTemplateOptions().MaxReceiveCount;

    [Parameter]
    [ValidateRange(1, 10)]
    public int BatchSize { get; set; } = new MspTemplateOptions().BatchSize;

    [Parameter]
    [ValidateRange(2, 1000)]
    public int MaximumConcurrency { get; set; } = new MspTemplateOptions().MaximumConcurrency;

    protected override void ProcessRecord()
    {
        var config = LoadConfigOrThrow();
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        GeneratedTemplate template;
        try
        {
            template = MspTemplate.Generate(config, new MspTemplateOptions { MaxReceiveCount = MaxReceiveCount, BatchSize = BatchSize, MaximumConcurrency = MaximumConcurrency });
        }
        catch (Core.Configuration.ConfigException ex)
        {
            ThrowTerminatingError(Errors.ConfigInvalid(ex, config.ConfigPath));
            return;
        }
        foreach (var warning in template.Warnings) WriteWarning(warning);
        if (NoClobber && File.Exists(path))
            ThrowTerminatingError(new ErrorRecord(new IOException($"{path} exists; -NoClobber keeps it. Give another -Path or leave out -NoClobber."), "TemplateExists", ErrorCategory.ResourceExists, path));
        if (!ShouldProcess(path, $"Write the MSP stack template for {template.Customers.Count} customers ({template.ResourceCount} resources)")) return;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, template.Yaml);
        var exported = new ExportedTemplate(path, template.Customers, template.ResourceCount, template.Bytes);
        if (exported.NeedsS3Upload)
            WriteWarning($"{path} is {exported.Bytes} bytes, over CloudFormation's {GeneratedTemplate.MaxInlineBytes} for a template sent inline: deploy it with --s3-bucket.");
        WriteObject(exported);
    }
}
