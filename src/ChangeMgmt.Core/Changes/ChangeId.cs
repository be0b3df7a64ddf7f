using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ChangeMgmt.Core.Changes;

/// <summary>Change identifiers: <c>CHG-yyyyMMdd-XXXXXX</c> (date of creation, six random characters).</summary>
public static partial class ChangeId
{
    // Crockford base32 without I, L, O, U: unambiguous when read aloud or retyped.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New(DateTimeOffset now)
    {
        Span<char> suffix = stackalloc char[6];
        for (var i = 0; i < suffix.Length; i++)
            suffix[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return $"CHG-{now.UtcDateTime:yyyyMMdd}-{suffix}";
    }

    /// <summary>True for any identifier that is safe as one S3 key segment (established IDs vary in form).</summary>
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^CHG-[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex Pattern();
}
