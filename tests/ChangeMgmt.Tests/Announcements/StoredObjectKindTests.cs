using System.Text;
using ChangeMgmt.Core.Announcements;

namespace ChangeMgmt.Tests.Announcements;

public sealed class StoredObjectKindTests
{
    [Theory]
    [InlineData("""{"object_type":"announcement","announcement_id":"ANN-1"}""", ObjectKind.Announcement)]
    [InlineData("""{"announcement_id":"ANN-1","nested":{"object_type":"change"},"object_type":"Announcement"}""", ObjectKind.Announcement)]
    [InlineData("""{"object_type":"change","changeId":"CHG-1"}""", ObjectKind.Change)]
    [InlineData("""{"changeId":"CHG-1","customers":["acme"]}""", ObjectKind.Change)]
    [InlineData("""{"object_type":42}""", ObjectKind.Change)]
    [InlineData("""[1,2]""", ObjectKind.Change)]
    [InlineData("""{"object_type":"announ""", ObjectKind.Change)]
    public void The_kind_is_read_from_object_type_and_a_change_is_the_default(string json, ObjectKind expected) =>
        Assert.Equal(expected, StoredObjectKind.Of(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void The_shared_change_fixture_is_a_change_and_the_original_announcement_an_announcement()
    {
        Assert.Equal(ObjectKind.Change, StoredObjectKind.Of(SharedFixtures.Bytes("change-submitted.json")));
        Assert.Equal(ObjectKind.Announcement, StoredObjectKind.Of(AnnouncementFixtures.OriginalBytes()));
    }
}
