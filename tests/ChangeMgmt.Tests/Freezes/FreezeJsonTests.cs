using System.Text;
using ChangeMgmt.Core.Freezes;

namespace ChangeMgmt.Tests.Freezes;

public sealed class FreezeJsonTests
{
    private static ChangeFreeze Read(string json) => FreezeJson.Deserialize(Encoding.UTF8.GetBytes(json), "freezes/FRZ-1.json");

    [Theory]
    [InlineData("null", "freezes/FRZ-1.json: the document is empty (null); expected a freeze object.")]
    [InlineData("{\"version\": \"two\"}", "freezes/FRZ-1.json: not a valid freeze document at $.version")]
    public void A_bad_document_names_its_key_and_kind(string json, string message)
    {
        Assert.StartsWith(message, Assert.Throws<InvalidDataException>(() => Read(json)).Message);
    }

    // Generated metadata (issue 25) left init-only defaults unset when a document leaves the field out (dotnet/runtime#84484).
    [Fact]
    public void A_document_leaving_out_the_defaulted_fields_reads_with_their_defaults()
    {
        var freeze = Read("{\"name\": \"Year end\"}");

        Assert.Equal("", freeze.FreezeId);
        Assert.Empty(freeze.Customers);
        Assert.True(freeze.IsGlobal);
        Assert.Null(freeze.Extra);
    }

    [Fact]
    public void Unknown_fields_survive_a_round_trip()
    {
        var freeze = Read("{\"freezeId\": \"FRZ-20261201-AAAAAA\", \"startDate\": \"2026-12-24\", \"approvedBy\": \"cab\"}");

        Assert.Equal(new DateOnly(2026, 12, 24), freeze.StartDate);
        Assert.Contains("\"approvedBy\": \"cab\"", Encoding.UTF8.GetString(FreezeJson.Serialize(freeze)));
    }
}
