using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Announcements;

/// <summary>An announcement's lifecycle: draft → submitted → approved (sent) → cancelled; a type without approval goes draft → approved.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AnnouncementStatus>))]
// long, not int, as ChangeStatus: PowerShell's ConvertTo-Json writes long-based enums by name.
public enum AnnouncementStatus : long
{
    [JsonStringEnumMemberName("draft")] Draft,
    [JsonStringEnumMemberName("submitted")] Submitted,
    [JsonStringEnumMemberName("approved")] Approved,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}
