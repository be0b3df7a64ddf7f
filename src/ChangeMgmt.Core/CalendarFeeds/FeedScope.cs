namespace ChangeMgmt.Core.CalendarFeeds;

/// <summary>
/// Whose changes a calendar feed shows: one customer's (<c>customer:{code}</c>) or every customer's (<c>all</c>).
/// The feed's file is <c>{code}.ics</c> or <c>all.ics</c>.
/// </summary>
public sealed record FeedScope(string? Customer)
{
    public const string AllText = "all";
    private const string CustomerText = "customer:";
    private const string Extension = ".ics";

    public static readonly FeedScope All = new((string?)null);

    public static FeedScope ForCustomer(string code) => new(code);

    public bool IsAll => Customer is null;

    /// <summary>As tokens and records hold it: <c>all</c> or <c>customer:{code}</c>.</summary>
    public string Text => Customer is null ? AllText : CustomerText + Customer;

    /// <summary>The feed's file name under <c>/calendar/</c>.</summary>
    public string FileName => (Customer ?? AllText) + Extension;

    public bool Includes(IReadOnlyList<string> customers) => Customer is null || customers.Contains(Customer, StringComparer.Ordinal);

    /// <summary>The customers a feed may show of an item: all of them for the MSP-wide feed, else only its own.</summary>
    public IReadOnlyList<string> Shown(IReadOnlyList<string> customers) => Customer is null ? customers : [Customer];

    public static FeedScope? Parse(string? text) => text switch
    {
        AllText => All,
        { Length: > 9 } t when t.StartsWith(CustomerText, StringComparison.Ordinal) => ForCustomer(t[CustomerText.Length..]),
        _ => null,
    };

    /// <summary>The scope a feed file names (<c>acme.ics</c>, <c>all.ics</c>); null for anything else.</summary>
    public static FeedScope? FromFileName(string fileName) =>
        fileName.EndsWith(Extension, StringComparison.Ordinal) && fileName[..^Extension.Length] is { Length: > 0 } name
            ? name == AllText ? All : ForCustomer(name)
            : null;

    public override string ToString() => Text;
}
