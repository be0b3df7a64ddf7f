using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Tests.Announcements;

/// <summary>
/// announcement-original.json is shaped after the original Go tool's announcement (its field names as issue 21 lists
/// them; the tool's source was not available), with two fields this system does not know (priority, meeting_metadata).
/// </summary>
internal static class AnnouncementFixtures
{
    public const string OriginalName = "announcement-original.json";

    public static readonly ChangeMgmtConfig Config = new()
    {
        CustomerMappings = new(StringComparer.Ordinal)
        {
            ["acme"] = new() { CustomerCode = "acme", CustomerName = "Acme Corp" },
            ["globex"] = new() { CustomerCode = "globex", CustomerName = "Globex" },
        },
    };

    public static byte[] OriginalBytes() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Announcements", "Fixtures", OriginalName));

    public static Announcement Original() => AnnouncementJson.Deserialize(OriginalBytes(), OriginalName);
}
