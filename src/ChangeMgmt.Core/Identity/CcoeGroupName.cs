namespace ChangeMgmt.Core.Identity;

/// <summary>
/// What a CCoE cloud group's name says: <c>ccoe-cloud-{account}-{accountId}-…-idp-{application}-{role}</c>.
/// The account id is the first 12-digit token after the account name; tokens between it and
/// <c>idp</c> are ignored; the role is the last token and the application everything between.
/// </summary>
public sealed record CcoeGroup(string GroupName, string Account, string AccountId, string Application, string Role);

public static class CcoeGroupName
{
    public const string Prefix = "ccoe-cloud-";
    private const string IdpToken = "idp";

    public static bool TryParse(string? displayName, out CcoeGroup group)
    {
        group = null!;
        if (displayName is null || !displayName.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return false;
        var tokens = displayName[Prefix.Length..].Split('-');
        if (tokens.Any(t => t.Length == 0)) return false;

        var idIndex = Array.FindIndex(tokens, 1, IsAccountId);
        if (idIndex < 1) return false;
        var idpIndex = Array.FindIndex(tokens, idIndex + 1, t => t.Equals(IdpToken, StringComparison.OrdinalIgnoreCase));
        if (idpIndex < 0 || tokens.Length - idpIndex < 3) return false;

        group = new CcoeGroup(
            displayName,
            string.Join('-', tokens[..idIndex]),
            tokens[idIndex],
            string.Join('-', tokens[(idpIndex + 1)..^1]),
            tokens[^1]);
        return true;
    }

    /// <summary>The parsed group, or null for a name of another shape.</summary>
    public static CcoeGroup? Parse(string? displayName) => TryParse(displayName, out var group) ? group : null;

    private static bool IsAccountId(string token) => token.Length == 12 && token.All(char.IsAsciiDigit);
}
