using ChangeMgmt.Core.Administration;

namespace ChangeMgmt.Tests.Administration;

public sealed class EmailAddressesTests
{
    [Theory]
    [InlineData("jane@acme.example")]
    [InlineData("first.last+changes@mail.acme.example")]
    [InlineData("o'brien@acme.co.uk")]
    [InlineData("ops@bücher.example")]
    public void An_address_is_accepted(string address) => Assert.Null(EmailAddresses.Problem(address));

    [Theory]
    [InlineData("a b@@acme", "a space")]
    [InlineData("ab@@acme.example", "2 '@'")]
    [InlineData("jane.acme.example", "no '@'")]
    [InlineData("jane@acme", "'acme' after the '@' is not a domain name")]
    [InlineData("jane@-acme.example", "not a domain name")]
    [InlineData(".jane@acme.example", "'.jane' before the '@'")]
    [InlineData("ja..ne@acme.example", "before the '@'")]
    [InlineData("<jane@acme.example>", "before the '@'")]
    [InlineData("", "empty")]
    public void A_malformed_address_is_named_with_what_is_wrong(string address, string why)
    {
        var problem = EmailAddresses.Problem(address);

        Assert.NotNull(problem);
        Assert.Contains(why, problem, StringComparison.Ordinal);
        if (address.Length > 0) Assert.StartsWith($"'{address}' is not an email address", problem, StringComparison.Ordinal);
    }
}
