namespace ChangeMgmt.Core.Feedback;

// long, not int: PowerShell's ConvertTo-Json writes long-based enums by name, so exported output reads as words.

/// <summary>What feedback does to a contact: opt out of every topic, unsubscribe from all, remove it, or keep it as it is (marked only).</summary>
public enum HygieneAction : long { OptOut, UnsubscribeAll, Remove, Keep }
