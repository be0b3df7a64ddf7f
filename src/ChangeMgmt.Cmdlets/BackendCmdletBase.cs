using System.Management.Automation;
using ChangeMgmt.Core;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Cmdlets that reach the backend: AWS (each customer's SES account through its role, the bucket,
/// the queues) by default; local mode when -DataDirectory or $env:CHANGEMGMT_DATA_DIR names the
/// local server's data directory.
/// </summary>
public abstract class BackendCmdletBase : ChangeMgmtCmdletBase
{
    public const string DataDirectoryVariable = "CHANGEMGMT_DATA_DIR";

    private readonly Lock _sync = new();
    private Backend? _backend;
    private ChangeMgmtServices? _core;
    private LoadedConfig? _config;

    /// <summary>
    /// Local mode: the local server's data directory (changemgmt.db). Else $env:CHANGEMGMT_DATA_DIR; else AWS.
    /// It must exist: a mistyped path is an error, never a new empty store.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DataDirectory { get; set; }

    /// <summary>Loaded on first use (on the pipeline thread: a bad file terminates with ConfigInvalid).</summary>
    protected LoadedConfig Config
    {
        get
        {
            lock (_sync) return _config ??= LoadConfigOrThrow();
        }
    }

    /// <summary>Opened on first use (from any thread), closed when the command ends or is stopped.</summary>
    protected Backend Backend
    {
        get
        {
            lock (_sync) return _backend ??= Backends.Open(Config, ResolvedDataDirectory, "changemgmt-powershell");
        }
    }

    /// <summary>The core services (changes, delivery) over this command's backend.</summary>
    protected ChangeMgmtServices Core
    {
        get
        {
            lock (_sync) return _core ??= ChangeMgmtServices.Unlogged(Config, Backend);
        }
    }

    /// <summary>Where local mode keeps its data, or null for AWS.</summary>
    protected string? ResolvedDataDirectory
    {
        get
        {
            var path = !string.IsNullOrWhiteSpace(DataDirectory) ? DataDirectory
                : Environment.GetEnvironmentVariable(DataDirectoryVariable) is { Length: > 0 } fromEnv ? fromEnv
                : null;
            return path is null ? null : Path.GetFullPath(path, SessionState.Path.CurrentFileSystemLocation.ProviderPath);
        }
    }

    /// <summary>Loads the configuration on the pipeline thread before any work (a command that reports config problems opts out).</summary>
    private protected virtual bool LoadsConfigAtStart => true;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (ResolvedDataDirectory is { } data && !Directory.Exists(data))
            ThrowTerminatingError(Errors.DataDirectoryNotFound(data, DataDirectory is null ? $"$env:{DataDirectoryVariable}" : "-DataDirectory"));
        if (LoadsConfigAtStart) _ = Config;
    }

    protected override void EndProcessing() => CloseBackend();

    protected override void OnDispose() => CloseBackend();

    private void CloseBackend()
    {
        lock (_sync)
        {
            _backend?.Dispose();
            _backend = null;
            _core = null;
        }
    }

    /// <summary>True under -WhatIf: cmdlets that can preview (resolve and render) do so instead of doing nothing.</summary>
    protected bool WhatIfMode =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value) ? value is SwitchParameter { IsPresent: true }
            : GetVariableValue("WhatIfPreference", false) is true or SwitchParameter { IsPresent: true };

    /// <summary>The configured customers matching codes or wildcards (all for none); each plain code that matches none is a CustomerNotFound error.</summary>
    private protected IReadOnlyList<CustomerConfig> SelectCustomers(IReadOnlyList<string>? patterns)
    {
        var selection = CustomerSelector.Select(Config.Config, patterns);
        foreach (var missing in selection.NotFound) WriteError(Errors.CustomerNotFound(missing, Config.Config.CustomerMappings.Keys));
        return selection.Customers;
    }

    /// <summary>A preview's lines, shown like Write-Host (tag ChangeMgmt.Preview): who would receive which email, who is skipped and why.</summary>
    private protected void TellPreview(CustomerDelivery delivery)
    {
        foreach (var line in delivery.PreviewLines()) Tell(line, "ChangeMgmt.Preview");
    }

    /// <summary>Who the change records name for work done from this session.</summary>
    protected static string SessionUser => $"{Environment.UserName}@{Environment.MachineName}".ToLowerInvariant();
}
