namespace ChangeMgmt.Core.Administration;

/// <summary>Backup files: each under a new name in its directory, never over another, written atomically.</summary>
internal static class BackupFiles
{
    public static async Task<string> WriteNewAsync(string directory, string stem, byte[] content, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{stem}-{Guid.NewGuid():n}.tmp");
        await File.WriteAllBytesAsync(temporary, content, ct);
        for (var n = 1; ; n++)
        {
            var path = Path.Combine(directory, n == 1 ? stem + ".json" : $"{stem}-{n}.json");
            try
            {
                // CreateNew reserves the name atomically (O_EXCL); the rename then puts the whole content in place at once.
                new FileStream(path, FileMode.CreateNew, FileAccess.Write).Dispose();
            }
            catch (IOException) when (File.Exists(path))
            {
                continue;
            }
            File.Move(temporary, path, overwrite: true);
            return path;
        }
    }
}
