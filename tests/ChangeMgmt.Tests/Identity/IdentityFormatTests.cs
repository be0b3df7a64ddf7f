using System.Text.Json;
using ChangeMgmt.Core.Identity;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.Identity;

/// <summary>
/// The identity import's contact marker and export files through generated metadata: the same text the previous release
/// wrote (its marker below; its export options, reflection with web settings indented), and read back.
/// </summary>
public sealed class IdentityFormatTests : IDisposable
{
    private static readonly JsonSerializerOptions PreviousExports = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_contact_marker_is_written_as_before_and_read_back()
    {
        var marker = ManagedContactMarker.For("d-1234567890", "user-1");

        Assert.Equal("""{"managedBy":"changemgmt-identity-import","identityStoreId":"d-1234567890","userId":"user-1"}""", marker);
        Assert.Equal(new ManagedContactMarker(ManagedContactMarker.IdentityImport, "d-1234567890", "user-1"), ManagedContactMarker.Read(marker));
        Assert.Null(ManagedContactMarker.Read("""{"managedBy":"someone-else"}"""));
    }

    [Fact]
    public async Task An_export_is_written_as_before_and_read_back()
    {
        var at = new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
        var snapshot = new IdentityCenterSnapshot("d-1234567890",
            [new IdentityUser("user-1", "jane", "Jane Doe", [new IdentityEmail("jane@acme.example", "work", true)], true, new IdentityName(GivenName: "Jane", FamilyName: "Doe"))],
            [new IdentityGroup("group-1", "CCOE-acme-security", null)],
            [new GroupMembership("m-1", "group-1", "user-1")]);

        var path = await IdentityCenterExport.WriteAsync(snapshot, temp.Path, at, "acme");

        var document = new IdentityCenterExport.Document(snapshot.IdentityStoreId, "acme", at, snapshot.Users, snapshot.Groups, snapshot.Memberships);
        Assert.Equal(JsonSerializer.Serialize(document, PreviousExports), await File.ReadAllTextAsync(path));
        var read = IdentityCenterExport.Read(path);
        Assert.Equal(("d-1234567890", "acme", at), (read.IdentityStoreId, read.CustomerCode, read.ExportedAt));
        Assert.Equal(JsonSerializer.Serialize(snapshot, PreviousExports), JsonSerializer.Serialize(read.Snapshot, PreviousExports));
    }
}
