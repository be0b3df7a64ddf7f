using System.Net;
using System.Text;
using ChangeMgmt.Local;
using MimeKit;

namespace ChangeMgmt.Api.Tests;

/// <summary>
/// What customers are sent when an approved change moves: the re-approval request, the updated announcement
/// and invite (old → new, same UID, higher SEQUENCE), and the cancellation of a customer taken off it.
/// </summary>
public sealed class UpdateEmailTests(WorkerApiFixture fixture) : IClassFixture<WorkerApiFixture>
{
    private readonly ApiHost host = fixture.Host;

    /// <summary>The first email to <paramref name="customer"/> about the change whose subject starts so, once the worker sent it.</summary>
    private async Task<MimeMessage> SentAsync(string customer, string changeId, string subject)
    {
        var outbox = host.Get<LocalOutbox>();
        var sent = await ApiHost.EventuallyAsync(
            async () => (await outbox.ListAsync(customer, LocalOutbox.MaxPageSize, null, default)).Items
                .FirstOrDefault(e => e.Tags["change"] == changeId && e.Subject.StartsWith(subject, StringComparison.Ordinal)),
            email => email is not null, $"'{subject}…' to {customer} for {changeId}");
        var content = await outbox.GetAsync(sent!.MessageId, default) ?? throw new InvalidOperationException($"{sent.MessageId} is not in the outbox");
        return await MimeMessage.LoadAsync(new MemoryStream(content.Mime));
    }

    private static string Ics(MimeMessage mime)
    {
        using var content = new MemoryStream();
        mime.BodyParts.OfType<MimePart>().Single(p => p.ContentType.MimeType == "text/calendar").Content!.DecodeTo(content);
        return Encoding.UTF8.GetString(content.ToArray());
    }

    [Fact]
    public async Task A_moved_approved_change_is_approved_again_then_announced_as_updated_and_a_removed_customer_gets_a_cancellation()
    {
        var start = GovernanceTests.UniqueDay();
        var body = GovernanceTests.Body("Patch <edge> routers", start, TimeSpan.FromHours(2), "acme", "globex");
        var id = await host.CreateAsync(body);
        await host.PostJsonAsync($"/api/changes/{id}/submit", new { });
        await host.PostJsonAsync($"/api/changes/{id}/approve", new { });
        var firstInvite = await SentAsync("acme", id, "Invitation:");

        var moved = GovernanceTests.Body("Patch <edge> routers", start.AddDays(1), TimeSpan.FromHours(2), "acme");
        using var put = await host.SendAsync(HttpMethod.Put, $"/api/changes/{id}", moved, ("If-Match", "\"3\""));
        await ApiHost.ReadAsync(put, HttpStatusCode.OK);
        var reapproval = await SentAsync("acme", id, "Re-approval requested:");
        await host.PostJsonAsync($"/api/changes/{id}/approve", new { comment = "Fine on the new date." });

        var announcement = await SentAsync("acme", id, "Updated: Scheduled change:");
        var invite = await SentAsync("acme", id, "Updated Invitation:");
        Assert.Equal($"Updated: Scheduled change: {id} Patch <edge> routers", announcement.Subject);
        Assert.Contains("needs approval again", reapproval.TextBody);
        Assert.Contains("Changed since the announcement of version 3", announcement.HtmlBody);
        Assert.Contains("Patch &lt;edge&gt; routers", announcement.HtmlBody);
        var when = (announcement.TextBody ?? "").Split('\n').Single(l => l.StartsWith("When: ", StringComparison.Ordinal) && l.Contains("->")).Split("->");
        Assert.Contains(start.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture), when[0]);
        Assert.Contains(start.AddDays(1).ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture), when[1]);
        Assert.Contains("Organizations affected: 2 -> 1", announcement.TextBody);
        Assert.DoesNotContain("globex", announcement.TextBody, StringComparison.OrdinalIgnoreCase);
        var (before, after) = (Ics(firstInvite), Ics(invite));
        Assert.Equal(Line(before, "UID:"), Line(after, "UID:"));
        Assert.Equal(("SEQUENCE:3", "SEQUENCE:5"), (Line(before, "SEQUENCE:"), Line(after, "SEQUENCE:")));

        var cancellation = await SentAsync("globex", id, "Cancelled for Globex:");
        var calendarCancel = Ics(await SentAsync("globex", id, "Invitation cancelled:"));
        Assert.Contains("Globex is no longer part of this change", cancellation.TextBody);
        Assert.Contains("METHOD:CANCEL", calendarCancel);
        Assert.Equal((Line(before, "UID:"), "SEQUENCE:4"), (Line(calendarCancel, "UID:"), Line(calendarCancel, "SEQUENCE:")));
    }

    private static string Line(string ics, string prefix) => ics.Split("\r\n").Single(l => l.StartsWith(prefix, StringComparison.Ordinal));
}
