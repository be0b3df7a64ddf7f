namespace ChangeMgmt.Aws.Credentials;

/// <summary>
/// AssumeRole session names, <c>{caller}-{customer}</c>: 2–64 characters of <c>[A-Za-z0-9_+=,.@-]</c>
/// (others become '-'); a long caller name is shortened first so that the customer stays visible in CloudTrail.
/// </summary>
public static class RoleSessionNames
{
    public const int MaxLength = 64;

    public static string For(string callerName, string customerCode)
    {
        var customer = Clean(customerCode);
        if (customer.Length > MaxLength - 2) customer = customer[..(MaxLength - 2)];
        var caller = Clean(callerName);
        if (caller.Length == 0) caller = "changemgmt";
        var room = MaxLength - 1 - customer.Length;
        return $"{(caller.Length > room ? caller[..room] : caller)}-{customer}";
    }

    private static string Clean(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = IsAllowed(source[i]) ? source[i] : '-';
        });

    private static bool IsAllowed(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '_' or '+' or '=' or ',' or '.' or '@' or '-';
}
