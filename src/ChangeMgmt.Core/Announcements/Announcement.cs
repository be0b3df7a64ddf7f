using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Core.Announcements;

/// <summary>
/// An announcement (cost report, security advisory, new service, training, quarterly review), written once for some
/// customers. Field names are the original Go tool's: snake_case for the announcement's own fields
/// (<c>announcement_id</c>, <c>include_meeting</c>, <c>meeting_*</c>), camelCase for the lifecycle fields it shares
/// with changes (<c>submittedBy</c>, <c>createdAt</c>). The original's struct was not available to this project; the
/// names follow issue 21's list of them. Unknown fields survive a round trip in <see cref="Extra"/>.
/// </summary>
public sealed record Announcement
{
    // Defaulted and extension-data properties are set, not init: generated JSON metadata would leave an init-only default unset (dotnet/runtime#84484).
    public const string ObjectTypeName = "announcement";

    /// <summary>Always written: the message parser tells an announcement from a change by it (<see cref="StoredObjectKind"/>).</summary>
    [JsonPropertyName("object_type")] public string ObjectType { get; set; } = ObjectTypeName;
    [JsonPropertyName("announcement_id")] public string AnnouncementId { get; set; } = "";
    /// <summary>A configured type's name (<see cref="AnnouncementTypes"/>); the original wrote e.g. "CIC", "FinOps", matched without case.</summary>
    [JsonPropertyName("announcement_type")] public string? AnnouncementType { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("summary")] public string? Summary { get; init; }
    /// <summary>Markdown, rendered to sanitised HTML and to text by <see cref="Rendering.MarkdownContent"/>.</summary>
    [JsonPropertyName("content")] public string? Content { get; init; }
    [JsonPropertyName("customers")] public List<string> Customers { get; set; } = [];

    [JsonPropertyName("include_meeting")] public bool? IncludeMeeting { get; init; }
    /// <summary>ISO 8601; with an offset an instant, without one a wall-clock time in <see cref="MeetingTimezone"/>.</summary>
    [JsonPropertyName("meeting_date")] public string? MeetingDate { get; init; }
    [JsonPropertyName("meeting_timezone")] public string? MeetingTimezone { get; init; }
    /// <summary>Minutes.</summary>
    [JsonPropertyName("meeting_duration")] public int? MeetingDuration { get; init; }
    [JsonPropertyName("meeting_location")] public string? MeetingLocation { get; init; }
    [JsonPropertyName("attendees")] public List<string>? Attendees { get; init; }

    public List<AnnouncementLink>? Links { get; init; }
    [JsonPropertyName("attachments")] public List<AnnouncementAttachment>? Attachments { get; init; }
    /// <summary>When an approved announcement is sent; absent: at approval.</summary>
    public DateTimeOffset? PublishAt { get; init; }

    [JsonPropertyName("status")] public AnnouncementStatus Status { get; set; } = AnnouncementStatus.Draft;
    [JsonPropertyName("version")] public int Version { get; init; }
    // The change's lifecycle fields by the same names. Declared again, not inherited from a shared base record: the
    // JSON is flat either way, and a base record would move these fields to the front of every stored change.
    public DateTimeOffset? CreatedAt { get; init; }
    public string? CreatedBy { get; init; }
    public DateTimeOffset? ModifiedAt { get; init; }
    public string? ModifiedBy { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public string? SubmittedBy { get; init; }
    public DateTimeOffset? ApprovedAt { get; init; }
    public string? ApprovedBy { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public string? CancelledBy { get; init; }
    /// <summary>A deleted draft is kept (with its versions) and marked, as a change is.</summary>
    public DateTimeOffset? DeletedAt { get; init; }
    public string? DeletedBy { get; init; }
    [JsonPropertyName("modifications")] public List<Modification> Modifications { get; set; } = [];

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>Whether the announcement carries an event (and so a calendar invite).</summary>
    [JsonIgnore] public bool HasEvent => IncludeMeeting == true;
}
