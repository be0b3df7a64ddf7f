using System.Management.Automation;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Cmdlets;

/// <summary>The editable fields of an announcement, and files to attach, as parameters (New-Announcement, Set-Announcement).</summary>
public abstract class AnnouncementFieldsCmdletBase : CustomerFieldsCmdletBase
{
    private protected const string ContentText = "ContentText";
    private protected const string ContentFile = "ContentFile";

    /// <summary>A configured announcement type (config.json announcement_types, else general, cic, finops, innersource).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("AnnouncementType")]
    [ArgumentCompleter(typeof(AnnouncementTypeCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Type { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Title { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Summary { get; set; }

    /// <summary>The body, in Markdown.</summary>
    [Parameter(ParameterSetName = ContentText, ValueFromPipelineByPropertyName = true)]
    public string? Content { get; set; }

    /// <summary>A Markdown file whose text is the body.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ContentFile)]
    [ValidateNotNullOrEmpty]
    public string? ContentPath { get; set; }

    /// <summary>An event's start: with a UTC offset an instant, without one a wall-clock time in -MeetingTimeZone.</summary>
    [Parameter]
    public ScheduleTime? MeetingDate { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(TimeZoneCompleter))]
    [ValidateNotNullOrEmpty]
    public string? MeetingTimeZone { get; set; }

    [Parameter]
    [ValidateRange(1, AnnouncementLimits.MeetingDurationMinutes)]
    public int? MeetingDurationMinutes { get; set; }

    [Parameter]
    public string? MeetingLocation { get; set; }

    [Parameter]
    [ValidateEmailAddress]
    public string[]? Attendee { get; set; }

    /// <summary>Links under the content: @{ Title = '…'; Url = 'https://…' } each.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Links")]
    public AnnouncementLink[]? Link { get; set; }

    /// <summary>Files to attach (pdf, png, jpeg, txt, csv, ics, xlsx, docx, pptx; 10 files and 7 MB together at most).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Attachment { get; set; }

    /// <summary>When an approved announcement is sent; without it, at approval.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public DateTimeOffset? PublishAt { get; set; }

    /// <summary>The announcement with every given parameter applied (customer wildcards expanded; unknown codes kept for validation to name).</summary>
    private protected Announcement WithFields(Announcement a)
    {
        var meeting = MeetingDate is not null || MeetingTimeZone is not null || MeetingDurationMinutes is not null || MeetingLocation is not null || Attendee is not null;
        return a with
        {
            AnnouncementType = Type ?? a.AnnouncementType,
            Title = Title ?? a.Title,
            Summary = Summary ?? a.Summary,
            Content = ContentPath is null ? Content ?? a.Content : ReadText(ContentPath),
            Customers = CustomersOr(a.Customers),
            IncludeMeeting = meeting ? true : a.IncludeMeeting,
            MeetingDate = MeetingDate?.Text ?? a.MeetingDate,
            MeetingTimezone = MeetingTimeZone is null ? a.MeetingTimezone : IanaZones.Canonical(MeetingTimeZone),
            MeetingDuration = MeetingDurationMinutes ?? a.MeetingDuration,
            MeetingLocation = MeetingLocation ?? a.MeetingLocation,
            Attendees = Attendee is null ? a.Attendees : [.. Attendee],
            Links = Link is null ? a.Links : [.. Link],
            PublishAt = PublishAt ?? a.PublishAt,
        };
    }

    /// <summary>-Attachment's files as full paths; a file that is not there terminates (a bad argument).</summary>
    private protected IReadOnlyList<FileInfo> AttachmentFiles()
    {
        var files = (Attachment ?? []).Select(path => new FileInfo(FullPath(path))).ToList();
        foreach (var missing in files.Where(f => !f.Exists))
            ThrowTerminatingError(Errors.InvalidArgument("AttachmentNotFound", $"-Attachment '{missing.FullName}': no such file.", missing.FullName));
        return files;
    }

    /// <summary>Adds each file as a new version (the version chained from <paramref name="current"/>); the last write, or null for none.</summary>
    private protected AnnouncementWriteResult? Attach(Announcement current, IReadOnlyList<FileInfo> files)
    {
        AnnouncementWriteResult? written = null;
        foreach (var file in files)
        {
            var version = written?.Announcement.Version ?? current.Version;
            written = Await(async ct =>
            {
                await using var content = file.OpenRead();
                return await Core.Announcements.AddAttachmentAsync(current.AnnouncementId, file.Name, null, content, version, SessionUser, ct);
            });
        }
        return written;
    }

    private string ReadText(string path)
    {
        var full = FullPath(path);
        try
        {
            return File.ReadAllText(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "ContentFileUnreadable", ErrorCategory.ReadError, full));
            throw; // unreachable
        }
    }

    private string FullPath(string path) => Path.GetFullPath(path, SessionState.Path.CurrentFileSystemLocation.ProviderPath);
}
