using Amazon.DynamoDBv2.Model;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Tests.Ledger;

/// <summary>The outcomes contract on DynamoDB (moto), through the table's two sparse indexes; and items older than them.</summary>
[Collection(MotoCollection.Name)]
public sealed class DynamoDeliveryOutcomesTests(MotoServer moto) : DeliveryOutcomesContract, IAsyncLifetime
{
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 11, 30, 14, 0, 0, TimeSpan.Zero));
    private MotoLedgerTable table = null!;

    protected override IDeliveryLedger Ledger => table.Ledger;
    protected override IDeliveryOutcomes Outcomes => table.Ledger;
    protected override ManualClock Clock => clock;

    public async Task InitializeAsync() => table = await MotoLedgerTable.CreateAsync(moto, clock);

    public Task DisposeAsync()
    {
        table.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_item_sent_before_outcomes_existed_reads_takes_feedback_and_is_not_counted()
    {
        var key = new DeliveryKey("acme", "CHG-20261130-7Q2K9D", NotificationKind.ApprovalRequest, 2, "jane@acme.example");
        // As MarkSent wrote it before issue 20: no sentAt, outcome or undelivered attributes.
        await table.Dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = table.Table,
            Item = new()
            {
                ["pk"] = new() { S = "CHG-20261130-7Q2K9D#acme" }, ["sk"] = new() { S = "ApprovalRequest#000002#jane@acme.example" },
                ["customer"] = new() { S = "acme" }, ["changeId"] = new() { S = "CHG-20261130-7Q2K9D" }, ["kind"] = new() { S = "ApprovalRequest" },
                ["version"] = new() { N = "2" }, ["recipient"] = new() { S = "jane@acme.example" }, ["topic"] = new() { S = "aws-approval" },
                ["state"] = new() { S = "Sent" }, ["messageId"] = new() { S = "ses-old" }, ["attempts"] = new() { N = "1" },
                ["updatedAt"] = new() { S = "2026-11-01T09:00:00.0000000+00:00" },
            },
        });

        var old = Assert.Single(await table.Ledger.ListAsync(key.ChangeId, "acme", default));
        Assert.Equal((key, DeliveryState.Sent, (DateTimeOffset?)null, (RecipientOutcome?)null), (old.Key, old.State, old.SentAt, old.Outcome));
        Assert.Equal(FeedbackApplied.Changed, await table.Ledger.RecordAsync(key, "ses-old", new(RecipientOutcome.BouncedPermanent, clock.GetUtcNow(), null), default));
        Assert.Equal(RecipientOutcome.BouncedPermanent, Assert.Single(await table.Ledger.ListAsync(key.ChangeId, "acme", default)).Outcome);
        Assert.Equal(["CHG-20261130-7Q2K9D"], await table.Ledger.ListUndeliveredChangesAsync("acme", default));
        Assert.Equal(OutcomeCounts.None, (await table.Ledger.CountAsync("acme", DateTimeOffset.UnixEpoch, 10, default)).Since);
    }
}
