using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>Refused: the caller is signed in but lacks the role (or the customers) the request needs → 403.</summary>
public sealed class AccessDeniedException(string message, string? requiredRole = null) : Exception(message)
{
    public string? RequiredRole { get; } = requiredRole;
}

/// <summary>
/// The request's caller and the permission checks of every route:
/// <list type="bullet">
/// <item>viewer: read (changes, versions, status, deliveries, stats, customers, preview);</item>
/// <item>editor: read, create, edit and submit and delete the drafts they created, and edit and resubmit their rejected changes;</item>
/// <item>approver: read, edit submitted/approved changes, approve, reject, complete, cancel — never approve
/// a change they created or last modified unless <c>auth.allow_self_approval</c> (a rule of Core's
/// <see cref="ChangeRules"/>, given <see cref="AllowSelfApproval"/>);</item>
/// <item>admin: everything (any draft, triggers, dead letters and their redrive), the same approval rule.</item>
/// </list>
/// A customer-scoped caller reads a change that includes one of their customers (others answer 404, and
/// other customers' codes are left out of what they read), and changes only changes all of whose customers are theirs.
/// Checks record the change for the audit line.
/// </summary>
public sealed partial class Access(Caller caller, bool allowSelfApproval)
{
    public Caller Caller { get; } = caller;

    /// <summary>Whether this host lets an approver approve their own change (auth.allow_self_approval; the local operator).</summary>
    public bool AllowSelfApproval { get; } = allowSelfApproval;
    public string User => Caller.User;
    public string? ChangeId { get; private set; }
    public IReadOnlyList<string>? Customers { get; private set; }

    /// <summary>Minimal APIs bind it from the request (set by CallerMiddleware; none there means a routing mistake: fail closed).</summary>
    public static ValueTask<Access?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<Access?>(context.Features.Get<Access>() ?? throw new InvalidOperationException("No verified caller for this request."));

    public void Require(Role role, string what)
    {
        if (!Caller.Has(role)) throw Denied(role, $"{what} needs the {Caller.RoleName(role)} role.");
    }

    /// <summary>
    /// The change as stored, for this caller: one outside a scoped caller's customers is "not found" even
    /// when it was deleted, so no answer (410 naming who deleted it, 412 with its version) tells it exists.
    /// Every route that names a change reads it through here, then checks its action.
    /// </summary>
    public async Task<Change> FindAsync(ChangeService changes, string changeId, CancellationToken ct)
    {
        try
        {
            var change = (await changes.GetAsync(changeId, ct)).Change;
            Read(change);
            return change;
        }
        catch (ChangeDeletedException deleted) when (!Caller.Sees(deleted.Customers))
        {
            throw new ChangeNotFoundException(changeId);
        }
    }

    /// <summary>Any role may read; the change must include one of a scoped caller's customers (else 404, as if it did not exist).</summary>
    public Change Read(Change change)
    {
        Note(change);
        Require(Role.Viewer, "Reading changes");
        if (!Caller.Sees(change.Customers)) throw new ChangeNotFoundException(change.ChangeId);
        return Redact(change);
    }

    /// <summary>Other customers' codes are left out of what a scoped caller reads.</summary>
    public Change Redact(Change change) =>
        Caller.Customers is null ? change : change with { Customers = [.. change.Customers.Where(Caller.InScope)] };

    public ChangeSummary Redact(ChangeSummary summary) =>
        Caller.Customers is null ? summary : summary with { Customers = [.. summary.Customers.Where(Caller.InScope)] };

    public void Create(Change input)
    {
        Note(input);
        Require(Role.Editor, "Creating a change");
        RequireCovers(input.Customers);
    }

    /// <summary>Drafts are edited by their author (editor) or an admin; submitted and approved changes by an approver or admin.</summary>
    public void Update(Change current, Change input)
    {
        Read(current);
        RequireCovers(current.Customers);
        RequireCovers(input.Customers);
        if (Lifecycle.IsAuthors(current.Status)) RequireAuthor(current.CreatedBy, $"Editing a {Status(current)} change");
        else Require(Role.Approver, $"Editing a {Status(current)} change");
    }

    public void Delete(Change current)
    {
        Read(current);
        RequireCovers(current.Customers);
        RequireAuthor(current.CreatedBy, "Deleting a draft");
    }

    public void Apply(Change current, ChangeAction action)
    {
        Read(current);
        RequireCovers(current.Customers);
        switch (action)
        {
            case ChangeAction.Submit:
                RequireAuthor(current.CreatedBy, "Submitting a change");
                break;
            default:
                Require(Role.Approver, $"{action switch { ChangeAction.Approve => "Approving", ChangeAction.Reject => "Rejecting", ChangeAction.Complete => "Completing", _ => "Cancelling" }} a change");
                break;
        }
    }

    public void RewriteTriggers(Change current)
    {
        Read(current);
        RequireCovers(current.Customers);
        Require(Role.Admin, "Writing triggers again");
    }

    /// <summary>
    /// A customer named in a request (preview, list and CSV filters, deliveries, dead letters) must be the
    /// caller's: 403 for any other code, known or not, so the answer tells nothing about other customers.
    /// </summary>
    public void RequireCustomer(string? customer)
    {
        if (customer is not null && !Caller.InScope(customer)) throw Denied(null, $"Customer '{customer}' is not one of yours.");
    }

    private void RequireAuthor(string? createdBy, string what)
    {
        if (Caller.IsAdmin) return;
        Require(Role.Editor, what);
        if (createdBy != User)
            throw Denied(Role.Editor, $"{what} is for the editor who created it ({createdBy}) or an admin.");
    }

    private void RequireCovers(IEnumerable<string> customers)
    {
        var outside = customers.Where(c => !Caller.InScope(c)).Distinct().ToList();
        if (outside.Count > 0) throw Denied(null, $"The change includes customers that are not yours: {string.Join(", ", outside)}.");
    }

    private void Note(Change change) => Note(change.ChangeId, change.Customers);

    private void Note(string id, IReadOnlyList<string> customers)
    {
        ChangeId ??= string.IsNullOrEmpty(id) ? null : id;
        Customers ??= customers;
    }

    /// <summary>The change the request wrote (a created change's new id), for the audit line.</summary>
    public void Wrote(Change change)
    {
        ChangeId = change.ChangeId;
        Customers = change.Customers;
    }

    private static string Status(Change change) => change.Status.ToString().ToLowerInvariant();

    private static AccessDeniedException Denied(Role? role, string message) =>
        new(message, role is { } r ? Caller.RoleName(r) : null);
}
