using System.Collections;
using System.Management.Automation;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Cmdlets;

/// <summary>What every ChangeMgmt cmdlet shares: -ConfigPath, configuration loading, cancellation, -Verbose/-Debug, -Force.</summary>
public abstract class ChangeMgmtCmdletBase : PSCmdlet, IDisposable, IDynamicParameters
{
    private CancellationTokenSource? _cancellation;
    private readonly ForceParameter _force = new();
    private CmdletLog? _log;

    /// <summary>config.json; else $env:CHANGEMGMT_CONFIG; else ./config.json.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ConfigPath { get; set; }

    protected CancellationToken CancellationToken => _cancellation?.Token ?? CancellationToken.None;

    protected override void BeginProcessing()
    {
        _cancellation = new CancellationTokenSource();
        _log = new CmdletLog(this, StreamShown("Verbose", "VerbosePreference"), StreamShown("Debug", "DebugPreference"));
    }

    /// <summary>-Verbose/-Debug of this command: Core and the AWS adapters write here from any thread.</summary>
    private protected CmdletLog Log => _log ??= new CmdletLog(this, false, false);

    /// <summary>-Force on the cmdlets that support ShouldProcess.</summary>
    public object? GetDynamicParameters() => SupportsShouldProcess ? _force : null;

    private bool SupportsShouldProcess =>
        GetType().GetCustomAttributes(typeof(CmdletAttribute), true) is [CmdletAttribute { SupportsShouldProcess: true }, ..];

    /// <summary>
    /// ShouldProcess with -Force: no prompt (unless -Confirm is given explicitly), while -WhatIf still only
    /// previews. Hides Cmdlet.ShouldProcess so that every cmdlet's call goes through it.
    /// </summary>
    protected new bool ShouldProcess(string target, string action) =>
        (_force.Force && !WhatIfMode && !MyInvocation.BoundParameters.ContainsKey("Confirm")) || base.ShouldProcess(target, action);

    /// <summary>True under -WhatIf: cmdlets that can preview (resolve and render) do so instead of doing nothing.</summary>
    protected bool WhatIfMode =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value) ? value is SwitchParameter { IsPresent: true }
            : GetVariableValue("WhatIfPreference", false) is true or SwitchParameter { IsPresent: true };

    private bool StreamShown(string parameter, string preference) =>
        MyInvocation.BoundParameters.TryGetValue(parameter, out var value) ? value is SwitchParameter { IsPresent: true }
            : GetVariableValue(preference, ActionPreference.SilentlyContinue) is not (ActionPreference.SilentlyContinue or ActionPreference.Ignore);

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
    private protected void Run(Func<PipelinePump, CancellationToken, Task> work)
    {
        try
        {
            PipelinePump.Run((pump, ct) =>
            {
                Log.Pump = pump;
                return work(pump, ct);
            }, CancellationToken);
        }
        finally
        {
            Log.Pump = null;
            Log.Flush();
        }
    }

    /// <summary>One async Core call, awaited through the pump (cancellable with Ctrl+C).</summary>
    private protected T Await<T>(Func<CancellationToken, Task<T>> call)
    {
        T result = default!;
        Run(async (_, ct) => result = await call(ct));
        return result;
    }

    /// <summary>Writes output with its lists readable as text (<see cref="ReadableCollections"/>); hides Cmdlet.WriteObject so that every cmdlet's write goes through it.</summary>
    protected new void WriteObject(object? sendToPipeline) => WriteObject(sendToPipeline, false);

    protected new void WriteObject(object? sendToPipeline, bool enumerateCollection)
    {
        if (!enumerateCollection || sendToPipeline is not IEnumerable items || sendToPipeline is string)
        {
            base.WriteObject(ReadableCollections.Apply(sendToPipeline));
            return;
        }
        foreach (var item in items) base.WriteObject(ReadableCollections.Apply(item));
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
            var loaded = ConfigLoader.Load(path);
            Log.Verbose($"Configuration: {path} ({loaded.Config.CustomerMappings.Count} customers; SESConfig.json beside it)");
            return loaded;
        }
        catch (ConfigException ex)
        {
            ThrowTerminatingError(Errors.ConfigInvalid(ex, path));
            throw; // unreachable: ThrowTerminatingError always throws
        }
    }
}
