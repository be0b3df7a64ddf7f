namespace ChangeMgmt.Aws.Identity;

/// <summary>Paging and pacing of the Identity Store and SSO Admin adapters.</summary>
public sealed record IdentityDirectoryOptions
{
    /// <summary>The largest <c>MaxResults</c> the List operations accept.</summary>
    public const int MaxPageSize = 100;

    /// <summary><c>MaxResults</c> of every List call, 1 to <see cref="MaxPageSize"/>.</summary>
    public int PageSize { get; init; } = MaxPageSize;

    /// <summary>Requests per second per identity store when <see cref="Pacers"/> is not given.</summary>
    public double RequestsPerSecond { get; init; } = IdentityStorePacers.DefaultRequestsPerSecond;

    /// <summary>Pacers to share with other directory objects (e.g. one per process); else the directory keeps its own.</summary>
    public IdentityStorePacers? Pacers { get; init; }

    /// <summary>The innermost HTTP handler (below signing); null for a new <see cref="SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler? Handler { get; init; }

    internal int ValidPageSize() =>
        PageSize is >= 1 and <= MaxPageSize
            ? PageSize
            : throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, $"MaxResults must be between 1 and {MaxPageSize}.");
}
