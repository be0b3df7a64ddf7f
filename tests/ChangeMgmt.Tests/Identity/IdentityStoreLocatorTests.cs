using System.Text.Json;
using ChangeMgmt.Core.Identity;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Tests.Ports;

namespace ChangeMgmt.Tests.Identity;

/// <summary>Export files and where the identity store id comes from: given, newest export, ListInstances.</summary>
public sealed class IdentityStoreLocatorTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 30, 15, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory directory = new();

    private static IdentityCenterSnapshot Snapshot(string store) =>
        new DirectoryBuilder(store).User("jane", "jane@acme.example", null, ContactImportPlannerTests.Security).Snapshot();

    private static IdentityCenterInstance Instance(string store, string name) => new($"arn:aws:sso:::instance/ssoins-{name}", store, name);

    [Fact]
    public async Task An_export_is_named_by_store_and_time_and_reads_back_whole()
    {
        var snapshot = Snapshot("d-1111111111");

        var path = await IdentityCenterExport.WriteAsync(snapshot, directory.Path, T0.ToOffset(TimeSpan.FromHours(2)), "acme");

        Assert.Equal("identity-center-d-1111111111-20260301T093015Z.json", Path.GetFileName(path));
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(directory.Path).Select(Path.GetFileName));
        var text = await File.ReadAllTextAsync(path);
        foreach (var field in new[] { "\"identityStoreId\"", "\"customerCode\": \"acme\"", "\"exportedAt\"", "\"users\"", "\"groups\"", "\"memberships\"" })
            Assert.Contains(field, text, StringComparison.Ordinal);

        var read = IdentityCenterExport.ReadLatest(directory.Path);
        Assert.NotNull(read);
        Assert.Equal(("d-1111111111", "acme", T0), (read.IdentityStoreId, read.CustomerCode, read.ExportedAt));
        Assert.Equal(JsonSerializer.Serialize(snapshot.Users), JsonSerializer.Serialize(read.Snapshot.Users));
        Assert.Equal(snapshot.Groups, read.Snapshot.Groups);
        Assert.Equal(snapshot.Memberships, read.Snapshot.Memberships);
    }

    [Fact]
    public async Task The_explicit_id_wins_over_everything()
    {
        await IdentityCenterExport.WriteAsync(Snapshot("d-1111111111"), directory.Path, T0, "acme");
        var instances = new FixedInstances(Instance("d-3333333333", "a"));

        var location = await IdentityStoreLocator.LocateAsync(" d-9999999999 ", directory.Path, "acme", instances, None);

        Assert.Equal(new IdentityStoreLocation("d-9999999999", IdentityStoreSource.Explicit, null), location);
        Assert.Equal(0, instances.Calls);
    }

    [Fact]
    public async Task The_newest_export_file_wins_by_the_time_in_its_name()
    {
        await IdentityCenterExport.WriteAsync(Snapshot("d-1111111111"), directory.Path, T0, "acme");
        var newest = await IdentityCenterExport.WriteAsync(Snapshot("d-2222222222"), directory.Path, T0.AddSeconds(1), "acme");
        await IdentityCenterExport.WriteAsync(Snapshot("d-0000000000"), directory.Path, T0.AddDays(-1), "acme");
        File.SetLastWriteTimeUtc(newest, T0.AddYears(-1).UtcDateTime);
        directory.Write("identity-center-notes.json", "{}");
        directory.Write("identity-center-d-5555555555-latest.json", "{}");
        var instances = new FixedInstances(Instance("d-3333333333", "a"));

        var location = await IdentityStoreLocator.LocateAsync(null, directory.Path, null, instances, None);

        Assert.Equal(new IdentityStoreLocation("d-2222222222", IdentityStoreSource.ExportFile, newest), location);
        Assert.Equal(0, instances.Calls);
    }

    [Fact]
    public async Task With_a_customer_only_that_customer_exports_count()
    {
        var acme = await IdentityCenterExport.WriteAsync(Snapshot("d-1111111111"), directory.Path, T0, "acme");
        await IdentityCenterExport.WriteAsync(Snapshot("d-2222222222"), directory.Path, T0.AddHours(1), "globex");
        await IdentityCenterExport.WriteAsync(Snapshot("d-4444444444"), directory.Path, T0.AddHours(2));

        Assert.Equal(acme, (await IdentityStoreLocator.LocateAsync(null, directory.Path, "ACME", null, None)).Detail);
        Assert.Equal("d-2222222222", (await IdentityStoreLocator.LocateAsync(null, directory.Path, "globex", null, None)).IdentityStoreId);
        Assert.Equal("d-4444444444", (await IdentityStoreLocator.LocateAsync(null, directory.Path, null, null, None)).IdentityStoreId);
        Assert.Null(IdentityCenterExport.ReadLatest(directory.Path, "initech"));
    }

    [Fact]
    public async Task Without_an_export_the_only_instance_gives_the_store()
    {
        var instances = new FixedInstances(Instance("d-3333333333", "a"));

        var location = await IdentityStoreLocator.LocateAsync(null, directory.File("missing"), "acme", instances, None);

        Assert.Equal(new IdentityStoreLocation("d-3333333333", IdentityStoreSource.ListInstances, "arn:aws:sso:::instance/ssoins-a"), location);
    }

    [Fact]
    public async Task More_than_one_instance_or_none_is_an_error_naming_what_there_is()
    {
        var two = new FixedInstances(Instance("d-3333333333", "a"), Instance("d-4444444444", "b"));

        var many = await Assert.ThrowsAsync<IdentityStoreNotFoundException>(() => IdentityStoreLocator.LocateAsync(null, directory.Path, "acme", two, None));
        var none = await Assert.ThrowsAsync<IdentityStoreNotFoundException>(() => IdentityStoreLocator.LocateAsync(null, directory.Path, "acme", new FixedInstances(), None));
        var nothing = await Assert.ThrowsAsync<IdentityStoreNotFoundException>(() => IdentityStoreLocator.LocateAsync(null, null, null, null, None));

        Assert.Contains("d-3333333333", many.Message, StringComparison.Ordinal);
        Assert.Contains("d-4444444444", many.Message, StringComparison.Ordinal);
        Assert.StartsWith("acme: ", many.Message, StringComparison.Ordinal);
        Assert.Contains("no IAM Identity Center instance", none.Message, StringComparison.Ordinal);
        Assert.Contains("-IdentityStoreId", nothing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_export_is_an_error_naming_the_file()
    {
        var path = directory.Write("identity-center-d-1111111111-20260301T093015Z.json", "{ not json");

        var error = Assert.Throws<InvalidDataException>(() => IdentityCenterExport.ReadLatest(directory.Path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => directory.Dispose();
}
