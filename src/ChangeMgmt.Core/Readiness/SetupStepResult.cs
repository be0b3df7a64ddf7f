namespace ChangeMgmt.Core.Readiness;

/// <summary>Planned: -WhatIf's answer (it would be done); Skipped: nothing configured for it.</summary>
// long, not int: PowerShell's ConvertTo-Json writes long-based enums by name, so exported output reads as words.
public enum SetupStepStatus : long { Done, AlreadySo, Failed, Planned, Skipped }

/// <summary>One step of setting up a customer's SES account, and what came of it (with the fix when it failed).</summary>
public sealed record SetupStepResult(string CustomerCode, string Step, SetupStepStatus Status, string Detail, string? Fix = null);
