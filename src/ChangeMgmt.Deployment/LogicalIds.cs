using System.Text;

namespace ChangeMgmt.Deployment;

/// <summary>CloudFormation logical ids (letters and digits only) for customer codes.</summary>
internal static class LogicalIds
{
    /// <summary>"acme" → "CustomerAcme", "globex-eu_2" → "CustomerGlobexEu2".</summary>
    public static string ForCustomer(string customerCode)
    {
        var id = new StringBuilder("Customer");
        var upper = true;
        foreach (var c in customerCode)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                upper = true;
                continue;
            }
            id.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return id.ToString();
    }
}
