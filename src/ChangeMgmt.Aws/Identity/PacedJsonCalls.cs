using ChangeMgmt.Core.Resilience;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ChangeMgmt.Core.Delivery;

namespace ChangeMgmt.Aws.Identity;

/// <summary>A JSON 1.1 or REST call that waits for its turn at the pacer on every attempt, retrying what is retryable (honouring Retry-After).</summary>
internal sealed class PacedJsonCalls(SignedJsonClient client, AwsSettings settings) : IDisposable
{
    public Task<JsonNode?> CallAsync<TBody>(string target, TBody body, JsonTypeInfo<TBody> bodyType, CallPacer pacer, CancellationToken ct) =>
        PacedAsync(() => client.TargetAsync(target, body, bodyType, ct), pacer, ct);

    public Task<JsonNode?> PostAsync<TBody>(string path, TBody body, JsonTypeInfo<TBody> bodyType, CallPacer pacer, CancellationToken ct) =>
        PacedAsync(() => client.RestAsync(HttpMethod.Post, path, body, bodyType, ct), pacer, ct);

    private Task<JsonNode?> PacedAsync(Func<Task<JsonNode?>> call, CallPacer pacer, CancellationToken ct) =>
        AwsRetry.RunAsync(async () =>
        {
            await pacer.WaitAsync(ct);
            return await call();
        }, settings.Retry, settings.Time, ct);

    public void Dispose() => client.Dispose();
}
