using System.Text;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;
using MimeKit;

namespace ChangeMgmt.Tests.Local;

public sealed class LocalSesSendTests : IDisposable
{
    private const string ListName = "acme-list";
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly LocalFixture _fixture = new();

    private LocalSesAccount Acme => _fixture.Adapters.SesAccounts.ForCustomer("acme");

    public void Dispose() => _fixture.Dispose();

    private static OutgoingEmail Email(string to = "jane@acme.example", ListManagementOptions? list = null, params EmailAttachment[] attachments) => new(
        From: "Change Management <changes@msp.example>",
        To: to,
        Subject: "Approval needed: CHG-20261130-7Q2K9D",
        HtmlBody: "<p>Approve</p><a href=\"{{amazonSESUnsubscribeUrl}}\">Unsubscribe</a>",
        TextBody: "Approve. Unsubscribe: {{amazonSESUnsubscribeUrl}}",
        ListManagement: list,
        Attachments: attachments,
        Tags: new Dictionary<string, string> { ["changeId"] = "CHG-20261130-7Q2K9D" });

    [Fact]
    public async Task The_default_rate_is_that_of_a_new_production_account()
    {
        var quota = await Acme.GetSendQuotaAsync(Ct);

        Assert.Equal(14, quota.MaxSendRate);
        Assert.Equal(0, quota.SentLast24Hours);
    }

    [Fact]
    public async Task Sends_above_the_max_send_rate_are_throttled_and_send_nothing()
    {
        await Acme.SetMaxSendRateAsync(5, Ct);

        for (var i = 0; i < 5; i++)
            await Acme.SendEmailAsync(Email(), Ct);
        var throttled = await Assert.ThrowsAsync<ServiceException>(() => Acme.SendEmailAsync(Email(), Ct));
        var sentWhenThrottled = await _fixture.Adapters.Outbox.CountAsync("acme", null, Ct);
        _fixture.Time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 5; i++)
            await Acme.SendEmailAsync(Email(), Ct);

