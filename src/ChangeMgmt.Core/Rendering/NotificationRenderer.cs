using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Rendering;

/// <summary>
/// Turns a change into the email for one notification kind and one customer, from that
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

    public RenderedEmail Render(NotificationKind kind, Change change, CustomerConfig customer)
    {
        var attachments = Attachments(kind, change);
        var values = NotificationValues.For(change, customer, email);
        var name = NotificationTemplateNames.For(kind);
        var subject = TemplateEngine.Render(templates.Find(customer.CustomerCode, $"{name}.subject.txt"), values, TemplateFormat.Text);
        return new RenderedEmail(
            OneLine(subject),
            Body(customer, name, values, TemplateFormat.Html),
            Body(customer, name, values, TemplateFormat.Text),
            attachments);
    }

    /// <summary>The test message of Send-SesTestEmail, in the customer's layout (with its unsubscribe link).</summary>
    public RenderedEmail RenderTest(CustomerConfig customer)
    {
        var values = new Dictionary<string, string?> { ["customerName"] = customer.DisplayName, ["changeId"] = "", ["title"] = "Test message" };
        var subject = TemplateEngine.Render(templates.Find(customer.CustomerCode, $"{NotificationTemplateNames.TestMessage}.subject.txt"), values, TemplateFormat.Text);
        return new RenderedEmail(OneLine(subject),
            Body(customer, NotificationTemplateNames.TestMessage, values, TemplateFormat.Html),
            Body(customer, NotificationTemplateNames.TestMessage, values, TemplateFormat.Text), []);
    }

    private string Body(CustomerConfig customer, string name, IReadOnlyDictionary<string, string?> values, TemplateFormat format)
    {
        var extension = format == TemplateFormat.Html ? "html" : "txt";
        var layout = templates.Find(customer.CustomerCode, $"layout.{extension}");
        return TemplateEngine.Render(layout, values, format, include => templates.Find(
            customer.CustomerCode,
            include == NotificationTemplateNames.ContentInclude ? $"{name}.{extension}" : $"{include}.{extension}"));
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
