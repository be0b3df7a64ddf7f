using System.Collections.Concurrent;

namespace ChangeMgmt.Aws.Tests.Identity;

/// <summary>
/// The innermost handler (below signing): keeps each signed request's headers as it leaves and
/// lets a test await a number of sent requests.
/// </summary>
public sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly Lock gate = new();
    private readonly List<(int Count, TaskCompletionSource Done)> waiters = [];

    public ConcurrentQueue<SentRequest> Sent { get; } = new();

    public int Count => Sent.Count;

    /// <summary>Completes once at least <paramref name="count"/> requests have been sent.</summary>
    public Task WhenSentAsync(int count)
    {
        lock (gate)
        {
            if (Sent.Count >= count) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((count, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        lock (gate)
        {
            Sent.Enqueue(new SentRequest(headers, body));
            foreach (var waiter in waiters.Where(w => Sent.Count >= w.Count).ToList())
            {
                waiters.Remove(waiter);
                waiter.Done.TrySetResult();
            }
        }
        return await base.SendAsync(request, cancellationToken);
    }
}

public sealed record SentRequest(IReadOnlyDictionary<string, string> Headers, string Body);
