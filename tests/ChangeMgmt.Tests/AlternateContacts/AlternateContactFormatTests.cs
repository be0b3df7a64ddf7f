using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeMgmt.Core.AlternateContacts;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Tests.Ports;

namespace ChangeMgmt.Tests.AlternateContacts;

/// <summary>
/// What alternate contacts keep, written through generated metadata, is byte for byte what the previous release wrote by
/// reflection with its options (below): the backup files, and the reports, requests, holds and progress in the bucket.
/// </summary>
public sealed class AlternateContactFormatTests : IDisposable
{
    private static readonly JsonSerializerOptions PreviousBackups = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly JsonSerializerOptions PreviousReports = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    private static readonly DateTimeOffset At = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);

    private static readonly AccountContact Billing =
        new("acme", "210000000001", "acme-management", true, AlternateContactType.Billing, new("Acme Finance", "CFO", "finance@acme.example", "+1 (415) 555-0100"));

    private static readonly AccountContact NoSecurity = new("acme", "210000000002", "acme-prod", false, AlternateContactType.Security, null);

    private static readonly ContactFailure Failure = new("acme", "210000000003", "Access denied.", "Grant account:GetAlternateContact.");

    private readonly TempDirectory temp = new();
    private readonly ManualClock clock = new();
    private readonly InMemoryObjectStore store = new();
    private readonly LoadedConfig config = new(new ChangeMgmtConfig
    {
        CustomerMappings = new() { ["acme"] = new() { CustomerCode = "acme", CustomerName = "Acme", ContactConfig = new() { SecurityEmail = "soc@msp.example" } } },
    }, new SesConfig(), [], "test/config.json", "test/SESConfig.json");

    public void Dispose() => temp.Dispose();

    private AlternateContactReports Reports => new(store, config, clock);

    private CustomerConfig Acme => config.Config.CustomerMappings["acme"];

    private async Task<string> StoredAsync(string suffix) =>
        Encoding.UTF8.GetString((await store.GetAsync($"{StorageLayout.AlternateContactsPrefix}acme{suffix}", default))!.Content);

    private static string Previously<T>(T value, JsonSerializerOptions options) => Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(value, options));

    [Fact]
    public async Task A_backup_is_written_as_the_previous_release_wrote_it_and_one_it_wrote_reads_with_its_hash_checked()
    {
        var backup = new AlternateContactBackup(AlternateContactBackup.CurrentFormat, At, "before set", [Billing, NoSecurity]);
        var hash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(backup, PreviousBackups)));
        var previous = Previously(backup with { Sha256 = hash }, PreviousBackups);

        var path = await backup.WriteAsync(temp.Path, default);

        Assert.Equal(previous, await File.ReadAllTextAsync(path));
        await File.WriteAllTextAsync(temp.File("previous.json"), previous);
        Assert.Equal([Billing, NoSecurity], AlternateContactBackup.Read(temp.File("previous.json")).Contacts);
        Assert.Contains("\"type\": \"Billing\"", previous);
    }

    [Fact]
    public async Task A_report_and_a_request_are_stored_as_before_and_read_back()
    {
        var report = new ContactReport("acme", "Acme", ContactReportState.Checked, At, 3, 1, 1, 1,
            [new DriftingAccount("210000000002", "acme-prod", false, [new ContactDifference(AlternateContactType.Security, null, new("MSP SOC", "soc@msp.example"))])],
            [Failure]);

        await Reports.SaveAsync(report, At, default);
        var request = await Reports.RequestAsync(Acme, "admin@msp.example", default);

        Assert.Equal(Previously(report, PreviousReports), await StoredAsync(".json"));
        Assert.Equal(Previously(request, PreviousReports), await StoredAsync(".requested.json"));
        Assert.Contains("\"state\":\"checked\"", await StoredAsync(".json"));
        var read = await Reports.GetAsync(Acme, default);
        Assert.Equal(Previously(report with { CheckRequestedAt = request.RequestedAt }, PreviousReports), Previously(read, PreviousReports));
    }

    [Fact]
    public async Task A_checks_progress_and_hold_are_stored_as_before_and_read_back()
    {
        var progress = new ContactCheckProgress(At, "210000000001", [new OrganizationAccount("210000000002", "acme-prod", "prod@acme.example", "ACTIVE")], 1,
            [Billing, NoSecurity], [Failure]);

        await Reports.SaveProgressAsync("acme", progress, default);
        Assert.True(await Reports.TryClaimAsync(Acme, TimeSpan.FromMinutes(5), default));

        Assert.Equal(Previously(progress, PreviousReports), await StoredAsync(".progress.json"));
        Assert.Equal(Previously(new ContactCheckClaim(clock.GetUtcNow().AddMinutes(5)), PreviousReports), await StoredAsync(".checking.json"));
        Assert.False(await Reports.TryClaimAsync(Acme, TimeSpan.FromMinutes(5), default));
        Assert.Equal(Previously(progress, PreviousReports), Previously(await Reports.ProgressAsync(Acme, default), PreviousReports));
    }
}
