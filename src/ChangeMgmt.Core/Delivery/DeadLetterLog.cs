using ChangeMgmt.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// The one log line for a dead letter we keep; its event id is what the MSP template's metric filter
/// counts (<c>{ $.EventId = 1301 }</c> on the delivery function's JSON log), so those raise an alarm too.
/// </summary>
public static class DeadLetterLog
{
    public const int EventIdNumber = 1301;
    public static readonly EventId DeadLettered = new(EventIdNumber, "DeadLettered");

    public static void Write(ILogger log, DeadLetter letter) =>
        log.LogWarning(DeadLettered, "{CustomerCode}: message {MessageId} dead-lettered: {Reason}", letter.CustomerCode, letter.MessageId, letter.Reason);
}
