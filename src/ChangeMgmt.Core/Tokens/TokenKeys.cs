using System.Security.Cryptography;
using System.Text;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Core.Tokens;

/// <summary>What a signed token is for; each use has a key of its own.</summary>
public enum TokenUse { CalendarFeed, Preferences }

/// <summary>
/// The keys that sign the tokens the product hands out (calendar feeds, preference links), all derived (HKDF-SHA256)
/// from one secret the host already has, each under a label of its own: a token of one use never verifies as another,
/// and no secret is ever used as a key itself. Where the secret comes from is the host's business (on AWS the session
/// secret, locally a key file in the data directory).
/// </summary>
public sealed class TokenKeys
{
    public const int KeyBytes = 32;
    private readonly byte[] feed;
    private readonly byte[] preferences;

    public TokenKeys(ReadOnlySpan<byte> secret)
    {
        if (secret.Length < KeyBytes) throw new ArgumentException($"The secret token keys are derived from must have at least {KeyBytes} bytes.", nameof(secret));
        feed = Derive(secret, "changemgmt calendar-feed token key v1");
        preferences = Derive(secret, "changemgmt preferences token key v1");
    }

    public ReadOnlySpan<byte> For(TokenUse use) => use switch
    {
        TokenUse.CalendarFeed => feed,
        TokenUse.Preferences => preferences,
        _ => throw new ArgumentOutOfRangeException(nameof(use), use, null),
    };

    private static byte[] Derive(ReadOnlySpan<byte> secret, string label) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret.ToArray(), KeyBytes, salt: [], info: Encoding.ASCII.GetBytes(label));

    /// <summary>
    /// The keys the API function derives, for a host that is not the API (a cmdlet on AWS, the delivery function): from
    /// config.json <c>auth</c>'s session secret (<c>session_secret_env</c>'s variable, else <c>session_secret</c>).
    /// </summary>
    public static TokenKeys FromSessionSecret(AuthConfig? auth, Func<string, string?> environment)
    {
        var secret = auth?.SessionSecretEnv is { } name ? environment(name) : auth?.SessionSecret;
        return secret is { Length: > 0 } && AuthConfig.DecodeSecret(secret) is { Length: >= AuthConfig.MinSecretBytes } bytes
            ? new(bytes)
            : throw new InvalidOperationException(auth?.SessionSecretEnv is { } variable
                ? $"Calendar feed and preference tokens are signed with keys derived from the API's session secret: set ${variable} (config.json auth.session_secret_env) to it (base64 of at least {AuthConfig.MinSecretBytes} bytes)."
                : "Calendar feed and preference tokens are signed with keys derived from the API's session secret: config.json needs auth.session_secret_env naming the variable that holds it.");
    }
}
