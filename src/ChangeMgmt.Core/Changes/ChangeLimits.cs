using System.Globalization;

namespace ChangeMgmt.Core.Changes;

/// <summary>
/// How large a change may be, field by field: one list for the API, the cmdlets and the portal
/// (the portal's title counter, web/js/change-fields.js, shows <see cref="Title"/>). A request body holding a change
/// within these limits always fits <see cref="MaxBodyBytes"/>, even when every character is written as a
/// six-byte \uXXXX escape (as .NET's JSON writer does for non-ASCII text by default).
/// </summary>
public static class ChangeLimits
{
    public const int Title = 200;
    public const int Ticket = 100;
    public const int LongText = 20_000;
    public const int Customers = 1_000;
    public const int Timezone = 64;
    /// <summary>Fields the system does not know (kept as written), together, as JSON.</summary>
    public const int UnknownFieldsBytes = 32 * 1024;
    /// <summary>An API request body (413 above it); also the largest change file a cmdlet reads.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static void Check(Change change, List<FieldError> errors)
    {
        Length("changeTitle", change.ChangeTitle, Title, errors);
        Length("snowTicket", change.SnowTicket, Ticket, errors);
        Length("jiraTicket", change.JiraTicket, Ticket, errors);
        Length("changeReason", change.ChangeReason, LongText, errors);
        Length("implementationPlan", change.ImplementationPlan, LongText, errors);
        Length("testPlan", change.TestPlan, LongText, errors);
        Length("customerImpact", change.CustomerImpact, LongText, errors);
        Length("rollbackPlan", change.RollbackPlan, LongText, errors);
        Length("timezone", change.Timezone, Timezone, errors);
        if (change.Customers.Count > Customers)
            errors.Add(new("customers", string.Create(CultureInfo.InvariantCulture, $"At most {Customers:N0} customers; this change lists {change.Customers.Count:N0}.")));
        UnknownFields(change.Extra, errors);
    }

    /// <summary>Fields kept as written (<c>Extra</c>) take at most <see cref="UnknownFieldsBytes"/> together; the error names the largest.</summary>
    internal static void UnknownFields(Dictionary<string, System.Text.Json.JsonElement>? extra, List<FieldError> errors)
    {
        if (extra is not { Count: > 0 }) return;
        var sizes = extra.ToDictionary(p => p.Key, p => p.Key.Length + p.Value.GetRawText().Length);
        if (sizes.Values.Sum() > UnknownFieldsBytes)
            errors.Add(new(sizes.MaxBy(p => p.Value).Key, $"Fields this system does not use take at most {UnknownFieldsBytes / 1024} KiB together; this is the largest."));
    }

    /// <summary>Whether the change is too large for the detailed checks to be worth making (they would name every customer).</summary>
    public static bool TooManyCustomers(Change change) => change.Customers.Count > Customers;

    internal static void Length(string field, string? value, int max, List<FieldError> errors)
    {
        if (value is not null && value.Length > max)
            errors.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"At most {max:N0} characters; this one has {value.Length:N0}.")));
    }
}
