using System.Management.Automation;
using ChangeMgmt.Aws;
using ChangeMgmt.Aws.Caller;
using ChangeMgmt.Core;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Tokens;
using ChangeMgmt.Local;

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
    private AwsSettings? _awsSettings;
    private readonly int _pipelineThread = Environment.CurrentManagedThreadId;

    /// <summary>
    /// Local mode: the local server's data directory (changemgmt.db). Else $env:CHANGEMGMT_DATA_DIR; else AWS.
    /// It must exist: a mistyped path is an error, never a new empty store.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public virtual string? DataDirectory { get; set; }

    /// <summary>False for cmdlets that only ever reach AWS (they have no -DataDirectory, and ignore $env:CHANGEMGMT_DATA_DIR).</summary>
    private protected virtual bool HasLocalMode => true;

    /// <summary>AWS: a profile of the shared credentials/config files (as AWS.Tools' -ProfileName).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ProfileName { get; set; }

    /// <summary>AWS: the caller's region (bucket, queues, ledger, STS); wins over config.json's aws_region.</summary>
    [Parameter]
    [ValidatePattern(AwsCallerChoice.RegionPattern)]
    public string? Region { get; set; }

    /// <summary>AWS: what AWS.Tools' Get-AWSCredential returns, or a PSCredential (access key id, secret access key).</summary>
    [Parameter]
    [ValidateNotNull]
    public object? Credential { get; set; }

    /// <summary>AWS: one endpoint for every service (a VPC endpoint, a test peer), as AWS.Tools' -EndpointUrl.</summary>
    [Parameter]
    [ValidatePattern(AwsCallerChoice.EndpointPattern)]
    public string? EndpointUrl { get; set; }

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
            lock (_sync) return _backend ??= ResolvedDataDirectory is { } local ? Backends.OpenLocal(Config, local) : AwsBackend.Open(Config, AwsSettings);
        }
    }

    /// <summary>The core services (changes, delivery) over this command's backend.</summary>
    protected ChangeMgmtServices Core
    {
        get
        {
            lock (_sync) return _core ??= ChangeMgmtServices.Logged(Config, Backend, Log.Logs, TokenKeysIfAny());
        }
    }

    /// <summary>
    /// The keys the server signs tokens with (preference links in emails): locally the data directory's secret, on AWS
    /// derived from the API's session secret when this session has it; else none, and emails carry SES's page instead.
    /// </summary>
    private protected TokenKeys? TokenKeysIfAny()
    {
        if (ResolvedDataDirectory is { } local) return LocalTokenSecret.Open(local);
        try
        {
            return TokenKeys.FromSessionSecret(Config.Config.Auth, Environment.GetEnvironmentVariable);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>AWS: who the command acts as and where (its parameters, the session defaults, the SDK's chains), resolved once.</summary>
    private protected AwsSettings AwsSettings
    {
        get
        {
            lock (_sync)
            {
                if (_awsSettings is not null) return _awsSettings;
                var options = AwsCallerChoice.Resolve(this, name => SessionState.PSVariable.GetValue(name));
                try
                {
                    return _awsSettings = AwsCaller.Settings(Config.Config, "changemgmt-powershell", options, Log.Logs);
                }
                catch (ArgumentException ex) when (Environment.CurrentManagedThreadId == _pipelineThread)
                {
                    ThrowTerminatingError(Errors.InvalidArgument("AwsCallerInvalid", ex.Message, options.ProfileName));
                    throw; // unreachable
                }
            }
        }
    }

    /// <summary>Where local mode keeps its data, or null for AWS.</summary>
    protected string? ResolvedDataDirectory
    {
        get
        {
            if (!HasLocalMode) return null;
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
        if (!LoadsConfigAtStart) return;
        _ = Config;
        if (ResolvedDataDirectory is { } local)
        {
            Log.Verbose($"Local mode: data directory {local} (-DataDirectory or ${DataDirectoryVariable}); AWS parameters are not used");
            return;
        }
        // An explicit choice is checked here, on the pipeline thread (a missing profile terminates before any work).
        if (Credential is not null || ProfileName is not null || Region is not null || EndpointUrl is not null) _ = AwsSettings;
        if (!Log.VerboseEnabled) return;
        var settings = AwsSettings;
        try
        {
            Log.Verbose($"AWS caller identity: {Await(ct => AwsCaller.DescribeIdentityAsync(settings, ct))}");
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            Log.Verbose($"AWS caller identity unknown (STS GetCallerIdentity failed: {ex.Message})");
        }
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

    /// <summary>The written change as output; each customer whose trigger failed as an error.</summary>
    private protected void Report(ChangeWriteResult written)
    {
        foreach (var error in ChangeWriteErrors.TriggerFailures(written)) WriteError(error);
        WriteObject(written.Change);
    }

    /// <summary>The written announcement as output; each customer whose trigger failed as an error; a publish time ahead said.</summary>
    private protected void Report(AnnouncementWriteResult written)
    {
        foreach (var error in ChangeWriteErrors.TriggerFailures(written)) WriteError(error);
        if (written.ScheduledFor is { } at)
            WriteVerbose($"{written.Announcement.AnnouncementId}: approved; the sweep sends it at {at:u} (the server's timer in local mode, the stack's one-minute schedule on AWS).");
        WriteObject(written.Announcement);
    }

    /// <summary>Who the change records name for work done from this session.</summary>
    protected static string SessionUser => $"{Environment.UserName}@{Environment.MachineName}".ToLowerInvariant();
}
