using ChangeMgmt.Aws;
using ChangeMgmt.Core.Configuration;

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
        return services.AddPorts(AwsPorts.Open(config, "changemgmt-server"), settings.Worker);
    }
}
