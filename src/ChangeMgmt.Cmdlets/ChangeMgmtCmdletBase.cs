using System.Management.Automation;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Cmdlets;

/// <summary>What every ChangeMgmt cmdlet shares: -ConfigPath, configuration loading, cancellation.</summary>
public abstract class ChangeMgmtCmdletBase : PSCmdlet, IDisposable
{
    private CancellationTokenSource? _cancellation;

    /// <summary>config.json; else $env:CHANGEMGMT_CONFIG; else ./config.json.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ConfigPath { get; set; }

    protected CancellationToken CancellationToken => _cancellation?.Token ?? CancellationToken.None;

    protected override void BeginProcessing() => _cancellation = new CancellationTokenSource();

    protected override void StopProcessing() => _cancellation?.Cancel();

    /// <summary>PowerShell disposes the cmdlet after the pipeline ends (StopProcessing can still run until then).</summary>
    public void Dispose()
    {
        _cancellation?.Dispose();
        _cancellation = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>The resolved configuration file path (current PowerShell location as the base).</summary>
    protected string ResolvedConfigPath =>
        ConfigPathResolver.Resolve(ConfigPath, SessionState.Path.CurrentFileSystemLocation.ProviderPath);

    /// <summary>Loads the configuration or terminates with ConfigInvalid listing every problem.</summary>
    protected LoadedConfig LoadConfigOrThrow()
    {
        var path = ResolvedConfigPath;
        try
        {
            return ConfigLoader.Load(path);
        }
        catch (ConfigException ex)
        {
            ThrowTerminatingError(Errors.ConfigInvalid(ex, path));
            throw; // unreachable: ThrowTerminatingError always throws
        }
    }
}