        Assert.Equal(
            (ServiceErrorKind.Throttled, "Maximum sending rate exceeded.", "acme", "TooManyRequestsException"),
            (throttled.Kind, throttled.Message, throttled.CustomerCode, throttled.ErrorCode));
        Assert.True(throttled.IsRetryable);
        Assert.Equal(5, sentWhenThrottled);
        Assert.Equal(10, await _fixture.Adapters.Outbox.CountAsync("acme", "JANE@acme.example", Ct));
        await Assert.ThrowsAsync<ServiceException>(() => Acme.SendEmailAsync(Email(), Ct));
        Assert.Equal(10, (await Acme.GetSendQuotaAsync(Ct)).SentLast24Hours);
    }

    [Fact]
    public async Task A_rate_below_one_allows_one_send_then_refills_slowly()
    {
        await Acme.SetMaxSendRateAsync(0.5, Ct);

        await Acme.SendEmailAsync(Email(), Ct);
        await Assert.ThrowsAsync<ServiceException>(() => Acme.SendEmailAsync(Email(), Ct));
        _fixture.Time.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<ServiceException>(() => Acme.SendEmailAsync(Email(), Ct));
        _fixture.Time.Advance(TimeSpan.FromSeconds(1));
        await Acme.SendEmailAsync(Email(), Ct);
    }

    [Fact]
    public async Task Two_backends_on_one_data_directory_draw_on_one_account_rate()
    {
        await Acme.SetMaxSendRateAsync(5, Ct);
        using var other = new LocalAdapters(_fixture.DataDirectory, LocalFixture.Bucket, new LocalAdapterOptions { Time = _fixture.Time });
        var acmeThere = other.SesAccounts.ForCustomer("acme");

        for (var i = 0; i < 3; i++)
            await Acme.SendEmailAsync(Email(), Ct);
        for (var i = 0; i < 2; i++)
            await acmeThere.SendEmailAsync(Email(), Ct);
        var throttledThere = await Assert.ThrowsAsync<ServiceException>(() => acmeThere.SendEmailAsync(Email(), Ct));
        await Assert.ThrowsAsync<ServiceException>(() => Acme.SendEmailAsync(Email(), Ct));
        _fixture.Time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 5; i++)
            await acmeThere.SendEmailAsync(Email(), Ct);
        await Assert.ThrowsAsync<ServiceException>(() => Acme.SendEmailAsync(Email(), Ct));
        await acmeThere.SetMaxSendRateAsync(8, Ct);

        Assert.Equal("TooManyRequestsException", throttledThere.ErrorCode);
        Assert.Equal(10, await _fixture.Adapters.Outbox.CountAsync("acme", null, Ct));
        Assert.Equal(8, (await Acme.GetSendQuotaAsync(Ct)).MaxSendRate);
    }

    [Fact]
    public async Task Concurrent_senders_in_two_backends_stay_within_the_account_rate()
    {
        const int Rate = 20, Sends = 60;
        using var first = new LocalFixture(options => options with { Time = TimeProvider.System, WriteEmlFiles = false });
        using var second = new LocalAdapters(first.DataDirectory, LocalFixture.Bucket, new LocalAdapterOptions { WriteEmlFiles = false });
        await first.Adapters.SesAccounts.ForCustomer("acme").SetMaxSendRateAsync(Rate, Ct);
        var accounts = new[] { first.Adapters.SesAccounts.ForCustomer("acme"), second.SesAccounts.ForCustomer("acme") };
        var sent = 0;

        // Two senders per backend, each retrying throttling (as the delivery engine does) until the total is sent.
        await Task.WhenAll(accounts.Concat(accounts).Select(account => Task.Run(async () =>
        {
            while (Volatile.Read(ref sent) < Sends)
            {
                try
                {
                    await account.SendEmailAsync(Email(), Ct);
                    Interlocked.Increment(ref sent);
                }
                catch (ServiceException e) when (e.Kind == ServiceErrorKind.Throttled)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(5), Ct);
                }
            }
        })));

        var times = (await first.Adapters.Outbox.ListAsync("acme", LocalOutbox.MaxPageSize, null, Ct)).Items.Select(m => m.SentAt).ToList();
        var busiestSecond = await first.Adapters.Outbox.MaxSentInAnyWindowAsync("acme", TimeSpan.FromSeconds(1), Ct);
        // The burst (Rate tokens at the start) plus Rate a second: the last of 60 cannot go before 2 s have passed.
        Assert.True(times.Max() - times.Min() >= TimeSpan.FromSeconds((double)(Sends - Rate) / Rate), $"{Sends} sends took {times.Max() - times.Min()}");
        Assert.InRange(busiestSecond, Rate, 2 * Rate);
    }

    [Fact]
    public async Task Each_account_has_its_own_rate()
    {
        await Acme.SetMaxSendRateAsync(1, Ct);
        var globex = _fixture.Adapters.SesAccounts.ForCustomer("globex");

        await Acme.SendEmailAsync(Email(), Ct);
        await globex.SendEmailAsync(Email("bob@globex.example"), Ct);

        await Assert.ThrowsAsync<ServiceException>(() => Acme.SendEmailAsync(Email(), Ct));
        Assert.Equal(1, await _fixture.Adapters.Outbox.CountAsync("globex", null, Ct));
    }

    [Fact]
    public async Task A_sent_message_is_stored_and_written_as_eml_with_the_ses_headers()
    {
        await Acme.CreateContactListAsync(new SesContactList(ListName, null, [new SesTopic("aws-approval", "Approvals", "", SubscriptionStatus.OptIn)]), Ct);
        var invite = new EmailAttachment("invite.ics", "text/calendar; method=REQUEST; charset=UTF-8", Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"), "REQUEST");

        var messageId = await Acme.SendEmailAsync(Email(list: new ListManagementOptions(ListName, "aws-approval"), attachments: invite), Ct);

        var stored = await _fixture.Adapters.Outbox.GetAsync(messageId, Ct);
        Assert.NotNull(stored);
        Assert.Equal(
            new SentEmail(messageId, "acme", "Change Management <changes@msp.example>", "jane@acme.example", "Approval needed: CHG-20261130-7Q2K9D",
                "aws-approval", ListName, stored.Email.Tags, _fixture.Time.GetUtcNow()),
            stored.Email);
        Assert.Equal("CHG-20261130-7Q2K9D", stored.Email.Tags["changeId"]);
        var eml = Path.Combine(_fixture.DataDirectory, "outbox", "acme", $"20261130T142046311-{messageId}.eml");
        Assert.Equal(stored.Mime, await File.ReadAllBytesAsync(eml, Ct));

        var mime = await MimeMessage.LoadAsync(new MemoryStream(stored.Mime), Ct);
        const string Unsubscribe = "mailto:unsubscribe@acme.local.invalid?subject=aws-approval";
        Assert.Equal("changes@msp.example", mime.From.Mailboxes.Single().Address);
        Assert.Equal("jane@acme.example", mime.To.Mailboxes.Single().Address);
        Assert.Equal("Approval needed: CHG-20261130-7Q2K9D", mime.Subject);
        Assert.Equal($"<{Unsubscribe}>", mime.Headers["List-Unsubscribe"]);
        Assert.Equal("Approve. Unsubscribe: " + Unsubscribe, mime.TextBody?.TrimEnd());
        Assert.Contains($"href=\"{Unsubscribe}\"", mime.HtmlBody);
        var calendar = Assert.IsAssignableFrom<MimePart>(Assert.Single(mime.Attachments));
        Assert.Equal("text/calendar; method=REQUEST; charset=UTF-8", calendar.Headers[HeaderId.ContentType]?.Trim());
        Assert.Equal("text/calendar", calendar.ContentType.MimeType);
        Assert.Equal("REQUEST", calendar.ContentType.Parameters["method"]);
        Assert.Equal("UTF-8", calendar.ContentType.Charset);
        Assert.Equal("invite.ics", calendar.FileName);
    }

    [Fact]
    public async Task A_method_not_in_the_content_type_is_added_to_it()
    {
        var cancel = new EmailAttachment("cancel.ics", "text/calendar; charset=UTF-8", [1], "CANCEL");

        var messageId = await Acme.SendEmailAsync(Email(attachments: cancel), Ct);

        var mime = await MimeMessage.LoadAsync(new MemoryStream((await _fixture.Adapters.Outbox.GetAsync(messageId, Ct))!.Mime), Ct);
        Assert.Equal("CANCEL", Assert.Single(mime.Attachments).ContentType.Parameters["method"]);
        Assert.Null(mime.Headers["List-Unsubscribe"]);
        Assert.Contains("{{amazonSESUnsubscribeUrl}}", mime.TextBody);
    }

    [Fact]
    public async Task A_suppressed_recipient_is_accepted()
    {
        await Acme.PutSuppressedDestinationAsync("jane@acme.example", SuppressionReason.Bounce, Ct);

        var messageId = await Acme.SendEmailAsync(Email(), Ct);

        Assert.False(string.IsNullOrEmpty(messageId));
    }

    [Fact]
    public async Task List_management_naming_a_missing_list_or_topic_is_refused_without_sending()
    {
        var noList = await Assert.ThrowsAsync<ServiceException>(() => Acme.SendEmailAsync(Email(list: new ListManagementOptions(ListName, "aws-approval")), Ct));
        await Acme.CreateContactListAsync(new SesContactList(ListName, null, []), Ct);
        var noTopic = await Assert.ThrowsAsync<ServiceException>(() => Acme.SendEmailAsync(Email(list: new ListManagementOptions(ListName, "aws-approval")), Ct));

        Assert.Equal((ServiceErrorKind.NotFound, ServiceErrorKind.NotFound), (noList.Kind, noTopic.Kind));
        Assert.Equal(0, await _fixture.Adapters.Outbox.CountAsync(null, null, Ct));
    }

    [Fact]
    public async Task The_outbox_lists_newest_first_in_pages_per_customer()
    {
        await Acme.SetMaxSendRateAsync(100, Ct);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await Acme.SendEmailAsync(Email($"u{i}@acme.example"), Ct));
            _fixture.Time.Advance(TimeSpan.FromMilliseconds(10));
        }
        await _fixture.Adapters.SesAccounts.ForCustomer("globex").SendEmailAsync(Email("bob@globex.example"), Ct);

        var first = await _fixture.Adapters.Outbox.ListAsync("acme", 3, null, Ct);
        var second = await _fixture.Adapters.Outbox.ListAsync("acme", 3, first.NextToken, Ct);
        var all = await _fixture.Adapters.Outbox.ListAsync(null, 100, null, Ct);

        Assert.Equal(Enumerable.Reverse(ids), first.Items.Concat(second.Items).Select(m => m.MessageId));
        Assert.Null(second.NextToken);
        Assert.Equal(6, all.Items.Count);
        Assert.Equal("globex", all.Items[0].CustomerCode);
    }

    [Fact]
    public async Task Eml_files_can_be_turned_off()
    {
        using var fixture = new LocalFixture(options => options with { WriteEmlFiles = false });
        var account = fixture.Adapters.SesAccounts.ForCustomer("acme");

        var messageId = await account.SendEmailAsync(Email(), Ct);

        Assert.NotNull(await fixture.Adapters.Outbox.GetAsync(messageId, Ct));
        Assert.False(Directory.Exists(Path.Combine(fixture.DataDirectory, "outbox")));
    }
}
