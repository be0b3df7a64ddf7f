using System.Management.Automation;
using ChangeMgmt.Core.Announcements;

namespace ChangeMgmt.Cmdlets;

/// <summary>Edits an announcement (draft or submitted) and attaches files; each write raises the version and keeps the previous one.</summary>
[Cmdlet(VerbsCommon.Set, "Announcement", SupportsShouldProcess = true, DefaultParameterSetName = ContentText)]
[OutputType(typeof(Announcement))]
public sealed class SetAnnouncementCommand : AnnouncementFieldsCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AnnouncementIdCompleter))]
    public string AnnouncementId { get; set; } = "";

    /// <summary>The version the edit is based on; if the announcement has moved on since, nothing is written (AnnouncementVersionConflict).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, int.MaxValue)]
    public int? Version { get; set; }

    private static readonly string[] Fields =
    [
        nameof(Type), nameof(Title), nameof(Summary), nameof(Content), nameof(ContentPath), nameof(Customer), nameof(MeetingDate),
        nameof(MeetingTimeZone), nameof(MeetingDurationMinutes), nameof(MeetingLocation), nameof(Attendee), nameof(Link), nameof(PublishAt),
    ];

    protected override void ProcessRecord()
    {
        var files = AttachmentFiles();
        try
        {
            var current = Await(ct => Core.Announcements.GetAsync(AnnouncementId, ct)).Announcement;
            var expected = Version ?? current.Version;
            var edited = WithFields(current);
            AnnouncementService.CheckFiles(current, files.Select(f => (f.Name, f.Length)));
            if (!ShouldProcess($"{AnnouncementId} v{current.Version} '{current.Title}'", files.Count > 0 ? $"Update, attach {string.Join(", ", files.Select(f => f.Name))}" : "Update")) return;
            var written = Fields.Any(MyInvocation.BoundParameters.ContainsKey)
                ? Await(ct => Core.Announcements.UpdateAsync(AnnouncementId, expected, edited, SessionUser, ct))
                : null;
            written = Attach(written?.Announcement ?? current with { Version = expected }, files) ?? written;
            if (written is not null) Report(written);
            else WriteObject(current);
        }
        catch (Exception ex) when (ChangeWriteErrors.IsPerChange(ex))
        {
            WriteError(Errors.For(ex, Errors.AnnouncementNoun, AnnouncementId));
        }
    }
}
