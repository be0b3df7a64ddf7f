using ChangeMgmt.Aws.Credentials;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Resilience;

namespace ChangeMgmt.Aws;

/// <summary>AWS mode's backend: the core's ports over the AWS adapters, with the caller's own credentials (environment, profile, instance role).</summary>
public static class AwsBackend
{
    /// <param name="callerName">Names the caller in assumed-role session names (CloudTrail shows who acted).</param>
    /// <param name="retry">How long calls are retried: <see cref="RetryPolicy.Interactive"/> where someone waits, else the background default.</param>
    public static Backend Open(LoadedConfig config, string callerName, RetryPolicy? retry = null) =>
        Open(config, DefaultAwsIdentity.Settings(config.Config, callerName, retry: retry));

    /// <summary>AWS mode as the caller chose it (credentials, region, endpoint: see <see cref="Caller.AwsCaller"/>).</summary>
    public static Backend Open(LoadedConfig config, AwsSettings settings)
    {
        var aws = new AwsAdapters(config, settings);
        return new Backend(BackendMode.Aws, aws.Objects, aws.Queue, aws.DeadLetters, aws.SesAccounts, aws.Ledger, aws.Ledger, aws.Objects, aws);
    }
}
