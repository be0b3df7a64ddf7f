using ChangeMgmt.Aws;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>AWS mode: every port on AWS (S3, SQS, each customer's SES account through its role, DynamoDB).</summary>
public static class AwsMode
{
    public static IServiceCollection AddAwsBackend(this IServiceCollection services, LoadedConfig config, ServerSettings settings)
    {
        // Failed trigger writes are retried by the API function, which writes them (S3 list of triggers-failed/ every 30 s while it is warm).
        if (settings.ServesApi) services.AddHostedService(sp => new TriggerRetryService(
            sp.GetRequiredService<ChangeMgmt.Core.Changes.ChangeService>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TriggerRetryService>>())
        {
            Interval = TimeSpan.FromSeconds(30),
        });
        return services.AddPorts(AwsPorts.Open(config, "changemgmt-server"), settings.Worker);
    }
}
