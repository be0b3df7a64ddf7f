using Amazon.DynamoDBv2;
using Amazon.Runtime;
using ChangeMgmt.Aws.Ledger;
using ChangeMgmt.Aws.Tests.Support;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Aws.Tests.Ledger;

[Collection(MotoCollection.Name)]
public sealed class DynamoDeliveryLedgerTests(MotoServer moto) : IAsyncLifetime
{
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 11, 30, 14, 0, 0, TimeSpan.Zero));
    private MotoLedgerTable table = null!;

    private DynamoDeliveryLedger Ledger => table.Ledger;

    public async Task InitializeAsync() => table = await MotoLedgerTable.CreateAsync(moto, clock);

    public Task DisposeAsync()
    {
        table.Dispose();
        return Task.CompletedTask;
    }

    private static DeliveryKey Key(string recipient = "ann@acme.example", string customer = "acme", int version = 2) =>
        new(customer, "CHG-20261130-7Q2K9D", NotificationKind.ApprovalRequest, version, recipient);

    [Fact]
    public async Task Outcome_records_are_listed_apart_from_the_deliveries()
    {
        var outcome = DeliveryKey.Outcome("acme", "CHG-20261130-7Q2K9D", NotificationKind.ApprovalRequest, 2);
        await Ledger.TryClaimAsync(Key(), "aws-approval", TimeSpan.FromMinutes(2), default);
        await Ledger.MarkSentAsync(Key(), "ses-1", default);
        await Ledger.TryClaimAsync(outcome, "aws-approval", TimeSpan.FromMinutes(2), default);
        await Ledger.MarkFailedAsync(outcome, "no topic", default);

        Assert.Equal(Key(), Assert.Single(await Ledger.ListAsync("CHG-20261130-7Q2K9D", null, default)).Key);
        var listed = Assert.Single(await Ledger.ListWithOutcomesAsync("CHG-20261130-7Q2K9D", "acme", default), r => r.Key.IsOutcome);
        Assert.Equal((outcome, DeliveryState.Failed, "no topic"), (listed.Key, listed.State, listed.Error));
    }

    [Fact]
    public async Task Send_time_another_instance_books_between_a_read_and_its_write_is_followed_on_without_overlap_or_gap()
    {
        // The race two instances run on DynamoDB, made certain: this instance's write waits until the other has booked
        // (moto does not serialise concurrent conditional updates, so racing real threads against it proves nothing).
        var interleave = new BeforeEachUpdate();
        using var racingClient = new AmazonDynamoDBClient(new BasicAWSCredentials("test", "test"),
            new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = "us-east-1", HttpClientFactory = new HandlerFactory(interleave) });
        var racing = new DynamoDeliveryLedger(racingClient, table.Table, ["acme", "globex"], clock);
        var earliest = clock.GetUtcNow();
        var length = TimeSpan.FromSeconds(1);
        var others = new List<DateTimeOffset>();
        interleave.Meanwhile = async () => others.Add(await Ledger.BookSendTimeAsync("acme", earliest, length, default));

        var first = await racing.BookSendTimeAsync("acme", earliest, length, default);   // nothing booked yet when it read
        var second = await racing.BookSendTimeAsync("acme", earliest, length, default);  // a booking it read was moved on

        Assert.Equal([earliest, earliest + 2 * length], others);
        Assert.Equal((earliest + length, earliest + 3 * length), (first, second));
        interleave.Meanwhile = null;
        Assert.Equal(earliest + 4 * length, await Ledger.BookSendTimeAsync("acme", earliest, length, default));
        Assert.Equal(earliest, await Ledger.BookSendTimeAsync("globex", earliest, length, default));
        Assert.Equal(earliest + TimeSpan.FromMinutes(1), await Ledger.BookSendTimeAsync("acme", earliest + TimeSpan.FromMinutes(1), length, default));
    }

    /// <summary>Runs <see cref="Meanwhile"/> before each first attempt of an UpdateItem (not before its retries).</summary>
    private sealed class BeforeEachUpdate() : DelegatingHandler(new HttpClientHandler())
    {
        private bool afterRefusal;

        public Func<Task>? Meanwhile { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var update = request.Headers.TryGetValues("X-Amz-Target", out var target) && target.Single().EndsWith(".UpdateItem", StringComparison.Ordinal);
            if (update && !afterRefusal && Meanwhile is { } meanwhile) await meanwhile();
            var response = await base.SendAsync(request, ct);
            if (update) afterRefusal = !response.IsSuccessStatusCode;
            return response;
        }
    }

    private sealed class HandlerFactory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);
    }

    [Fact]
    public async Task Booked_send_time_is_not_among_a_change_deliveries()
    {
        await Ledger.BookSendTimeAsync("acme", clock.GetUtcNow(), TimeSpan.FromSeconds(1), default);

        Assert.Empty(await Ledger.ListWithOutcomesAsync("CHG-20261130-7Q2K9D", null, default));
    }

    [Fact]
    public async Task A_released_claim_is_deleted_and_can_be_claimed_at_once_but_a_sent_one_stays()
    {
        var other = Key("bob@acme.example");
        await Ledger.TryClaimAsync(Key(), "aws-approval", TimeSpan.FromMinutes(2), default);
        await Ledger.TryClaimAsync(other, "aws-approval", TimeSpan.FromMinutes(2), default);
        await Ledger.MarkSentAsync(other, "ses-2", default);

        await Ledger.ReleaseAsync(Key(), default);
        await Ledger.ReleaseAsync(other, default);

        var left = Assert.Single(await Ledger.ListAsync("CHG-20261130-7Q2K9D", null, default));
        Assert.Equal((other, DeliveryState.Sent), (left.Key, left.State));
        Assert.Equal(ClaimResult.Claimed, await Ledger.TryClaimAsync(Key(), "aws-approval", TimeSpan.FromMinutes(2), default));
    }

    [Fact]
    public async Task A_continuing_outcome_reads_sending_with_its_recipients_and_the_continuation_can_claim_it()
    {
        var outcome = DeliveryKey.Outcome("acme", "CHG-20261130-7Q2K9D", NotificationKind.ApprovalRequest, 2);

        await Ledger.MarkContinuingAsync(outcome, "aws-approval", 5000, default);
        var continuing = Assert.Single(await Ledger.ListWithOutcomesAsync("CHG-20261130-7Q2K9D", "acme", default));
        Assert.Equal((DeliveryState.Sending, (int?)5000), (continuing.State, continuing.Recipients));

        Assert.Equal(ClaimResult.Claimed, await Ledger.TryClaimAsync(outcome, "aws-approval", TimeSpan.FromMinutes(2), default));
        await Ledger.MarkSentAsync(outcome, "processed", default);
        await Ledger.MarkContinuingAsync(outcome, "aws-approval", 1, default);
        Assert.Equal(DeliveryState.Sent, Assert.Single(await Ledger.ListWithOutcomesAsync("CHG-20261130-7Q2K9D", "acme", default)).State);
    }

    /// <remarks>
    /// The claim is one conditional UpdateItem, which DynamoDB applies atomically. moto's threaded
    /// server does not serialise conditional writes, so truly simultaneous claims cannot be shown
    /// here; what this shows is that the condition refuses every claim after the first.
    /// </remarks>
    [Fact]
    public async Task While_a_claim_holds_every_other_claimer_is_told_it_is_in_progress()
    {
        var results = new List<ClaimResult>();
        for (var i = 0; i < 16; i++)
            results.Add(await Ledger.TryClaimAsync(Key(), "aws-approval", TimeSpan.FromMinutes(2), default));

        Assert.Equal(ClaimResult.Claimed, results[0]);
        Assert.All(results.Skip(1), r => Assert.Equal(ClaimResult.InProgress, r));
    }

    [Fact]
    public async Task Sent_is_final_and_reported_as_already_sent()
    {
        Assert.Equal(ClaimResult.Claimed, await Ledger.TryClaimAsync(Key(), "aws-approval", TimeSpan.FromMinutes(2), default));
        await Ledger.MarkSentAsync(Key(), "ses-message-1", default);
        await Ledger.MarkFailedAsync(Key(), "a late failure report", default);

        Assert.Equal(ClaimResult.AlreadySent, await Ledger.TryClaimAsync(Key(), "aws-approval", TimeSpan.FromMinutes(2), default));
        var record = Assert.Single(await Ledger.ListAsync(Key().ChangeId, "acme", default));
        Assert.Equal((DeliveryState.Sent, "ses-message-1", 1), (record.State, record.MessageId, record.Attempts));
    }

    [Fact]
    public async Task A_failed_send_or_an_expired_claim_can_be_claimed_again()
    {
        await Ledger.TryClaimAsync(Key("a@acme.example"), "aws-approval", TimeSpan.FromMinutes(2), default);
        await Ledger.MarkFailedAsync(Key("a@acme.example"), "throttled", default);
        Assert.Equal(ClaimResult.Claimed, await Ledger.TryClaimAsync(Key("a@acme.example"), "aws-approval", TimeSpan.FromMinutes(2), default));

        await Ledger.TryClaimAsync(Key("b@acme.example"), "aws-approval", TimeSpan.FromMinutes(2), default);
        Assert.Equal(ClaimResult.InProgress, await Ledger.TryClaimAsync(Key("b@acme.example"), "aws-approval", TimeSpan.FromMinutes(2), default));
        clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromMilliseconds(1));
        Assert.Equal(ClaimResult.Claimed, await Ledger.TryClaimAsync(Key("b@acme.example"), "aws-approval", TimeSpan.FromMinutes(2), default));
        Assert.Equal(2, (await Ledger.ListAsync(Key().ChangeId, "acme", default)).Single(r => r.Key.Recipient == "b@acme.example").Attempts);
    }

    [Fact]
    public async Task Listing_reads_every_customer_and_every_page_of_a_change()
    {
        var recipients = Enumerable.Range(0, 40).Select(i => $"p{i:D2}@acme.example").ToList();
        foreach (var recipient in recipients)
            await Ledger.TryClaimAsync(Key(recipient), "aws-approval", TimeSpan.FromMinutes(2), default);
        await Ledger.TryClaimAsync(Key("hal@globex.example", "globex"), "aws-approval", TimeSpan.FromMinutes(2), default);

        var all = await Ledger.ListAsync(Key().ChangeId, null, default);
        var acme = await Ledger.ListAsync(Key().ChangeId, "acme", default);

        Assert.Equal(41, all.Count);
        Assert.Equal(recipients, acme.Select(r => r.Key.Recipient));
        Assert.All(acme, r => Assert.Equal(Key(r.Key.Recipient), r.Key));
    }
}
