using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Feedback;

/// <summary>A recipient's outcome moved because of <paramref name="Event"/>: the delivery it concerns and its new outcome.</summary>
public sealed record RecipientOutcomeChange(DeliveryKey Delivery, string MessageId, RecipientFeedback Feedback, SesEvent Event);
