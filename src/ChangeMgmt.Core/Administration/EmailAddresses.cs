using System.Text.RegularExpressions;

namespace ChangeMgmt.Core.Administration;

/// <summary>
/// The addresses SES takes as a contact, a suppression entry or a recipient: one local part and one domain name
/// (local@example.com), checked before any call so a typo is named at once instead of failing in the account.
/// </summary>
public static partial class EmailAddresses
{
    public const string Example = "jane@example.com";
    private const int MaxLength = 254;
    private const int MaxLocalPart = 64;

    /// <summary>Null when <paramref name="address"/> is usable; else what is wrong with it, naming it.</summary>
    public static string? Problem(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return $"an empty email address is not an email address (e.g. {Example})";
        var why = Why(address);
        return why is null ? null : $"'{Shown(address)}' is not an email address: {why} (e.g. {Example})";
    }

    private static string? Why(string address)
    {
        if (address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))) return "it contains a space or a control character";
        var ats = address.Count(c => c == '@');
        if (ats != 1) return ats == 0 ? "it has no '@'" : $"it has {ats} '@' where one separates the name from the domain";
        if (address.Length > MaxLength) return $"it is longer than {MaxLength} characters";
        var at = address.IndexOf('@');
        var (local, domain) = (address[..at], address[(at + 1)..]);
        if (local.Length is 0 or > MaxLocalPart || !LocalPart().IsMatch(local)) return $"'{local}' before the '@' is not a mailbox name";
        if (!DomainName().IsMatch(domain)) return $"'{domain}' after the '@' is not a domain name";
        return null;
    }

    private static string Shown(string address) => address.Length > MaxLength ? address[..MaxLength] + "…" : address;

    // RFC 5322 dot-atom: no leading, trailing or doubled dot.
    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")]
    private static partial Regex LocalPart();

    // At least two labels; each of letters (any script), digits and inner hyphens.
    [GeneratedRegex(@"^([\p{L}\p{N}]([\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}\p{N}]([\p{L}\p{N}-]*[\p{L}\p{N}])?$")]
    private static partial Regex DomainName();
}
