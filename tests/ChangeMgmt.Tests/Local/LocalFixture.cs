using ChangeMgmt.Local;

namespace ChangeMgmt.Tests.Local;

/// <summary>A fresh local backend over a temporary data directory, deleted on dispose.</summary>
public sealed class LocalFixture : IDisposable
{
    public const string Bucket = "msp-change-metadata-example";

    public LocalFixture(Func<LocalAdapterOptions, LocalAdapterOptions>? configure = null)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "changemgmt-local-tests", Guid.NewGuid().ToString("N"));
        var options = new LocalAdapterOptions { Time = Time };
        Adapters = new LocalAdapters(DataDirectory, Bucket, configure?.Invoke(options) ?? options);
    }

    public ManualClock Time { get; } = new(new DateTimeOffset(2026, 11, 30, 14, 20, 46, 311, TimeSpan.Zero));

    public string DataDirectory { get; }

    public LocalAdapters Adapters { get; }

    public void Dispose()
    {
        Adapters.Dispose();
        if (Directory.Exists(DataDirectory))
            Directory.Delete(DataDirectory, recursive: true);
    }
}
