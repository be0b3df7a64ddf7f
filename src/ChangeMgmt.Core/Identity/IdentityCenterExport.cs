using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChangeMgmt.Core.Json;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Identity;

/// <summary>An export read back: where it is, whose store it is, when it was taken, and what it holds.</summary>
public sealed record IdentityCenterExportFile(string Path, string IdentityStoreId, string? CustomerCode, DateTimeOffset ExportedAt, IdentityCenterSnapshot Snapshot);

/// <summary>
/// Export data files: <c>identity-center-{identityStoreId}-{yyyyMMddTHHmmssZ}.json</c>, camelCase JSON
/// with <c>identityStoreId</c>, <c>customerCode</c>, <c>exportedAt</c>, <c>users</c>, <c>groups</c>,
/// <c>memberships</c>. The newest file (by the time in its name) wins.
/// </summary>
public static partial class IdentityCenterExport
{
    private const string TimeFormat = "yyyyMMdd'T'HHmmss'Z'";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, TypeInfoResolver = IdentityJsonContext.Default };

    internal sealed record Document(
        string IdentityStoreId,
        string? CustomerCode,
        DateTimeOffset ExportedAt,
        IReadOnlyList<IdentityUser> Users,
        IReadOnlyList<IdentityGroup> Groups,
        IReadOnlyList<GroupMembership> Memberships);

    public static string FileName(string identityStoreId, DateTimeOffset time) =>
        $"identity-center-{identityStoreId}-{time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)}.json";

    /// <summary>Writes the snapshot (whole file or nothing: written aside, then moved in); returns the file's path.</summary>
    public static async Task<string> WriteAsync(IdentityCenterSnapshot snapshot, string directory, DateTimeOffset time, string? customerCode = null, CancellationToken ct = default)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName(snapshot.IdentityStoreId, time));
        var partial = path + ".partial";
        var document = new Document(snapshot.IdentityStoreId, customerCode, time.ToUniversalTime(), snapshot.Users, snapshot.Groups, snapshot.Memberships);
        await using (var stream = File.Create(partial))
            await JsonSerializer.SerializeAsync(stream, document, Json.TypeInfo<Document>(), ct);
        File.Move(partial, path, overwrite: true);
        return path;
    }

    /// <summary>The export files in a directory, newest first (none when it does not exist).</summary>
    public static IReadOnlyList<(string Path, string IdentityStoreId, DateTimeOffset ExportedAt)> List(string directory)
    {
        if (!Directory.Exists(directory)) return [];
        return [.. Directory.EnumerateFiles(directory, "identity-center-*.json")
            .Select(path => (Path: path, Match: FileNamePattern().Match(System.IO.Path.GetFileName(path))))
            .Where(f => f.Match.Success)
            .Select(f => (f.Path, f.Match.Groups["id"].Value,
                new DateTimeOffset(DateTime.ParseExact(f.Match.Groups["time"].Value, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero)))
            .OrderByDescending(f => f.Item3)
            .ThenBy(f => f.Path, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The newest export in the directory, of that customer when <paramref name="customerCode"/> is given
    /// (files that name no customer then do not count); null when there is none.
    /// </summary>
    public static IdentityCenterExportFile? ReadLatest(string directory, string? customerCode = null)
    {
        foreach (var (path, _, _) in List(directory))
        {
            var file = Read(path);
            if (customerCode is null || string.Equals(file.CustomerCode, customerCode, StringComparison.OrdinalIgnoreCase)) return file;
        }
        return null;
    }

    public static IdentityCenterExportFile Read(string path)
    {
        Document? document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonSerializer.Deserialize(stream, Json.TypeInfo<Document>());
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not an identity center export: {ex.Message}", ex);
        }
        if (document is null || string.IsNullOrWhiteSpace(document.IdentityStoreId))
            throw new InvalidDataException($"{path} is not an identity center export: it has no identityStoreId.");
        var snapshot = new IdentityCenterSnapshot(document.IdentityStoreId, document.Users ?? [], document.Groups ?? [], document.Memberships ?? []);
        return new IdentityCenterExportFile(path, document.IdentityStoreId, document.CustomerCode, document.ExportedAt, snapshot);
    }

    [GeneratedRegex(@"^identity-center-(?<id>.+)-(?<time>\d{8}T\d{6}Z)\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
