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
        OnDispose();
        _cancellation?.Dispose();
        _cancellation = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the command opened (also after Ctrl+C, when EndProcessing does not run).</summary>
    protected virtual void OnDispose()
    {
    }

    /// <summary>Runs async Core work; its posts (writes, prompts) run here on the pipeline thread.</summary>
    private protected void Run(Func<PipelinePump, CancellationToken, Task> work) => PipelinePump.Run(work, CancellationToken);

    /// <summary>One async Core call, awaited through the pump (cancellable with Ctrl+C).</summary>
    private protected T Await<T>(Func<CancellationToken, Task<T>> call)
    {
        T result = default!;
        Run(async (_, ct) => result = await call(ct));
        return result;
    }

    /// <summary>Says something the user should see by default (as Write-Host does), e.g. where a backup went.</summary>
    protected void Tell(string message, string tag) =>
        WriteInformation(new HostInformationMessage { Message = message }, ["PSHOST", tag]);

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
