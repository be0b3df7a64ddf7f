using System.Text.Json;
using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;
using static ChangeMgmt.Tests.Administration.AdminWorld;

namespace ChangeMgmt.Tests.Administration;

public sealed class SuppressionServiceTests : AdminWorldTests
{
    private readonly SuppressionService suppression;

    public SuppressionServiceTests() => suppression = new(World.Adapters.SesAccounts);

    [Fact]
    public async Task Removing_an_address_keeps_its_entry_in_a_file_and_takes_it_off_the_list()
    {
        var added = await suppression.AddAsync(Acme, "Bounced+x@acme.example", SuppressionReason.Bounce, default);
        await suppression.AddAsync(Acme, "kept@acme.example", SuppressionReason.Complaint, default);

        var path = await suppression.RemoveAsync(Acme, "bounced+x@acme.example", World.Backups, default);

        Assert.Equal(Path.Combine(World.Backups.Directory, "acme-suppression-Bounced_x@acme.example-20261130T140000000Z.json"), path);
        Assert.Equal([path], World.BackupFiles());
        using var saved = JsonDocument.Parse(await File.ReadAllBytesAsync(path));
        Assert.Equal(("acme", "Bounced+x@acme.example", "BOUNCE"),
            (saved.RootElement.GetProperty("customerCode").GetString(), saved.RootElement.GetProperty("emailAddress").GetString(), saved.RootElement.GetProperty("reason").GetString()));
        Assert.Equal(added.LastUpdateTime, saved.RootElement.GetProperty("lastUpdateTime").GetDateTimeOffset());
        var remaining = await suppression.ListAsync(Acme, null, default).ToListAsync();
        Assert.Equal(["kept@acme.example"], remaining.Select(s => s.EmailAddress));
    }

    [Fact]
    public async Task The_entry_is_saved_before_it_is_deleted_so_a_failed_delete_loses_nothing()
    {
        await suppression.AddAsync(Acme, "jane@acme.example", SuppressionReason.Complaint, default);
        var accounts = new FailingAccounts(World.Adapters.SesAccounts, nameof(ISesAccount.DeleteSuppressedDestinationAsync),
            new ServiceException(ServiceErrorKind.Unavailable, "SES is unavailable", "acme"));

        await Assert.ThrowsAsync<ServiceException>(() => new SuppressionService(accounts).RemoveAsync(Acme, "jane@acme.example", World.Backups, default));

        Assert.Contains("\"reason\": \"COMPLAINT\"", await File.ReadAllTextAsync(Assert.Single(World.BackupFiles())));
        Assert.Equal(SuppressionReason.Complaint, (await suppression.GetAsync(Acme, "jane@acme.example", default)).Reason);
    }

    [Fact]
    public async Task Removing_an_address_that_is_not_suppressed_is_not_found_and_writes_no_file()
    {
        await suppression.AddAsync(Acme, "jane@acme.example", SuppressionReason.Bounce, default);

        var ex = await Assert.ThrowsAsync<ServiceException>(() => suppression.RemoveAsync(Acme, "raj@acme.example", World.Backups, default));

        Assert.Equal(ServiceErrorKind.NotFound, ex.Kind);
        Assert.Empty(World.BackupFiles());
        Assert.Single(await suppression.ListAsync(Acme, null, default).ToListAsync());
    }

    [Fact]
    public async Task Listing_by_reason_returns_only_that_reason()
    {
        await suppression.AddAsync(Acme, "a@acme.example", SuppressionReason.Bounce, default);
        await suppression.AddAsync(Acme, "b@acme.example", SuppressionReason.Complaint, default);
        await suppression.AddAsync(Globex, "c@globex.example", SuppressionReason.Complaint, default);

        var complaints = await suppression.ListAsync(Acme, SuppressionReason.Complaint, default).ToListAsync();

        Assert.Equal([new CustomerSuppression("acme", "b@acme.example", SuppressionReason.Complaint, World.Clock.GetUtcNow())], complaints);
    }
}
