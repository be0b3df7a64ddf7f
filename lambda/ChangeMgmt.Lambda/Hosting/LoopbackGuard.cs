using System.Net;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>Local mode has one unauthenticated operator, so it may only listen on loopback.</summary>
public static class LoopbackGuard
{
    public static IReadOnlyList<string> NonLoopback(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(url => !IsLoopback(url))
            .ToList();

    private static bool IsLoopback(string url)
    {
        var host = url.Split("://", 2).Last().Split('/')[0];
        host = host.StartsWith('[') ? host[1..host.IndexOf(']')] : host.Split(':')[0];
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
