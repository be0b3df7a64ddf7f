using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChangeMgmt.Bench;

/// <summary>The real server (ChangeMgmt.Lambda.dll beside the bench) in local mode on a free loopback port, with the examples' config.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(string dataDirectory, string[] extraArgs)
    {
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var examples = Path.Combine(AppContext.BaseDirectory, "examples");
        process = new Process
        {
            StartInfo = new ProcessStartInfo("dotnet")
            {
                ArgumentList =
                {
                    Path.Combine(AppContext.BaseDirectory, "ChangeMgmt.Lambda.dll"), "--urls", BaseAddress.ToString().TrimEnd('/'),
                    "--data-dir", dataDirectory, "--config", Path.Combine(examples, "config.json"),
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            },
            EnableRaisingEvents = true,
        };
        foreach (var arg in extraArgs) process.StartInfo.ArgumentList.Add(arg);
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException("The server exited before it listened."));
    }

    public Uri BaseAddress { get; }

    public static async Task<ServerProcess> StartAsync(string dataDirectory, params string[] extraArgs)
    {
        var server = new ServerProcess(dataDirectory, extraArgs);
        server.process.Start();
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        await server.started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line?.Contains("Now listening on", StringComparison.Ordinal) == true) started.TrySetResult();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
