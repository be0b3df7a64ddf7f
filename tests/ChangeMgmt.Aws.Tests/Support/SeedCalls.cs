using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace ChangeMgmt.Aws.Tests;

/// <summary>
/// The tests' own calls with ad-hoc bodies (anonymous objects, <see cref="JsonObject"/>) that seed moto and stubs: written by
/// reflection with the settings of <see cref="SignedJsonClient.Json"/>, as the product's bodies were before they had generated metadata.
/// </summary>
internal static class SeedCalls
{
    public static readonly JsonSerializerOptions Reflection = new(SignedJsonClient.Json) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private static JsonTypeInfo<object> AnyBody => (JsonTypeInfo<object>)Reflection.GetTypeInfo(typeof(object));

    public static Task<JsonNode?> TargetAsync(this SignedJsonClient client, string target, object body, CancellationToken ct) =>
        client.TargetAsync(target, body, AnyBody, ct);

    public static Task<JsonNode?> RestAsync(this SignedJsonClient client, HttpMethod method, string pathAndQuery, object body, CancellationToken ct) =>
        client.RestAsync(method, pathAndQuery, body, AnyBody, ct);
}
