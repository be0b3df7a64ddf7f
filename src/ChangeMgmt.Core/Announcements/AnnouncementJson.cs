using System.Text.Json;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Json;

namespace ChangeMgmt.Core.Announcements;

/// <summary>Announcement JSON (archive objects, triggers, API bodies), with the change's serializer setup (<see cref="ChangeJson.Options"/>).</summary>
public static class AnnouncementJson
{
    public static byte[] Serialize(Announcement announcement) => JsonSerializer.SerializeToUtf8Bytes(announcement, ChangeJson.Options.TypeInfo<Announcement>());

    public static Announcement Deserialize(ReadOnlySpan<byte> utf8, string source)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8, ChangeJson.Options.TypeInfo<Announcement>())
                ?? throw new InvalidDataException($"{source}: the document is empty (null); expected an announcement object.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not a valid announcement document at {ex.Path ?? "$"}: {ex.Message}", ex);
        }
    }
}
