using ChangeMgmt.Core.Freezes;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>
/// The freeze routes' checks: everyone reads, admins write. A customer-scoped caller reads the global freezes and
/// those naming one of their customers (others are "not found"), with other customers' codes left out.
/// </summary>
public sealed partial class Access
{
    /// <summary>The freeze as stored (all its customers, for the checks that follow), once the caller may read it.</summary>
    public async Task<ChangeFreeze> FindAsync(FreezeService freezes, string id, CancellationToken ct)
    {
        var freeze = await freezes.GetAsync(id, ct);
        Read(freeze);
        return freeze;
    }

    public ChangeFreeze Read(ChangeFreeze freeze)
    {
        Note(freeze.FreezeId, freeze.Customers);
        Require(Role.Viewer, "Reading freezes");
        return Sees(freeze) ? Redact(freeze) : throw new FreezeNotFoundException(freeze.FreezeId);
    }

    public bool Sees(ChangeFreeze freeze) => freeze.IsGlobal || Caller.Sees(freeze.Customers);

    public ChangeFreeze Redact(ChangeFreeze freeze) =>
        Caller.Customers is null ? freeze : freeze with { Customers = [.. freeze.Customers.Where(Caller.InScope)] };

    /// <summary>
    /// Adding, editing and removing freezes is an admin's; a customer-scoped admin only for their own customers (a
    /// global freeze holds every customer's changes).
    /// </summary>
    public void WriteFreeze(string? id, IReadOnlyList<string> customers, string what)
    {
        Note(id ?? "", customers);
        Require(Role.Admin, what);
        if (customers.Count == 0 && Caller.Customers is not null)
            throw Denied(null, $"{what} that holds every customer (global) needs an admin for all customers; name your customers.");
        RequireCovers(customers);
    }
}
