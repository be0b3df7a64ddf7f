using System.Collections.Concurrent;
using System.Text;
using ChangeMgmt.Core.Ports;
using MimeKit;
using MimeKit.Utils;

namespace ChangeMgmt.Local;

/// <summary>
/// Every recipient of one notification gets the same message but for To, Date and Message-ID. The
/// rest (sender, subject, SES headers, bodies, attachments) is built by <see cref="SesMimeBuilder"/>
/// once per distinct content and kept here; each send prepends its own three headers.
/// </summary>
internal sealed class SesMimeTemplates(string customerCode)
{
    private const int MaxTemplates = 64;
    private readonly ConcurrentDictionary<OutgoingEmail, byte[]> _templates = new();

    public byte[] Build(string messageId, OutgoingEmail email, string recipient, DateTimeOffset sentAt)
    {
        var template = _templates.GetOrAdd(email with { To = "" }, Template);
        var head = Encoding.UTF8.GetBytes(
            $"To: {recipient}\r\nDate: {DateUtils.FormatDate(sentAt)}\r\nMessage-Id: <{messageId}@{customerCode.ToLowerInvariant()}.local.invalid>\r\n");
        var mime = new byte[head.Length + template.Length];
        head.CopyTo(mime, 0);
        template.CopyTo(mime, head.Length);
        return mime;
    }

    private byte[] Template(OutgoingEmail content)
    {
        if (_templates.Count >= MaxTemplates) _templates.Clear();
        var message = SesMimeBuilder.Build(customerCode, "template", content with { To = "template@local.invalid" }, DateTimeOffset.UnixEpoch);
        message.Headers.Remove(HeaderId.To);
        message.Headers.Remove(HeaderId.Date);
        message.Headers.Remove(HeaderId.MessageId);
        return SesMimeBuilder.ToBytes(message);
    }
}
