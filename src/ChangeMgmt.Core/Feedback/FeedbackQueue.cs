namespace ChangeMgmt.Core.Feedback;

/// <summary>
/// The queue SES events arrive on in local mode, beside the customers' queues. Its name has a dot, which no
/// customer code may have, so it never collides with one.
/// </summary>
public static class FeedbackQueue
{
    public const string Name = "changemgmt.ses-events";
}
