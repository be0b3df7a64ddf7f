using System.Security.Cryptography;
using ChangeMgmt.Core.CalendarFeeds;

namespace ChangeMgmt.Local;

/// <summary>
/// Local mode's calendar feed key: <c>calendar-feed.key</c> in the data directory, 32 random bytes made on first
/// use, readable by its owner only; the local server and the cmdlets on the same data directory share it.
/// </summary>
public sealed class LocalFeedKey : ICalendarFeedKey
{
    public const string FileName = "calendar-feed.key";
    private readonly byte[] key;

    private LocalFeedKey(byte[] key) => this.key = key;

    public ReadOnlySpan<byte> Key => key;

    public static LocalFeedKey Open(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path)) TryCreate(path);
        var bytes = File.ReadAllBytes(path);
        return bytes.Length >= DerivedFeedKey.KeyBytes ? new(bytes)
            : throw new InvalidOperationException($"{path} holds {bytes.Length} bytes, not a calendar feed key; delete it to make a new one (every issued feed URL stops working).");
    }

    /// <summary>Written whole under another name, then moved into place: another process may move its own first, and then its key is the one read.</summary>
    private static void TryCreate(string path)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(temporary, options)) file.Write(RandomNumberGenerator.GetBytes(DerivedFeedKey.KeyBytes));
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
