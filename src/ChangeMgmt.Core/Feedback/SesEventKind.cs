namespace ChangeMgmt.Core.Feedback;

// long, not int: PowerShell's ConvertTo-Json writes long-based enums by name, so exported output reads as words.

/// <summary>
/// The SES email sending events. Open and Click are parsed so a configuration set that publishes them
/// does not fill the dead-letter log, but they change no outcome.
/// </summary>
public enum SesEventKind : long { Send, Delivery, Bounce, Complaint, Reject, DeliveryDelay, RenderingFailure, Subscription, Open, Click }

// long, not int: PowerShell's ConvertTo-Json writes long-based enums by name, so exported output reads as words.

public enum SesBounceType : long { Undetermined, Permanent, Transient }
