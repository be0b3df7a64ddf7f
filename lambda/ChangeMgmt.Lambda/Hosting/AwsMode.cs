using ChangeMgmt.Aws;
using ChangeMgmt.Aws.Credentials;
using ChangeMgmt.Aws.Organizations;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Resilience;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>AWS mode: every port on AWS (S3, SQS, each customer's SES account through its role, DynamoDB).</summary>
public static class AwsMode
{
    public static IServiceCollection AddAwsBackend(this IServiceCollection services, LoadedConfig config, ServerSettings settings)
    {
        // Unfinished change writes, failed trigger writes and due announcements are finished by the API function while
        // it is warm (every 30 s), and by the delivery function on the stack's one-minute EventBridge schedule.
        if (settings.ServesApi) services.AddHostedService(sp => new PendingWorkService(sp.GetRequiredService<PendingWork>(), sp.GetRequiredService<TimeProvider>())
        {
            Interval = TimeSpan.FromSeconds(30),
        });
        // The API function answers people: short retries. The delivery function works through throttling: long ones.
        var retry = settings.Function == ServerFunction.Api ? ChangeMgmt.Core.Resilience.RetryPolicy.Interactive : ChangeMgmt.Core.Resilience.RetryPolicy.Default;
        var aws = DefaultAwsIdentity.Settings(config.Config, "changemgmt-server", retry: retry);
        // The delivery function's sweep checks the customers' alternate contacts through their organization roles (minutes
        // for a large organization: never in the API function, whose requests and sweeps have 30 s).
        if (settings.ServesEvents) services.AddSingleton<IOrganizationProvider>(_ => new AwsOrganizationProvider(aws));
        return services.AddPorts(AwsBackend.Open(config, aws), settings.Worker);
    }
}
