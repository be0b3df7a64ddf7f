using System.Security.Cryptography;
using ChangeMgmt.Core.Tokens;

namespace ChangeMgmt.Local;

/// <summary>
/// Local mode's token secret: <c>token.key</c> in the data directory, 32 random bytes made on first use, readable by
/// its owner only; the local server and the cmdlets on the same data directory derive the same token keys from it.
/// </summary>
public static class LocalTokenSecret
{
    public const string FileName = "token.key";

    public static TokenKeys Open(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path)) TryCreate(path);
        var bytes = File.ReadAllBytes(path);
        return bytes.Length >= TokenKeys.KeyBytes ? new(bytes)
            : throw new InvalidOperationException($"{path} holds {bytes.Length} bytes, not a token secret; delete it to make a new one (every issued feed URL and preferences link stops working).");
    }

    /// <summary>Written whole under another name, then moved into place: another process may move its own first, and then its secret is the one read.</summary>
    private static void TryCreate(string path)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(temporary, options)) file.Write(RandomNumberGenerator.GetBytes(TokenKeys.KeyBytes));
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
