namespace ChangeMgmt.Core.Changes;

/// <summary>
/// What lists and searches show of a change; kept in the change index. <see cref="Timezone"/> is the change's
/// own zone (index entries written before it was kept have none: readers show the window's offset instead);
/// <see cref="Emergency"/>: true when submitted or approved as an emergency (else left out; entries written before it was kept have none).
/// </summary>
public sealed record ChangeSummary(
    string ChangeId,
    string? ChangeTitle,
    ChangeStatus Status,
    int Version,
    IReadOnlyList<string> Customers,
    DateTimeOffset? CreatedAt,
    string? CreatedBy,
    DateTimeOffset? ModifiedAt,
    DateTimeOffset? ImplementationStart,
    DateTimeOffset? ImplementationEnd,
    string? SnowTicket,
    string? JiraTicket,
    DateTimeOffset? DeletedAt = null,
    string? ModifiedBy = null,
    string? Timezone = null,
    bool? Emergency = null)
{
    public static ChangeSummary From(Change c) => new(
        c.ChangeId, c.ChangeTitle, c.Status, c.Version, c.Customers, c.CreatedAt, c.CreatedBy, c.ModifiedAt,
        c.ImplementationStart, c.ImplementationEnd, c.SnowTicket, c.JiraTicket, c.DeletedAt, c.ModifiedBy, c.Timezone, c.Emergency is not null ? true : null);

    public bool Matches(ChangeQuery query) =>
        DeletedAt is null
        && (query.Status is null || Status == query.Status)
        && (query.Customer is null || Customers.Contains(query.Customer))
        && (query.Scope is null || Customers.Any(query.Scope.Contains))
        && (query.From is null || ImplementationEnd >= query.From || (ImplementationEnd is null && ImplementationStart >= query.From))
        && (query.To is null || ImplementationStart <= query.To)
        && (query.Ids is null || query.Ids.Contains(ChangeId))
        && (string.IsNullOrWhiteSpace(query.Text) || ContainsText(query.Text));

    private bool ContainsText(string text) =>
        new[] { ChangeId, ChangeTitle, SnowTicket, JiraTicket, CreatedBy }
            .Any(field => field?.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase) == true);
}

/// <summary>
/// A list or search: every filter optional; the window [From, To] overlaps the implementation window.
/// <see cref="Sort"/> null is <see cref="ChangeSort.Default"/> (most recently modified first).
/// <see cref="Scope"/> (a customer-scoped reader's customers) keeps the changes that include at least one of them.
/// <see cref="Ids"/> keeps only these changes (e.g. those with undelivered notices, from the ledger's index).
/// </summary>
public sealed record ChangeQuery(
    ChangeStatus? Status = null,
    string? Customer = null,
    string? Text = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int PageSize = 50,
    ChangeSort? Sort = null,
    IReadOnlySet<string>? Scope = null,
    IReadOnlySet<string>? Ids = null)
{
    public const int MaxPageSize = 200;
}
