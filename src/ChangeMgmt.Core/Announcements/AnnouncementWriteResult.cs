using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Core.Announcements;

/// <summary>
/// What a write did: the announcement as stored and its customers' triggers. <see cref="ScheduledFor"/> is set when
/// it was approved with a publish time ahead: no trigger is written until then.
/// </summary>
public sealed record AnnouncementWriteResult(Announcement Announcement, IReadOnlyList<CustomerTriggerResult> Triggers, DateTimeOffset? ScheduledFor = null);
