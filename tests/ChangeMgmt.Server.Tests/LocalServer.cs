using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ChangeMgmt.Server.Tests;

/// <summary>
/// The real server process in local mode, on a free loopback port, with its own config directory
/// and data directory. Ready once the server says it started listening.
/// </summary>
public sealed class LocalServer : IAsyncDisposable
{
    private readonly string[] extraArgs;
    private readonly IReadOnlyDictionary<string, string>? environment;
    private readonly List<string> output = [];
    private Process process;
    private TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LocalServer(string root, int port, string[] extraArgs, IReadOnlyDictionary<string, string>? environment)
    {
        Root = root;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        this.extraArgs = extraArgs;
        this.environment = environment;
        process = NewProcess();
    }

    private Process NewProcess()
    {
        var created = new Process
        {
            StartInfo = ServerCommand.StartInfo(["--urls", BaseAddress.ToString().TrimEnd('/'), "--data-dir", DataDirectory, "--config", ConfigPath, .. extraArgs]),
        };
        created.StartInfo.WorkingDirectory = Root;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) created.StartInfo.Environment[name] = value;
        var starting = started;
        created.OutputDataReceived += (_, e) => OnLine(e.Data);
        created.ErrorDataReceived += (_, e) => OnLine(e.Data);
        created.Exited += (_, _) => starting.TrySetException(new InvalidOperationException("The server exited:\n" + Output));
        created.EnableRaisingEvents = true;
        return created;
    }

    public string Root { get; }
    public string ConfigDirectory => Path.Combine(Root, "config");
    public string ConfigPath => Path.Combine(ConfigDirectory, "config.json");
    public string DataDirectory => Path.Combine(Root, "data");
    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public string Output { get { lock (output) return string.Join('\n', output); } }

    public IReadOnlyList<string> OutputLines { get { lock (output) return [.. output]; } }

    /// <summary>Starts a server with the repository's examples, letting the test adjust the config directory first.</summary>
    public static Task<LocalServer> StartAsync(Action<string>? prepareConfig = null, params string[] extraArgs) =>
        StartAsync(prepareConfig, null, extraArgs);

    /// <summary>As above, with extra environment variables for the server process (AWS mode: endpoints, credentials).</summary>
    public static async Task<LocalServer> StartAsync(Action<string>? prepareConfig, IReadOnlyDictionary<string, string>? environment, params string[] extraArgs)
    {
        var root = Directory.CreateTempSubdirectory("changemgmt-e2e-").FullName;
        var server = new LocalServer(root, FreePort(), extraArgs, environment);
        CopyExamples(server.ConfigDirectory);
        prepareConfig?.Invoke(server.ConfigDirectory);
        await server.RunAsync();
        return server;
    }

    private async Task RunAsync()
    {
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>SIGKILL, as a crash: nothing is flushed, no claim released, no message settled.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>A new server process on the same port, config and data directory.</summary>
    public async Task RestartAsync()
    {
        process.Dispose();
        lock (output) output.Add("---- restarted ----");
        started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        process = NewProcess();
        await RunAsync();
    }

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        return await ReadAsync(response, HttpStatusCode.OK);
    }

    public async Task<JsonNode> PostJsonAsync(string path, object? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Http.PostAsJsonAsync(path, body);
        return await ReadAsync(response, expected);
    }

    public static Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected) =>
        HttpChecks.ReadAsync(response, expected);

    /// <summary>Polls an observable condition of the server until it holds (the worker runs on its own).</summary>
    public Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null) =>
        HttpChecks.EventuallyAsync(read, done, what, timeout, () => $"Server output:\n{Output}");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (output) output.Add(line);
        if (line.Contains("Application started", StringComparison.Ordinal) || line.Contains("Now listening on", StringComparison.Ordinal))
            started.TrySetResult();
    }

    private static void CopyExamples(string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.json"))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
