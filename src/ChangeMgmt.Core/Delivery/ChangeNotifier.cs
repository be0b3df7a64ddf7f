using ChangeMgmt.Core.Customers;
using ChangeMgmt.Core.Resilience;
using System.Collections.Concurrent;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Reminders;
using ChangeMgmt.Core.Rendering;
using ChangeMgmt.Core.Subscriptions;
using Microsoft.Extensions.Logging;

namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// Tells one customer's subscribed contacts about one change version or announcement version (<see cref="INotice"/>): plans the notifications,
/// resolves recipients in that customer's SES account, renders, and sends one email per recipient
/// under the account's send rate, through the ledger so nobody gets the same notification twice.
/// </summary>
public sealed class ChangeNotifier(
    LoadedConfig config,
    ISesAccountProvider accounts,
    IDeliveryLedger ledger,
    IObjectStore objects,
    NotificationRenderer renderer,
    SendPacers pacers,
    DeliveryCounters counters,
    ILogger<ChangeNotifier> log,
    TimeProvider time)
{
    private EmailSender? sender;
    private readonly AudienceSnapshots audiences = new(objects);

    /// <summary>Backoff for throttled sends and for recording a send in the ledger.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>Each recipient's own preferences link; SES's page stands in when the host has no token keys.</summary>
    public PreferenceLinks Links { get; init; } = PreferenceLinks.None(config.Email);

    private EmailSender Mailer => sender ??= new EmailSender(Retry, counters, time);

    public INotice NoticeOf(Change change) => new ChangeNotice(change, config.NotificationTopicPrefix, renderer);

    /// <summary>The change's timed notice, to the customer's reminder topic (default: the announce topic).</summary>
    public INotice NoticeOf(Change change, ChangeMoment moment, ReminderConfig settings) =>
        new ChangeMomentNotice(change, moment, settings.Topic ?? $"{config.NotificationTopicPrefix}-announce", renderer);

    public INotice NoticeOf(Announcement announcement, AnnouncementTypeConfig type) => new AnnouncementNotice(announcement, type, renderer, objects);

    public Task<CustomerDelivery> NotifyAsync(CustomerConfig customer, Change change, DeliveryOptions options, CancellationToken ct) =>
        NotifyAsync(customer, NoticeOf(change), options, ct);

    public async Task<CustomerDelivery> NotifyAsync(CustomerConfig customer, INotice notice, DeliveryOptions options, CancellationToken ct)
    {
        using var scope = log.BeginScope("{CustomerCode} {ChangeId}", customer.CustomerCode, notice.Id);
        var plan = notice.Plan(customer);
        if (plan.Count == 0) return new(customer.CustomerCode, notice.Id, notice.Version, [], options.DryRun);

        var account = accounts.ForCustomer(customer.CustomerCode);
        Audience audience;
        try
        {
            audience = await audiences.ReadAsync(account, customer, notice, options.Resume is not null, ct);
        }
        catch (ContactListMissingException missing)
        {
            await RecordSetupFailureAsync(customer, notice, plan, missing.Message, options, ct);
            throw;
        }
        if (options.DryRun) return await PreviewAsync(customer, notice, plan, audience, ct);
        using var stop = StopClaiming(options);
        var results = new List<NotificationResult>();
        for (var i = 0; i < plan.Count; i++)
            results.Add(await NotifyTopicAsync(customer, notice, plan[i], ResumePoint.Of(plan, i, options.Resume, notice.Version), account, audience, options, stop.Token, ct));
        if (results.All(r => r.Deferred == 0)) await audiences.ForgetAsync(customer, notice, continued: options.Resume is not null, ct);
        else await audiences.KeepAsync(customer, notice, ct);
        return new(customer.CustomerCode, notice.Id, notice.Version, results, options.DryRun);
    }

    /// <summary>
    /// A dry run: each planned notification rendered (a broken template shows here too) with every contact's decision;
    /// the ledger is read, nothing is claimed or written.
    /// </summary>
    private async Task<CustomerDelivery> PreviewAsync(CustomerConfig customer, INotice notice, IReadOnlyList<PlannedNotification> plan, Audience audience, CancellationToken ct)
    {
        var ledgerRecords = await ledger.ListAsync(notice.Id, customer.CustomerCode, ct);
        var results = new List<NotificationResult>();
        foreach (var planned in plan)
        {
            if (!audience.HasTopic(planned.Topic))
            {
                results.Add(new(planned.Kind, planned.Topic, [], 0, 0, 0, [], MissingTopic(audience, planned, customer)));
                continue;
            }
            _ = await notice.RenderAsync(planned, customer, ct);
            results.Add(DeliveryPreview.For(planned, notice.Version, audience.Decide(planned.Topic, customer.RestrictedRecipients), ledgerRecords));
        }
        return new(customer.CustomerCode, notice.Id, notice.Version, results, DryRun: true);
    }

    private static string MissingTopic(Audience audience, PlannedNotification planned, CustomerConfig customer) =>
        $"The contact list {audience.ContactList.ContactListName} has no topic {planned.Topic}; run Sync-SesTopic -Customer {customer.CustomerCode}.";

    /// <summary>
    /// The customer's account is not set up for this (no contact list): every planned notification records
    /// the failure with its fix, so the status reads failed at once instead of after every retry.
    /// </summary>
    private async Task RecordSetupFailureAsync(CustomerConfig customer, INotice notice, IReadOnlyList<PlannedNotification> plan, string error, DeliveryOptions options, CancellationToken ct)
    {
        log.LogError("{CustomerCode} {ChangeId}: {Error}", customer.CustomerCode, notice.Id, error);
        if (options.DryRun) return;
        foreach (var planned in plan) await RecordOutcomeAsync(customer, notice, planned, error, options, ct);
    }

    /// <summary>Cancelled at <see cref="DeliveryOptions.StopClaimingAt"/> (on this clock); never without one.</summary>
    private CancellationTokenSource StopClaiming(DeliveryOptions options)
    {
        if (options.StopClaimingAt is not { } at) return new CancellationTokenSource();
        var left = at - time.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            var stopped = new CancellationTokenSource();
            stopped.Cancel();
            return stopped;
        }
        return new CancellationTokenSource(left, time);
    }

    private async Task<NotificationResult> NotifyTopicAsync(
        CustomerConfig customer, INotice notice, PlannedNotification planned, ResumePoint resume, ISesAccount account, Audience audience,
        DeliveryOptions options, CancellationToken stop, CancellationToken ct)
    {
        if (!audience.HasTopic(planned.Topic))
        {
            var error = MissingTopic(audience, planned, customer);
            log.LogError("{CustomerCode} {ChangeId}: {Error}", customer.CustomerCode, notice.Id, error);
            await RecordOutcomeAsync(customer, notice, planned, error, options, ct);
            return new(planned.Kind, planned.Topic, [], 0, 0, 0, [], error);
        }
        var recipients = audience.RecipientsFor(planned.Topic, customer.RestrictedRecipients);
        var message = Message(await notice.RenderAsync(planned, customer, ct), planned, audience, customer, notice);

        var pacer = await PacerAsync(customer, account, ct);
        var pending = resume.Pending(recipients);
        var tally = new Tally();
        var parallelism = new ParallelOptions { MaxDegreeOfParallelism = Parallelism(pacer.RatePerSecond), CancellationToken = ct };
        await Parallel.ForEachAsync(pending, parallelism, async (recipient, token) =>
            await DeliverAsync(customer, notice, planned, account, pacer, message, recipient, options, tally, stop, token));

        log.LogInformation("{CustomerCode} {ChangeId} v{Version}: {Kind} to {Topic}: {Sent} sent, {AlreadySent} already sent, {Failed} failed, {Deferred} left for a continuation of {Recipients} recipients",
            customer.CustomerCode, notice.Id, notice.Version, planned.Kind, planned.Topic, tally.Sent, tally.AlreadySent, tally.Failures.Count, tally.Deferred, recipients.Count);
        if (tally.Deferred > 0) await RecordContinuingAsync(customer, notice, planned, recipients.Count, ct);
        else await RecordOutcomeAsync(customer, notice, planned, null, options, ct);
        return new(planned.Kind, planned.Topic, recipients, tally.Sent, tally.AlreadySent, tally.InProgress, [.. tally.Failures], null, tally.Deferred, tally.ResumeFrom);
    }

    /// <summary>
    /// Claims and sends to one recipient. Once <paramref name="stop"/> (the invocation's deadline less the
    /// margin) has come, claims nothing more, and gives back a claim whose send had not started.
    /// </summary>
    private async Task DeliverAsync(
        CustomerConfig customer, INotice notice, PlannedNotification planned, ISesAccount account, ICallPacer pacer,
        OutgoingEmail message, string recipient, DeliveryOptions options, Tally tally, CancellationToken stop, CancellationToken ct)
    {
        var key = new DeliveryKey(customer.CustomerCode, notice.Id, planned.Kind, notice.Version, recipient.ToLowerInvariant());
        if (stop.IsCancellationRequested)
        {
            tally.Defer(key.Recipient);
            return;
        }
        switch (await ledger.TryClaimAsync(key, planned.Topic, options.ClaimLease, ct))
        {
            case ClaimResult.AlreadySent: Interlocked.Increment(ref tally.AlreadySent); return;
            case ClaimResult.InProgress: Interlocked.Increment(ref tally.InProgress); return;
        }
        string? messageId;
        try
        {
            messageId = await Mailer.SendAsync(account, pacer, Links.Address(message, customer.CustomerCode, recipient), stop, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await ledger.MarkFailedAsync(key, ex.Message, CancellationToken.None);
            counters.CountFailed();
            tally.Failures.Add(new(recipient, ex.Message));
            log.LogWarning("{CustomerCode} {ChangeId}: {Kind} to {Recipient} failed: {Reason}", customer.CustomerCode, notice.Id, planned.Kind, recipient, ex.Message);
            return;
        }
        catch (OperationCanceledException)
        {
            await ledger.MarkFailedAsync(key, "cancelled before it was sent", CancellationToken.None);
            throw;
        }
        if (messageId is null)
        {
            await ledger.ReleaseAsync(key, CancellationToken.None);
            tally.Defer(key.Recipient);
            return;
        }
        await RecordSentAsync(key, messageId);
        Interlocked.Increment(ref tally.Sent);
    }

    /// <summary>Best effort, as <see cref="RecordOutcomeAsync"/>: /status reads "sending n of all recipients" until a continuation finishes.</summary>
    private async Task RecordContinuingAsync(CustomerConfig customer, INotice notice, PlannedNotification planned, int recipients, CancellationToken ct)
    {
        try
        {
            await ledger.MarkContinuingAsync(DeliveryKey.Outcome(customer.CustomerCode, notice.Id, planned.Kind, notice.Version), planned.Topic, recipients, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning("{CustomerCode} {ChangeId}: the progress of {Kind} could not be recorded: {Reason}", customer.CustomerCode, notice.Id, planned.Kind, ex.Message);
        }
    }

    /// <summary>
    /// Notes that the notification was processed (to its subscribers, maybe none) or why it could not be,
    /// so its status is never left "queued". Best effort: the deliveries themselves are already recorded.
    /// </summary>
    private async Task RecordOutcomeAsync(CustomerConfig customer, INotice notice, PlannedNotification planned, string? error, DeliveryOptions options, CancellationToken ct)
    {
        var key = DeliveryKey.Outcome(customer.CustomerCode, notice.Id, planned.Kind, notice.Version);
        try
        {
            if (await ledger.TryClaimAsync(key, planned.Topic, options.ClaimLease, ct) != ClaimResult.Claimed) return;
            if (error is null) await ledger.MarkSentAsync(key, "processed", CancellationToken.None);
            else await ledger.MarkFailedAsync(key, error, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning("{CustomerCode} {ChangeId}: the outcome of {Kind} could not be recorded: {Reason}", customer.CustomerCode, notice.Id, planned.Kind, ex.Message);
        }
    }

    /// <summary>
    /// SES took the message: it must never be sent again, so a failed ledger write is retried, and if
    /// it still fails the send is kept as sent (its claim stays "sending") and logged, never marked failed.
    /// </summary>
    private async Task RecordSentAsync(DeliveryKey key, string messageId)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ledger.MarkSentAsync(key, messageId, CancellationToken.None);
                return;
            }
            catch (Exception ex) when (attempt < Retry.MaxAttempts)
            {
                log.LogWarning("{CustomerCode} {ChangeId}: recording message {MessageId} to {Recipient} failed, retrying: {Reason}",
                    key.CustomerCode, key.ChangeId, messageId, key.Recipient, ex.Message);
                await Task.Delay(Retry.DelayBefore(attempt), time);
            }
            catch (Exception ex)
            {
                log.LogError(ex, "{CustomerCode} {ChangeId}: message {MessageId} to {Recipient} was sent but could not be recorded",
                    key.CustomerCode, key.ChangeId, messageId, key.Recipient);
                return;
            }
        }
    }

    /// <summary>The message every recipient of one notification gets; only To differs per send.</summary>
    private OutgoingEmail Message(RenderedEmail rendered, PlannedNotification planned, Audience audience, CustomerConfig customer, INotice notice) => new(
        From: config.Email.FromHeader(),
        To: "",
        Subject: rendered.Subject,
        HtmlBody: rendered.HtmlBody,
        TextBody: rendered.TextBody,
        ListManagement: new(audience.ContactList.ContactListName, planned.Topic),
        Attachments: rendered.Attachments,
        Tags: new Dictionary<string, string>
        {
            ["customer"] = customer.CustomerCode,
            ["change"] = notice.Id,
            ["notification"] = planned.Kind.ToString(),
            // With the recipient (the message's one destination), the tags name its ledger record: feedback needs no lookup.
            ["version"] = notice.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        ConfigurationSetName: config.Email.ConfigurationSet);

    private async Task<ICallPacer> PacerAsync(CustomerConfig customer, ISesAccount account, CancellationToken ct)
    {
        try
        {
            return await pacers.ForAsync(customer.CustomerCode, customer.MaxSendRate, async () => (await account.GetSendQuotaAsync(ct)).MaxSendRate);
        }
        catch
        {
            pacers.Forget(customer.CustomerCode);
            throw;
        }
    }

    /// <summary>
    /// Up to one second of sends in flight, so that a slow ledger or SES round trip does not lower
    /// the rate; the pacer, not this number, decides how fast they go out.
    /// </summary>
    private static int Parallelism(double rate) => Math.Clamp((int)Math.Ceiling(rate), 1, 512);

    private sealed class Tally
    {
        public int Sent, AlreadySent, InProgress;
        public readonly ConcurrentBag<RecipientFailure> Failures = [];
        private readonly Lock gate = new();

        public int Deferred { get; private set; }

        /// <summary>The first deferred recipient (ordinal): everyone before it was claimed, so a continuation starts there.</summary>
        public string? ResumeFrom { get; private set; }

        public void Defer(string recipient)
        {
            lock (gate)
            {
                Deferred++;
                if (ResumeFrom is null || string.CompareOrdinal(recipient, ResumeFrom) < 0) ResumeFrom = recipient;
            }
        }
    }
}
