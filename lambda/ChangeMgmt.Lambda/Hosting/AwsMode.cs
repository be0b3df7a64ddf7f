using ChangeMgmt.Aws;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>AWS mode: every port on AWS (S3, SQS, each customer's SES account through its role, DynamoDB).</summary>
public static class AwsMode
{
    public static IServiceCollection AddAwsBackend(this IServiceCollection services, LoadedConfig config, ServerSettings settings) =>
        services.AddPorts(AwsPorts.Open(config, "changemgmt-server"), settings.Worker);
}
