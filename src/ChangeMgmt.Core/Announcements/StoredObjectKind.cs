using System.Text.Json;

namespace ChangeMgmt.Core.Announcements;

/// <summary>Tells a stored object under archive/, versions/ or customers/ apart by its <c>object_type</c>.</summary>
public static class StoredObjectKind
{
    /// <summary>
    /// The kind of a stored document: <c>object_type</c> "announcement" is an announcement; "change", any other
    /// value and none at all are a change (established change objects often carry no <c>object_type</c>).
    /// </summary>
    /// <remarks>A document that is not JSON counts as a change, whose reader then reports what is wrong with it.</remarks>
    public static ObjectKind Of(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return Read(utf8);
        }
        catch (JsonException)
        {
            return ObjectKind.Change;
        }
    }

    /// <summary>Whether a key under archive/, drafts/ or customers/ names an announcement by its file name (<c>ANN-….json</c>).</summary>
    public static bool IsAnnouncementKey(string key) =>
        key.EndsWith(".json", StringComparison.Ordinal) && key[(key.LastIndexOf('/') + 1)..].StartsWith(AnnouncementId.Prefix, StringComparison.Ordinal);

    private static ObjectKind Read(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return ObjectKind.Change;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isObjectType = reader.ValueTextEquals("object_type"u8);
            reader.Read();
            if (isObjectType)
                return reader.TokenType == JsonTokenType.String && string.Equals(reader.GetString(), Announcement.ObjectTypeName, StringComparison.OrdinalIgnoreCase)
                    ? ObjectKind.Announcement
                    : ObjectKind.Change;
            reader.Skip();
        }
        return ObjectKind.Change;
    }
}
