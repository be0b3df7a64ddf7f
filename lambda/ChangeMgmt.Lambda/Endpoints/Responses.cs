namespace ChangeMgmt.Lambda.Endpoints;

// The API's response bodies that more than one route answers. The JSON names are the camelCase of the
// properties (the portal and the tests read them): items, nextPageToken.

/// <summary>A whole list: <c>{"items":[…]}</c>.</summary>
public sealed record ItemsResponse<T>(IReadOnlyList<T> Items);

/// <summary>A page of a list: <c>{"items":[…],"nextPageToken":…}</c>; the last page has no token.</summary>
public sealed record PageResponse<T>(IReadOnlyList<T> Items, string? NextPageToken);

/// <summary>The response records with their item type inferred.</summary>
public static class Responses
{
    public static ItemsResponse<T> Items<T>(IEnumerable<T> items) => new([.. items]);

    public static PageResponse<T> Page<T>(IEnumerable<T> items, string? nextPageToken) => new([.. items], nextPageToken);
}
