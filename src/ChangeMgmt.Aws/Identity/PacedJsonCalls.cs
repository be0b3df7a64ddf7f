using ChangeMgmt.Core.Resilience;
using System.Text.Json.Nodes;
using ChangeMgmt.Core.Delivery;

namespace ChangeMgmt.Aws.Identity;

/// <summary>A JSON 1.1 or REST call that waits for its turn at the pacer on every attempt, retrying what is retryable (honouring Retry-After).</summary>
internal sealed class PacedJsonCalls(SignedJsonClient client, AwsSettings settings) : IDisposable
{
    public Task<JsonNode?> CallAsync(string target, object body, CallPacer pacer, CancellationToken ct) =>
        PacedAsync(() => client.TargetAsync(target, body, ct), pacer, ct);

    public Task<JsonNode?> PostAsync(string path, object body, CallPacer pacer, CancellationToken ct) =>
        PacedAsync(() => client.RestAsync(HttpMethod.Post, path, body, ct), pacer, ct);

    private Task<JsonNode?> PacedAsync(Func<Task<JsonNode?>> call, CallPacer pacer, CancellationToken ct) =>
        AwsRetry.RunAsync(async () =>
        {
            await pacer.WaitAsync(ct);
            return await call();
        }, settings.Retry, settings.Time, ct);

    public void Dispose() => client.Dispose();
}
