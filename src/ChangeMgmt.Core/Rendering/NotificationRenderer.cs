using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Rendering;

/// <summary>
/// Turns a change (or an announcement) into the email for one notification kind and one customer, from that
/// customer's templates: the subject from <c>{kind}.subject.txt</c>, each body from
/// <c>layout.{html,txt}</c> with <c>{kind}.{html,txt}</c> as its <c>{{>content}}</c>.
/// </summary>
public sealed class NotificationRenderer
{
    private readonly EmailConfig email;
    private readonly TemplateLibrary templates;
    private readonly CalendarInvite calendar;

    public NotificationRenderer(EmailConfig email, TemplateLibrary templates, TimeProvider? timeProvider = null)
    {
        this.email = email;
        this.templates = templates;
        calendar = new CalendarInvite(email, timeProvider);
    }

    public RenderedEmail Render(NotificationKind kind, Change change, CustomerConfig customer) => kind.IsAnnouncements()
        ? throw new ArgumentException("An announcement's notice is rendered from the announcement, not from a change.", nameof(kind))
        : Compose(customer, NotificationTemplateNames.For(kind), WithLeadTime(kind, NotificationValues.For(change, customer, email)), Attachments(kind, change));

    /// <summary>A reminder's <c>startsIn</c>: one template serves both.</summary>
    private static Dictionary<string, string?> WithLeadTime(NotificationKind kind, Dictionary<string, string?> values)
    {
        values["startsIn"] = kind switch
        {
            NotificationKind.ReminderDayBefore => "in 24 hours",
            NotificationKind.ReminderHourBefore => "in 1 hour",
            _ => null,
        };
        return values;
    }

    /// <summary>
    /// An announcement's email (<c>announcement-notice.*</c>): its files, and the invite when it has an event.
    /// </summary>
    /// <param name="files">The announcement's attachments, read from the bucket.</param>
    public RenderedEmail Render(Announcement announcement, AnnouncementTypeConfig type, CustomerConfig customer, IReadOnlyList<EmailAttachment> files) =>
        Render(NotificationKind.AnnouncementNotice, announcement, type, customer, files);

    /// <summary>
    /// An announcement's notice (its files and the invite's REQUEST) or its cancellation (<c>announcement-cancellation.*</c>:
    /// no files, the invite's CANCEL with the same UID and a higher SEQUENCE when it had an event).
    /// </summary>
    public RenderedEmail Render(NotificationKind kind, Announcement announcement, AnnouncementTypeConfig type, CustomerConfig customer, IReadOnlyList<EmailAttachment> files)
    {
        var cancelled = kind switch
        {
            NotificationKind.AnnouncementNotice => false,
            NotificationKind.AnnouncementCancellation => true,
            _ => throw new ArgumentException($"{kind} is a change's notification, not an announcement's.", nameof(kind)),
        };
        var meeting = AnnouncementEvent.Of(announcement, []);
        IReadOnlyList<EmailAttachment> sent = cancelled ? [] : files;
        IReadOnlyList<EmailAttachment> attachments = meeting is null
            ? sent
            : [.. sent, calendar.ToAttachment(AnnouncementValues.CalendarEventOf(announcement, meeting, email), cancelled ? CalendarMethod.Cancel : CalendarMethod.Request)];
        return Compose(customer, NotificationTemplateNames.For(kind),
            AnnouncementValues.For(announcement, type, meeting, customer, email), attachments, AnnouncementValues.SanitisedHtml);
    }

    /// <summary>The test message of Send-SesTestEmail, in the customer's layout (with its unsubscribe link).</summary>
    public RenderedEmail RenderTest(CustomerConfig customer)
    {
        var values = new Dictionary<string, string?>
        {
            ["customerName"] = customer.DisplayName, ["changeId"] = "", ["title"] = "Test message",
            [NotificationValues.NotificationLabel] = NotificationValues.ChangeNotificationLabel,
            [NotificationValues.SubscriptionLabel] = NotificationValues.ChangeSubscriptionLabel,
        };
        return Compose(customer, NotificationTemplateNames.TestMessage, values, []);
    }

    private RenderedEmail Compose(CustomerConfig customer, string name, IReadOnlyDictionary<string, string?> values, IReadOnlyList<EmailAttachment> attachments,
        IReadOnlySet<string>? safeHtml = null)
    {
        var subject = TemplateEngine.Render(templates.Find(customer.CustomerCode, $"{name}.subject.txt"), values, TemplateFormat.Text);
        return new RenderedEmail(
            OneLine(subject),
            Body(customer, name, values, TemplateFormat.Html, safeHtml),
            Body(customer, name, values, TemplateFormat.Text, safeHtml),
            attachments);
    }

    private string Body(CustomerConfig customer, string name, IReadOnlyDictionary<string, string?> values, TemplateFormat format, IReadOnlySet<string>? safeHtml)
    {
        var extension = format == TemplateFormat.Html ? "html" : "txt";
        var layout = templates.Find(customer.CustomerCode, $"layout.{extension}");
        return TemplateEngine.Render(layout, values, format, include => templates.Find(
            customer.CustomerCode,
            include == NotificationTemplateNames.ContentInclude ? $"{name}.{extension}" : $"{include}.{extension}"), safeHtml);
    }

    private IReadOnlyList<EmailAttachment> Attachments(NotificationKind kind, Change change) => kind switch
    {
        NotificationKind.CalendarInvite => [calendar.ToAttachment(change, CalendarMethod.Request)],
        NotificationKind.CalendarCancel => [calendar.ToAttachment(change, CalendarMethod.Cancel)],
        _ => [],
    };

    // A subject is one header line: user text with line breaks must not spill into other headers.
    private static string OneLine(string subject) =>
        string.Join(' ', subject.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
