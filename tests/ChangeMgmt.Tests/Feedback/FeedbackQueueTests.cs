using ChangeMgmt.Core;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Local;
using ChangeMgmt.Tests.Administration;
using ChangeMgmt.Tests.Local;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChangeMgmt.Tests.Feedback;

/// <summary>The local worker drains the SES events' queue through FeedbackProcessor and settles each message as a customer queue's.</summary>
public sealed class FeedbackQueueTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly LocalFixture _fixture = new(o => o with { ReleaseDelay = TimeSpan.FromMinutes(1), WriteEmlFiles = false });
    private readonly ChangeMgmtServices _services;

    public FeedbackQueueTests() =>
        _services = new ChangeMgmtServices(AdminWorld.Config, LocalBackend.Over(AdminWorld.Config, _fixture.Adapters), _fixture.Time, NullLoggerFactory.Instance);

    public void Dispose() => _fixture.Dispose();

    private async Task<MessageOutcome> DrainOneAsync(string body)
    {
        await _fixture.Adapters.Queue.SendAsync(FeedbackQueue.Name, body, Ct);
        var outcomes = new List<MessageOutcome>();
        await _services.Worker.DrainAsync(FeedbackQueue.Name, DeliveryOptions.Send, Ct, (_, outcome) => outcomes.Add(outcome));
        return Assert.Single(outcomes);
    }

    [Fact]
    public async Task A_body_that_is_no_SES_event_is_a_dead_letter_with_its_reason()
    {
        var outcome = await DrainOneAsync("""{ "Records": "not an event" }""");

        var letter = Assert.Single(await _fixture.Adapters.DeadLetters.ListAsync(FeedbackQueue.Name, Ct));
        Assert.Equal(((MessageOutcome.Poison)outcome).Description, letter.Reason);
        Assert.Equal(0, (await _fixture.Adapters.Queue.CountAsync(FeedbackQueue.Name, Ct)).Visible);
    }

    [Fact]
    public async Task An_event_for_a_send_not_recorded_yet_comes_back_later()
    {
        var outcome = await DrainOneAsync(SesSamples.EventBridge(SesSamples.Delivery.Replace("\"ApprovalRequest\"]", "\"ApprovalRequest\"], \"version\": [\"1\"]")));

        Assert.IsType<MessageOutcome.Retry>(outcome);
        Assert.Equal((0, 1), Counts(await _fixture.Adapters.Queue.CountAsync(FeedbackQueue.Name, Ct)));
        _fixture.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal((1, 0), Counts(await _fixture.Adapters.Queue.CountAsync(FeedbackQueue.Name, Ct)));
        Assert.Empty(await _fixture.Adapters.DeadLetters.ListAsync(FeedbackQueue.Name, Ct));
    }

    private static (int Visible, int InFlight) Counts(QueueCounts counts) => (counts.Visible, counts.InFlight);
}
