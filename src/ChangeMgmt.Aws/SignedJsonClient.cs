using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace ChangeMgmt.Aws;

/// <summary>
/// SigV4-signed HTTP for the services whose SDK packages are not available here (SES v2 REST,
/// Identity Store and SSO Admin JSON 1.1): AWSSDK.Core's <see cref="SigV4SigningHandler"/> signs
/// every request with credentials resolved per request. Errors become typed core errors.
/// </summary>
public sealed class SignedJsonClient : IDisposable
{
    /// <summary>The AWS JSON APIs' spelling: names as declared (PascalCase), nulls left out; resolves the bodies of <see cref="AwsJsonContext"/>.</summary>
    public static readonly JsonSerializerOptions Json = AwsJsonContext.Wire.Options;

    private readonly HttpClient http;
    private readonly string? customerCode;

    /// <param name="log">Each call's operation, status and time (debug).</param>
    public SignedJsonClient(AWSCredentials credentials, string region, string signingName, Uri endpoint, string? customerCode, HttpMessageHandler? inner = null,
        Microsoft.Extensions.Logging.ILogger? log = null)
    {
        this.customerCode = customerCode;
        HttpMessageHandler signer = new SigV4SigningHandler(credentials, RegionEndpoint.GetBySystemName(region), signingName, inner ?? new SocketsHttpHandler());
        if (log is not null) signer = new CallLogHandler(log, customerCode, signer);
        http = new HttpClient(signer) { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A REST call (SES v2) without a body: method and path; returns the JSON answer (or null for an empty one).</summary>
    public async Task<JsonNode?> RestAsync(HttpMethod method, string pathAndQuery, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        return await SendAsync(request, ct);
    }

    /// <summary>A REST call (SES v2, Account) with a JSON body written by <paramref name="bodyType"/>.</summary>
    public async Task<JsonNode?> RestAsync<TBody>(HttpMethod method, string pathAndQuery, TBody body, JsonTypeInfo<TBody> bodyType, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery)
        {
            Content = new StringContent(JsonSerializer.Serialize(body, bodyType), Encoding.UTF8, "application/json"),
        };
        return await SendAsync(request, ct);
    }

    /// <summary>A JSON 1.1 call (<c>X-Amz-Target: {target}</c>), as Identity Store, SSO Admin and Organizations take.</summary>
    public async Task<JsonNode?> TargetAsync<TBody>(string target, TBody body, JsonTypeInfo<TBody> bodyType, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new StringContent(JsonSerializer.Serialize(body, bodyType), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        return await SendAsync(request, ct);
    }

    private async Task<JsonNode?> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode)
            return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        throw Error(response, text);
    }

    private Exception Error(HttpResponseMessage response, string text)
    {
        JsonNode? body = null;
        try { body = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text); } catch (JsonException) { }
        var code = Header(response, "x-amzn-ErrorType")?.Split(':')[0]
            ?? (string?)body?["__type"] ?? (string?)body?["code"] ?? (string?)body?["Code"];
        if (code?.Contains('#') == true) code = code[(code.LastIndexOf('#') + 1)..];
        var message = (string?)body?["message"] ?? (string?)body?["Message"] ?? text;
        var requestId = Header(response, "x-amzn-RequestId") ?? Header(response, "x-amz-request-id");
        var request = response.RequestMessage;
        var operation = request is null ? null
            : request.Headers.TryGetValues("X-Amz-Target", out var target) ? target.First()
            : $"{request.Method} {request.RequestUri?.AbsolutePath}";
        var error = AwsErrors.Create(code, response.StatusCode, message, customerCode, requestId, operation: operation);
        return error.Kind == Core.Errors.ServiceErrorKind.Throttled
            ? new ThrottledException(error.Message, customerCode, requestId, code, RetryAfter(response))
            : error;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);

    public void Dispose() => http.Dispose();
}
