using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>Local mode: drains every customer's queue in the background, as the SQS event source does on AWS.</summary>
public sealed class QueueWorkerService(QueueWorker worker, LoadedConfig config) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        worker.RunAsync(config.Config.CustomerMappings.Keys, stoppingToken);
}
