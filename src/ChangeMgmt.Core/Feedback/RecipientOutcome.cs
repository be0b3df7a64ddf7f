namespace ChangeMgmt.Core.Feedback;

// long, not int: PowerShell's ConvertTo-Json writes long-based enums by name, so exported output reads as words.

/// <summary>What became of one notification sent to one recipient, as far as SES has told us.</summary>
public enum RecipientOutcome : long { Accepted, Delayed, BouncedTransient, Delivered, BouncedPermanent, Rejected, Complained }
