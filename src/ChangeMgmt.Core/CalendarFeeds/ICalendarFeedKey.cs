using System.Security.Cryptography;
using System.Text;

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
}
