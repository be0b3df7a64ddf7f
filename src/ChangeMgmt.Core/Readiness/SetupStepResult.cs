namespace ChangeMgmt.Core.Readiness;

/// <summary>Planned: -WhatIf's answer (it would be done); Skipped: nothing configured for it.</summary>
public enum SetupStepStatus { Done, AlreadySo, Failed, Planned, Skipped }

/// <summary>One step of setting up a customer's SES account, and what came of it (with the fix when it failed).</summary>
public sealed record SetupStepResult(string CustomerCode, string Step, SetupStepStatus Status, string Detail, string? Fix = null);
