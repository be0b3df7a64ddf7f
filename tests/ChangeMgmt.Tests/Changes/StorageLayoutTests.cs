using System.Text.RegularExpressions;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Tests.Changes;

public sealed class StorageLayoutTests
{
    private const string Id = "CHG-20261130-7Q2K9D";

    [Fact]
    public void Keys_follow_the_bucket_layout()
    {
        Assert.Equal($"archive/{Id}.json", StorageLayout.Archive(Id));
        Assert.Equal($"drafts/{Id}.json", StorageLayout.Draft(Id));
        Assert.Equal($"versions/{Id}/v3.json", StorageLayout.Version(Id, 3));
        Assert.Equal($"versions/{Id}/", StorageLayout.VersionsOf(Id));
        Assert.Equal("customers/acme/", StorageLayout.CustomerPrefix("acme"));
        Assert.Equal($"customers/acme/{Id}.json", StorageLayout.CustomerTrigger("acme", Id));
        Assert.StartsWith(StorageLayout.VersionsOf(Id), StorageLayout.Version(Id, 1));
        Assert.StartsWith(StorageLayout.CustomerPrefix("acme"), StorageLayout.CustomerTrigger("acme", Id));
    }

    [Theory]
    [InlineData("acme", Id)]
    [InlineData("globex-eu_2", "CHG-legacy_42")]
    public void A_trigger_key_parses_back_to_its_customer_and_change(string code, string changeId)
    {
        Assert.True(StorageLayout.TryParseCustomerTrigger(StorageLayout.CustomerTrigger(code, changeId), out var parsedCode, out var parsedId));
        Assert.Equal(code, parsedCode);
        Assert.Equal(changeId, parsedId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("customers/")]
    [InlineData("customers/acme/")]
    [InlineData("customers/acme")]
    [InlineData("Customers/acme/" + Id + ".json")]
    [InlineData("customer/acme/" + Id + ".json")]
    [InlineData("archive/" + Id + ".json")]
    [InlineData("/customers/acme/" + Id + ".json")]
    [InlineData("customers/acme/sub/" + Id + ".json")]
    [InlineData("customers//" + Id + ".json")]
    [InlineData("customers/acme/" + Id + ".JSON")]
    [InlineData("customers/acme/" + Id + ".json.tmp")]
    [InlineData("customers/acme/" + Id)]
    [InlineData("customers/acme/.json")]
    [InlineData("customers/acme/CHG-.json")]
    [InlineData("customers/acme/chg-20261130-7Q2K9D.json")]
    [InlineData("customers/acme/readme.json")]
    [InlineData("customers/acme/CHG-a b.json")]
    [InlineData("customers/acme/ANN-.json")]
    [InlineData("customers/acme/ann-20261206-GEN001.json")]
    [InlineData("customers/acme/ANN-20261206-GEN001/attachments/a.json")]
    public void Other_keys_are_not_triggers(string key)
    {
        Assert.False(StorageLayout.TryParseCustomerTrigger(key, out _, out _));
    }

    [Fact]
    public void An_announcement_trigger_names_its_customer_and_announcement()
    {
        Assert.True(StorageLayout.TryParseCustomerTrigger("customers/acme/ANN-20261206-GEN001.json", out var customer, out var id));

        Assert.Equal("acme", customer);
        Assert.Equal("ANN-20261206-GEN001", id);
    }

    [Fact]
    public void New_change_ids_have_the_date_and_six_unambiguous_characters()
    {
        // 23:30 in New York on 30 November is 1 December in UTC: the id carries the UTC date.
        var now = new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.FromHours(-5));
        var format = new Regex("^CHG-20261201-[0-9A-HJKMNP-TV-Z]{6}$");

        var ids = Enumerable.Range(0, 500).Select(_ => ChangeId.New(now)).ToList();

        Assert.All(ids, id => Assert.Matches(format, id));
        Assert.All(ids, id => Assert.True(ChangeId.IsValid(id), id));
        Assert.True(ids.Distinct().Count() >= 499, "change ids repeat far more often than six random characters allow");
        Assert.True(ids.SelectMany(id => id[^6..]).Distinct().Count() > 20, "the random part uses only a few characters");
    }

    [Theory]
    [InlineData(Id)]
    [InlineData("CHG-legacy_42")]
    [InlineData("CHG-1")]
    [InlineData("CHG-a")]
    public void Valid_change_ids(string id) => Assert.True(ChangeId.IsValid(id));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("CHG-")]
    [InlineData("CHG")]
    [InlineData("chg-20261130-7Q2K9D")]
    [InlineData(" CHG-20261130-7Q2K9D")]
    [InlineData("CHG-20261130-7Q2K9D ")]
    [InlineData("CHG-_x")]
    [InlineData("CHG--x")]
    [InlineData("CHG-a/b")]
    [InlineData("CHG-a.json")]
    [InlineData("CHG-a b")]
    [InlineData("CHG-a%2Fb")]
    [InlineData("20261130-7Q2K9D")]
    public void Invalid_change_ids(string? id) => Assert.False(ChangeId.IsValid(id));

    [Fact]
    public void Change_ids_are_at_most_sixty_four_characters_after_the_prefix()
    {
        Assert.True(ChangeId.IsValid("CHG-" + new string('a', 64)));
        Assert.False(ChangeId.IsValid("CHG-" + new string('a', 65)));
    }
}
