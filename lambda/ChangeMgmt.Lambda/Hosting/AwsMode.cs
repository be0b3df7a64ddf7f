using ChangeMgmt.Aws;
using ChangeMgmt.Aws.Credentials;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>AWS mode: every port on AWS (S3, SQS, each customer's SES account through its role, DynamoDB).</summary>
public static class AwsMode
{
    public static IServiceCollection AddAwsBackend(this IServiceCollection services, LoadedConfig config, ServerSettings settings)
    {
        var backend = new AwsBackend(config, DefaultAwsIdentity.Settings(config.Config, "changemgmt-server"));
        services.AddSingleton(backend);
        services.AddSingleton<IObjectStore>(backend.Objects);
        services.AddSingleton<IChangeQueue>(backend.Queue);
        services.AddSingleton<IDeadLetterStore>(backend.DeadLetters);
        services.AddSingleton<ISesAccountProvider>(backend.SesAccounts);
        services.AddSingleton<IDeliveryLedger>(backend.Ledger);
        if (settings.Worker) services.AddHostedService<QueueWorkerService>();
        return services;
    }
}
