using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;

namespace ChangeMgmt.Tests.Local;

public sealed class LocalDeliveryLedgerTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly DeliveryKey Key = new("acme", "CHG-20261130-7Q2K9D", NotificationKind.ApprovalRequest, 2, "Jane@Acme.example");
    private readonly LocalFixture _fixture = new();

    private LocalDeliveryLedger Ledger => _fixture.Adapters.Ledger;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Outcome_records_are_listed_apart_from_the_deliveries()
    {
        var outcome = DeliveryKey.Outcome(Key.CustomerCode, Key.ChangeId, Key.Kind, Key.Version);
        await Ledger.TryClaimAsync(Key, "aws-approval", Lease, Ct);
        await Ledger.MarkSentAsync(Key, "ses-1", Ct);
        await Ledger.TryClaimAsync(outcome, "aws-approval", Lease, Ct);
        await Ledger.MarkSentAsync(outcome, "processed", Ct);

        Assert.False(Assert.Single(await Ledger.ListAsync(Key.ChangeId, null, Ct)).Key.IsOutcome);
        var listed = Assert.Single(await Ledger.ListWithOutcomesAsync(Key.ChangeId, "acme", Ct), r => r.Key.IsOutcome);
        Assert.Equal((DeliveryKey.OutcomeRecipient, DeliveryState.Sent), (listed.Key.Recipient, listed.State));
        Assert.DoesNotContain(await Ledger.ListWithOutcomesAsync(Key.ChangeId, "globex", Ct), r => r.Key.IsOutcome);
        Assert.Equal(2, (await Ledger.ListWithOutcomesAsync(Key.ChangeId, null, Ct)).Count);
    }

    [Fact]
    public async Task A_released_claim_leaves_no_record_and_can_be_claimed_at_once_but_a_sent_one_stays()
    {
        var other = Key with { Recipient = "bob@acme.example" };
        await Ledger.TryClaimAsync(Key, "aws-approval", Lease, Ct);
        await Ledger.TryClaimAsync(other, "aws-approval", Lease, Ct);
        await Ledger.MarkSentAsync(other, "ses-2", Ct);

        await Ledger.ReleaseAsync(Key, Ct);
        await Ledger.ReleaseAsync(other, Ct);

        var left = Assert.Single(await Ledger.ListAsync(Key.ChangeId, null, Ct));
        Assert.Equal(("bob@acme.example", DeliveryState.Sent), (left.Key.Recipient, left.State));
        Assert.Equal(ClaimResult.Claimed, await Ledger.TryClaimAsync(Key, "aws-approval", Lease, Ct));
    }

    [Fact]
    public async Task A_continuing_outcome_reads_sending_with_its_recipients_and_the_continuation_can_claim_it()
    {
        var outcome = DeliveryKey.Outcome(Key.CustomerCode, Key.ChangeId, Key.Kind, Key.Version);

        await Ledger.MarkContinuingAsync(outcome, "aws-approval", 5000, Ct);
        var continuing = Assert.Single(await Ledger.ListWithOutcomesAsync(Key.ChangeId, "acme", Ct));
        Assert.Equal((DeliveryState.Sending, (int?)5000), (continuing.State, continuing.Recipients));

        Assert.Equal(ClaimResult.Claimed, await Ledger.TryClaimAsync(outcome, "aws-approval", Lease, Ct));
        await Ledger.MarkSentAsync(outcome, "processed", Ct);
        await Ledger.MarkContinuingAsync(outcome, "aws-approval", 1, Ct);
        Assert.Equal(DeliveryState.Sent, Assert.Single(await Ledger.ListWithOutcomesAsync(Key.ChangeId, "acme", Ct)).State);
    }

    [Fact]
    public async Task A_data_file_from_before_the_recipients_column_gets_it_and_keeps_its_records()
    {
        var directory = Directory.CreateTempSubdirectory("changemgmt-ledger-upgrade-").FullName;
        try
        {
            using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(directory, LocalAdapters.DatabaseFileName)};Pooling=False"))
            {
                old.Open();
                using var create = old.CreateCommand();
                create.CommandText = """
                    CREATE TABLE delivery_ledger (customer_code TEXT NOT NULL, change_id TEXT NOT NULL, kind TEXT NOT NULL, version INTEGER NOT NULL,
                        recipient TEXT NOT NULL, topic TEXT NOT NULL, state TEXT NOT NULL, message_id TEXT, error TEXT, attempts INTEGER NOT NULL,
                        claimed_until INTEGER, updated_at INTEGER NOT NULL, PRIMARY KEY (customer_code, change_id, kind, version, recipient));
                    INSERT INTO delivery_ledger VALUES ('acme', 'CHG-20261130-7Q2K9D', 'ApprovalRequest', 2, 'jane@acme.example', 'aws-approval', 'Sent', 'ses-1', NULL, 1, NULL, 0);
                    """;
                create.ExecuteNonQuery();
            }
            using var adapters = new LocalAdapters(directory, LocalFixture.Bucket);
            var outcome = DeliveryKey.Outcome(Key.CustomerCode, Key.ChangeId, Key.Kind, Key.Version);

            await adapters.Ledger.MarkContinuingAsync(outcome, "aws-approval", 7, Ct);

            var records = await adapters.Ledger.ListWithOutcomesAsync(Key.ChangeId, "acme", Ct);
            Assert.Equal([(DeliveryKey.OutcomeRecipient, (int?)7), ("jane@acme.example", null)], records.Select(r => (r.Key.Recipient, r.Recipients)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Send_time_booked_by_two_processes_at_once_follows_on_without_overlap_or_gap()
    {
        using var second = new LocalAdapters(_fixture.DataDirectory, LocalFixture.Bucket);
        var earliest = _fixture.Time.GetUtcNow();
        var length = TimeSpan.FromMilliseconds(250);
        var ledgers = new IDeliveryLedger[] { Ledger, second.Ledger };

        var starts = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => ledgers[i % 2].BookSendTimeAsync("acme", earliest, length, Ct))));

        Assert.Equal(Enumerable.Range(0, 40).Select(i => earliest + i * length), starts.Order());
    }

    [Fact]
    public async Task Send_time_is_booked_per_customer_and_after_idle_time_from_the_earliest_given()
    {
        var now = _fixture.Time.GetUtcNow();
        var second = TimeSpan.FromSeconds(1);

        Assert.Equal(now, await Ledger.BookSendTimeAsync("acme", now, second, Ct));
        Assert.Equal(now + second, await Ledger.BookSendTimeAsync("acme", now, second, Ct));
        Assert.Equal(now, await Ledger.BookSendTimeAsync("globex", now, second, Ct));
        Assert.Equal(now + 10 * second, await Ledger.BookSendTimeAsync("acme", now + 10 * second, second, Ct));
    }

    [Fact]
    public async Task One_of_sixteen_racing_claimers_wins()
    {
        var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Ledger.TryClaimAsync(Key, "aws-approval", Lease, Ct))));

        Assert.Single(claims, c => c == ClaimResult.Claimed);
        Assert.Equal(15, claims.Count(c => c == ClaimResult.InProgress));
    }

    [Fact]
    public async Task Sent_is_final()
    {
        await Ledger.TryClaimAsync(Key, "aws-approval", Lease, Ct);
        await Ledger.MarkSentAsync(Key, "msg-1", Ct);
        _fixture.Time.Advance(Lease * 10);

        var again = await Ledger.TryClaimAsync(Key, "aws-approval", Lease, Ct);
        await Ledger.MarkFailedAsync(Key, "late failure", Ct);

        Assert.Equal(ClaimResult.AlreadySent, again);
        var record = Assert.Single(await Ledger.ListAsync(Key.ChangeId, null, Ct));
        Assert.Equal((DeliveryState.Sent, "msg-1", (string?)null, 1), (record.State, record.MessageId, record.Error, record.Attempts));
    }

    [Fact]
    public async Task A_live_claim_blocks_and_an_expired_one_can_be_taken_over()
    {
        Assert.Equal(ClaimResult.Claimed, await Ledger.TryClaimAsync(Key, "aws-approval", Lease, Ct));
        _fixture.Time.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Equal(ClaimResult.InProgress, await Ledger.TryClaimAsync(Key, "aws-approval", Lease, Ct));
        _fixture.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(ClaimResult.Claimed, await Ledger.TryClaimAsync(Key, "aws-approval", Lease, Ct));
        Assert.Equal(2, Assert.Single(await Ledger.ListAsync(Key.ChangeId, "acme", Ct)).Attempts);
    }

    [Fact]
    public async Task A_failed_delivery_can_be_claimed_again_and_keeps_its_error_until_sent()
    {
        await Ledger.TryClaimAsync(Key, "aws-approval", Lease, Ct);
        await Ledger.MarkFailedAsync(Key, "Maximum sending rate exceeded.", Ct);
        var failed = Assert.Single(await Ledger.ListAsync(Key.ChangeId, null, Ct));

        var again = await Ledger.TryClaimAsync(Key, "aws-approval", Lease, Ct);
        await Ledger.MarkSentAsync(Key, "msg-2", Ct);

        Assert.Equal((DeliveryState.Failed, "Maximum sending rate exceeded."), (failed.State, failed.Error));
        Assert.Equal(ClaimResult.Claimed, again);
        var sent = Assert.Single(await Ledger.ListAsync(Key.ChangeId, null, Ct));
        Assert.Equal((DeliveryState.Sent, "msg-2", (string?)null, 2), (sent.State, sent.MessageId, sent.Error, sent.Attempts));
    }

    [Fact]
    public async Task Recipients_are_one_key_regardless_of_case_and_listed_per_change_and_customer()
    {
        await Ledger.TryClaimAsync(Key, "aws-approval", Lease, Ct);
        var sameRecipient = await Ledger.TryClaimAsync(Key with { Recipient = "jane@acme.EXAMPLE" }, "aws-approval", Lease, Ct);
        await Ledger.TryClaimAsync(Key with { Kind = NotificationKind.Announcement }, "aws-announce", Lease, Ct);
        await Ledger.TryClaimAsync(Key with { CustomerCode = "globex", Recipient = "bob@globex.example" }, "aws-approval", Lease, Ct);
        await Ledger.TryClaimAsync(Key with { ChangeId = "CHG-OTHER" }, "aws-approval", Lease, Ct);

        var all = await Ledger.ListAsync(Key.ChangeId, null, Ct);
        var acme = await Ledger.ListAsync(Key.ChangeId, "acme", Ct);

        Assert.Equal(ClaimResult.InProgress, sameRecipient);
        Assert.Equal(3, all.Count);
        Assert.Equal(2, acme.Count);
        Assert.All(acme, r => Assert.Equal("jane@acme.example", r.Key.Recipient));
        Assert.Equal(
            new DeliveryRecord(Key with { Recipient = "jane@acme.example" }, "aws-approval", DeliveryState.Sending, null, null, 1, _fixture.Time.GetUtcNow()),
            acme.Single(r => r.Key.Kind == NotificationKind.ApprovalRequest));
    }
}
