using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ChangeMgmt.Aws.Tests.Support;

/// <summary>
/// <c>python3 -m moto.server</c> on a free loopback port, started by the test run and shared by a
/// test collection. Ready once it answers; <see cref="ResetAsync"/> clears every service's state.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    private Process? process;
    private readonly List<string> output = [];

    public Uri Endpoint { get; private set; } = null!;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process = new Process
        {
            StartInfo = new ProcessStartInfo("python3")
            {
                ArgumentList = { "-m", "moto.server", "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            },
            EnableRaisingEvents = true,
        };
        void OnLine(string? line)
        {
            if (line is null) return;
            lock (output) output.Add(line);
            if (line.Contains("Running on", StringComparison.Ordinal)) ready.TrySetResult();
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("moto.server exited:\n" + string.Join('\n', output)));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Environment-style lookup that points every AWS client of ChangeMgmt at this server.</summary>
    public AwsEndpoints Endpoints => new(name => name == "AWS_ENDPOINT_URL" ? Endpoint.ToString().TrimEnd('/') : null);

    public async Task ResetAsync() => (await Http.PostAsync(new Uri(Endpoint, "/moto-api/reset"), null)).EnsureSuccessStatusCode();

    /// <summary>
    /// moto's record of everything sent through SES (<c>ses.Message</c>, <c>ses.RawMessage</c>, …).
    /// moto answers 500 when its state changes while it serialises it (a send in flight), so a 500
    /// is asked again, a bounded number of times.
    /// </summary>
    public async Task<JsonNode> DataAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await Http.GetAsync(new Uri(Endpoint, "/moto-api/data.json"));
            if (response.IsSuccessStatusCode || attempt == 20 || (int)response.StatusCode < 500)
                return JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!;
            await Task.Delay(TimeSpan.FromMilliseconds(50)); // a fault of the peer, not a wait for our code
        }
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
