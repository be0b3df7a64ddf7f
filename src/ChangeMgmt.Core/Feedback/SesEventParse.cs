namespace ChangeMgmt.Core.Feedback;

/// <summary>What one queue message body (or <c>POST /events</c> body) turned out to be.</summary>
public abstract record SesEventParse
{
    public sealed record Parsed(SesEvent Event) : SesEventParse;

    /// <summary>Genuine, but carries no event: an SNS subscription handshake, SES's topic test notification, an event type SES added after us.</summary>
    public sealed record Ignored(string Reason) : SesEventParse;

    /// <summary>Can never be processed; the caller keeps it as a dead letter with <see cref="Reason"/>.</summary>
    public abstract record DeadLetter(string Reason) : SesEventParse;

    /// <summary>Valid JSON of another shape: not from SES, or an SES event lacking what every event has.</summary>
    public sealed record NotSesEvent(string Reason) : DeadLetter(Reason);

    /// <summary>Not JSON at all, or not a JSON object.</summary>
    public sealed record Malformed(string Reason) : DeadLetter(Reason);
}
