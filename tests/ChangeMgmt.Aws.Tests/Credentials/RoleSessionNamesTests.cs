using ChangeMgmt.Aws.Credentials;

namespace ChangeMgmt.Aws.Tests.Credentials;

public sealed class RoleSessionNamesTests
{
    [Fact]
    public void The_name_is_caller_then_customer()
    {
        Assert.Equal("changemgmt-delivery-acme", RoleSessionNames.For("changemgmt-delivery", "acme"));
    }

    [Fact]
    public void Disallowed_characters_become_dashes()
    {
        Assert.Equal("change-mgmt-acme-corp", RoleSessionNames.For("change mgmt", "acme/corp"));
        Assert.Equal("a_b+c=d,e.f@g-h", RoleSessionNames.For("a_b+c=d,e.f@g", "h"));
    }

    [Fact]
    public void A_long_caller_is_shortened_so_that_the_customer_stays()
    {
        var name = RoleSessionNames.For(new string('c', 80), "globex");
        Assert.Equal(RoleSessionNames.MaxLength, name.Length);
        Assert.EndsWith("-globex", name, StringComparison.Ordinal);
        Assert.Equal(RoleSessionNames.MaxLength, RoleSessionNames.For("x", new string('g', 100)).Length);
    }
}
