using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Rendering;

/// <summary>One notification ready to send: the same content goes to every recipient of a customer.</summary>
public sealed record RenderedEmail(string Subject, string HtmlBody, string TextBody, IReadOnlyList<EmailAttachment> Attachments);
