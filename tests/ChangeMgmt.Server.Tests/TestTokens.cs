using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChangeMgmt.Server.Tests;

/// <summary>Session tokens as the sign-in edge function issues them (JWT HS256 with the shared secret), and broken ones.</summary>
public static class TestTokens
{
    public const string Issuer = "changemgmt-edge";
    public const string Audience = "changemgmt-api";
    public const string SecretEnv = "CHANGEMGMT_SESSION_SECRET";

    /// <summary>The shared secret of the tests (base64 of 32 fixed bytes).</summary>
    public static readonly string Secret = Convert.ToBase64String(SHA256.HashData("changemgmt test session secret"u8));

    public static string For(string user, string[] roles, string[]? customers = null, string? secret = null,
        string issuer = Issuer, string audience = Audience, TimeSpan? expiresIn = null, TimeSpan? validFrom = null, string algorithm = SecurityAlgorithms.HmacSha256,
        IReadOnlyDictionary<string, object>? overrides = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = user,
            ["name"] = $"Test {user}",
            ["email"] = $"{user}@msp.example",
            ["roles"] = roles,
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (customers is not null) claims["customers"] = customers;
        foreach (var (claim, value) in overrides ?? new Dictionary<string, object>()) claims[claim] = value;
        var key = Convert.FromBase64String(secret ?? Secret);
        if (algorithm == SecurityAlgorithms.HmacSha512) key = [.. key, .. key];
        var notBefore = now + (validFrom ?? TimeSpan.FromMinutes(-1));
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(15));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = notBefore < expires ? notBefore : expires.AddMinutes(-1),
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), algorithm),
        });
    }

    /// <summary>The same claims, unsigned (<c>alg: none</c>).</summary>
    public static string Unsigned(string user, string[] roles)
    {
        var payload = new Dictionary<string, object>
        {
            ["sub"] = user, ["roles"] = roles, ["iss"] = Issuer, ["aud"] = Audience,
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["exp"] = DateTimeOffset.UtcNow.AddMinutes(15).ToUnixTimeSeconds(),
        };
        return $"{Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "none", typ = "JWT" }))}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload))}.";
    }

    /// <summary>A valid token whose payload was changed afterwards (another user, admin), signature kept.</summary>
    public static string Tampered(string user, string[] roles)
    {
        var parts = For(user, roles).Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlEncoder.DecodeBytes(parts[1]))!;
        var changed = payload.ToDictionary(p => p.Key, p => (object)p.Value);
        changed["sub"] = "mallory";
        changed["roles"] = new[] { "admin" };
        return $"{parts[0]}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(changed))}.{parts[2]}";
    }

    private static string Base64Url(byte[] bytes) => Base64UrlEncoder.Encode(bytes);

    public static string OtherSecret() => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("another secret")));
}
