using System.Security.Cryptography;
using System.Text;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Core.CalendarFeeds;

/// <summary>The key that signs calendar feed tokens; where it comes from is the host's business.</summary>
public interface ICalendarFeedKey
{
    ReadOnlySpan<byte> Key { get; }
}

/// <summary>
/// A feed key derived (HKDF-SHA256) from a secret the host already has, e.g. the session secret, under a label of
/// its own: a feed token and a session token are never signed with the same key, and no new secret is needed.
/// </summary>
public sealed class DerivedFeedKey : ICalendarFeedKey
{
    public const int KeyBytes = 32;
    private static readonly byte[] Label = Encoding.ASCII.GetBytes("changemgmt calendar-feed token key v1");
    private readonly byte[] key;

    public DerivedFeedKey(ReadOnlySpan<byte> secret)
    {
        if (secret.Length < KeyBytes) throw new ArgumentException($"The secret a feed key is derived from must have at least {KeyBytes} bytes.", nameof(secret));
        key = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret.ToArray(), KeyBytes, salt: [], info: Label);
    }

    public ReadOnlySpan<byte> Key => key;

    /// <summary>
    /// The key the API function derives, for a host that is not the API (a cmdlet on AWS): from config.json
    /// <c>auth</c>'s session secret (<c>session_secret_env</c>'s variable, else <c>session_secret</c>).
    /// </summary>
    public static DerivedFeedKey FromSessionSecret(AuthConfig? auth, Func<string, string?> environment)
    {
        var secret = auth?.SessionSecretEnv is { } name ? environment(name) : auth?.SessionSecret;
        return secret is { Length: > 0 } && AuthConfig.DecodeSecret(secret) is { Length: >= AuthConfig.MinSecretBytes } bytes
            ? new(bytes)
            : throw new InvalidOperationException(auth?.SessionSecretEnv is { } variable
                ? $"Calendar feed tokens are signed with a key derived from the API's session secret: set ${variable} (config.json auth.session_secret_env) to it (base64 of at least {AuthConfig.MinSecretBytes} bytes)."
                : "Calendar feed tokens are signed with a key derived from the API's session secret: config.json needs auth.session_secret_env naming the variable that holds it.");
    }
}
