using ChangeMgmt.Core.AlternateContacts;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>
/// The alternate contact routes' checks: every role reads the reports of its customers; an admin (a customer-scoped one
/// for their customers) asks for a fresh check. Another customer, known or not, is "not found".
/// </summary>
public sealed partial class Access
{
    public CustomerConfig ReadAlternateContacts(LoadedConfig config, string code)
    {
        Note("", [code]);
        Require(Role.Viewer, "Reading alternate contacts");
        return Caller.InScope(code) && config.Config.FindCustomer(code) is { } customer ? customer : throw new ContactReportNotFoundException(code);
    }

    public CustomerConfig RequestContactCheck(LoadedConfig config, string code)
    {
        var customer = ReadAlternateContacts(config, code);
        Require(Role.Admin, "Asking for an alternate contact check");
        return customer;
    }
}
