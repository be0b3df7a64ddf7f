namespace ChangeMgmt.Core.Feedback;

/// <summary>One customer's contact hygiene: the action for a permanent bounce and for a complaint.</summary>
public sealed record BouncePolicy(HygieneAction PermanentBounce, HygieneAction Complaint);
