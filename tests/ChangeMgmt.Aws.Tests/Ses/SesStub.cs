using System.Text.Json.Nodes;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChangeMgmt.Aws.Tests.Ses;

/// <summary>A WireMock stand-in for the SES v2 REST API, for what moto does not implement.</summary>
internal sealed class SesStub : IDisposable
{
    public const string RequestId = "8f3b4c2e-1d2a-4b5c-9e7f-0a1b2c3d4e5f";

    public WireMockServer Server { get; } = WireMockServer.Start();

    public AwsEndpoints Endpoints => SesTestCustomers.SesAt(Server.Url!);

    /// <summary>Give this to the account as its transport to see request URIs as they went out.</summary>
    public RecordingHandler Transport { get; } = new();

    public static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"Expected {expected}\nActual   {actual?.ToJsonString()}");

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> with a JSON body (SES answers "{}" when there is nothing to say).</summary>
    public IRespondWithAProvider On(string method, string path, int priority = 5) =>
        Server.Given(Request.Create().WithPath(path).UsingMethod(method)).AtPriority(priority);

    public static IResponseBuilder Json(string body, int status = 200) => Response.Create()
        .WithStatusCode(status)
        .WithHeader("Content-Type", "application/json")
        .WithHeader("x-amzn-RequestId", RequestId)
        .WithBody(body);

    /// <summary>An SES error: status, <c>x-amzn-ErrorType</c> as SES sends it, and a message body.</summary>
    public static IResponseBuilder Error(int status, string errorType, string message) => Json($$"""{"message":"{{message}}"}""", status)
        .WithHeader("x-amzn-ErrorType", $"{errorType}:http://internal.amazon.com/coral/com.amazonaws.sesv2/");

    /// <summary>The requests received, oldest first.</summary>
    public IReadOnlyList<IRequestMessage> Requests =>
        [.. Server.LogEntries.Select(e => e.RequestMessage ?? throw new InvalidOperationException("A log entry without a request.")).OrderBy(r => r.DateTime)];

    public static JsonNode? Body(IRequestMessage request) => request.Body is { Length: > 0 } body ? JsonNode.Parse(body) : null;

    public static string Header(IRequestMessage request, string name) =>
        (request.Headers ?? throw new InvalidOperationException("A request without headers."))
            .First(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value.Single();

    public void Dispose() => Server.Stop();
}
