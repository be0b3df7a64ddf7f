using ChangeMgmt.Aws;
using ChangeMgmt.Aws.Credentials;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>AWS mode: every port on AWS (S3, SQS, each customer's SES account through its role, DynamoDB).</summary>
public static class AwsMode
{
    public static IServiceCollection AddAwsBackend(this IServiceCollection services, LoadedConfig config, ServerSettings settings)
    {
        var backend = new AwsBackend(config, DefaultAwsIdentity.Settings(config.Config, "changemgmt-server"));
        services.AddSingleton(backend);
        return services.AddPorts(backend.Objects, backend.Queue, backend.DeadLetters, backend.SesAccounts, backend.Ledger, settings.Worker);
    }
}
