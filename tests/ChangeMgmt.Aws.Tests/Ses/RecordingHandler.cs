using System.Collections.Concurrent;

namespace ChangeMgmt.Aws.Tests.Ses;

/// <summary>The transport under the signing handler: records each request's URI exactly as sent (WireMock logs paths decoded).</summary>
internal sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    public ConcurrentQueue<string> SentUris { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        SentUris.Enqueue(request.RequestUri!.PathAndQuery);
        return base.SendAsync(request, cancellationToken);
    }
}
