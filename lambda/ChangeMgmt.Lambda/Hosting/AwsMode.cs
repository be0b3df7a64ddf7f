using ChangeMgmt.Aws;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Resilience;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>AWS mode: every port on AWS (S3, SQS, each customer's SES account through its role, DynamoDB).</summary>
public static class AwsMode
{
    public static IServiceCollection AddAwsBackend(this IServiceCollection services, LoadedConfig config, ServerSettings settings)
    {
        // Unfinished change writes and failed trigger writes are finished by the API function, which writes them
        // (S3 lists of pending-writes/ and triggers-failed/ every 30 s while it is warm).
        if (settings.ServesApi) services.AddHostedService(sp => new PendingWorkService(
            sp.GetRequiredService<ChangeMgmt.Core.Changes.ChangeService>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PendingWorkService>>())
        {
            Interval = TimeSpan.FromSeconds(30),
        });
        // The API function answers people: short retries. The delivery function works through throttling: long ones.
        var retry = settings.Function == ServerFunction.Api ? ChangeMgmt.Core.Resilience.RetryPolicy.Interactive : ChangeMgmt.Core.Resilience.RetryPolicy.Default;
        return services.AddPorts(AwsBackend.Open(config, "changemgmt-server", retry), settings.Worker);
    }
}
