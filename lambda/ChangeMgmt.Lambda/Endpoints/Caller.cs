namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>What a caller may do; every role reads, admin does everything; subscriptions manages its customers' contacts.</summary>
public enum Role { Viewer, Editor, Approver, Admin, Subscriptions }

/// <summary>How the caller proved who they are.</summary>
public enum SignIn { Local, Cookie, Bearer }

/// <summary>
/// Who is calling: in AWS mode the verified session token's subject, roles and customer scope
/// (<see cref="Customers"/> null: every customer); in local mode the single local operator (admin),
/// who exists only there (local mode listens on loopback only).
/// </summary>
public sealed record Caller(string User, string Mode, IReadOnlySet<Role> Roles, IReadOnlySet<string>? Customers, SignIn Via, string? Name = null, string? Email = null)
{
    public const string LocalOperatorName = "local-operator";

    public static Caller LocalOperator() => new(LocalOperatorName, "local", new HashSet<Role> { Role.Admin }, null, SignIn.Local);

    public bool IsAdmin => Roles.Contains(Role.Admin);

    /// <summary>Admin has every role; every role may read.</summary>
    public bool Has(Role role) => IsAdmin || Roles.Contains(role) || (role == Role.Viewer && Roles.Count > 0);

    public bool InScope(string customer) => Customers is null || Customers.Contains(customer);

    /// <summary>A scoped caller sees a change that includes at least one of their customers.</summary>
    public bool Sees(IEnumerable<string> customers) => Customers is null || customers.Any(Customers.Contains);

    /// <summary>A scoped caller changes only changes whose customers are all theirs.</summary>
    public bool Covers(IEnumerable<string> customers) => Customers is null || customers.All(Customers.Contains);

    public static string RoleName(Role role) => role.ToString().ToLowerInvariant();

    /// <summary>The token's role names, exactly as the edge writes them (viewer, editor, approver, admin, subscriptions).</summary>
    public static Role? ParseRole(string? name) => name switch
    {
        "viewer" => Role.Viewer,
        "editor" => Role.Editor,
        "approver" => Role.Approver,
        "admin" => Role.Admin,
        "subscriptions" => Role.Subscriptions,
        _ => null,
    };
}
