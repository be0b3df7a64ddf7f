namespace ChangeMgmt.Core.Feedback;

// long, not int: PowerShell's ConvertTo-Json writes long-based enums by name, so exported output reads as words.

/// <summary>
/// Healthy: below the warning thresholds (or too few sends to judge). Warning: a rate at or over its warning threshold.
/// AtRisk: a rate at or over the level where AWS reviews the account, or SES itself has the account under review
/// (enforcement status PROBATION) or paused (SHUTDOWN, sending disabled).
/// </summary>
public enum ReputationStatus : long { Healthy, Warning, AtRisk }
