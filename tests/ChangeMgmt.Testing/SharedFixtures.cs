namespace ChangeMgmt.Testing;

/// <summary>
/// The shared fixtures live beside the repository (<c>../shared/fixtures</c> from the folder holding
/// ChangeMgmt.slnx); CI clones them read-only there. A missing folder fails the test, it never skips it.
/// </summary>
public static class SharedFixtures
{
    private static readonly Lazy<string> Directory = new(Locate);

    public static string Dir => Directory.Value;

    public static string PathOf(string name)
    {
        var path = System.IO.Path.Combine(Dir, name);
        if (!File.Exists(path))
            throw new InvalidOperationException($"The shared fixture '{name}' is missing: expected it at {path}.");
        return path;
    }

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ChangeMgmt.slnx")))
                return dir.FullName;
        throw new InvalidOperationException(
            $"No folder above {AppContext.BaseDirectory} contains ChangeMgmt.slnx, so the repository root (and ../shared/fixtures beside it) cannot be found.");
    }

    private static string Locate()
    {
        var root = RepositoryRoot();
        var fixtures = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, "..", "shared", "fixtures"));
        if (!System.IO.Directory.Exists(fixtures))
            throw new InvalidOperationException(
                $"The shared fixtures folder does not exist: expected {fixtures} (../shared/fixtures beside the repository root {root}). " +
                "Clone or mount the shared folder beside the repository.");
        return fixtures;
    }
}

/// <summary>A fresh temporary folder, deleted afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "changemgmt-core-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string content)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public string CopyFixture(string name)
    {
        var path = File(name);
        System.IO.File.Copy(SharedFixtures.PathOf(name), path);
        return path;
    }

    /// <summary>The users' config.json with <paramref name="edit"/> applied, and SESConfig.json beside it, loaded (a ConfigException lists the problems).</summary>
    public ChangeMgmt.Core.Configuration.LoadedConfig LoadEditedConfig(Action<System.Text.Json.Nodes.JsonObject> edit)
    {
        var fixture = System.Text.Json.Nodes.JsonNode.Parse(SharedFixtures.Bytes("config.json"))!.AsObject();
        edit(fixture);
        System.IO.File.WriteAllText(File("config.json"), fixture.ToJsonString());
        if (!System.IO.File.Exists(File(ChangeMgmt.Core.Configuration.ConfigLoader.SesConfigFileName))) CopyFixture(ChangeMgmt.Core.Configuration.ConfigLoader.SesConfigFileName);
        return ChangeMgmt.Core.Configuration.ConfigLoader.Load(File("config.json"));
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// Runs the test body with no SynchronizationContext, so awaits inside the code under test resume
/// inline on the thread that completes what they wait for (e.g. <see cref="ManualClock.Advance"/>).
/// </summary>
public sealed class NoSynchronizationContext : IDisposable
{
    private readonly SynchronizationContext? previous = SynchronizationContext.Current;

    private NoSynchronizationContext() => SynchronizationContext.SetSynchronizationContext(null);

    public static NoSynchronizationContext Enter() => new();

    public void Dispose() => SynchronizationContext.SetSynchronizationContext(previous);
}
