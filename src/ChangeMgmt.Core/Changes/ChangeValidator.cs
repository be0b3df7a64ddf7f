using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Core.Changes;

/// <summary>What a change must hold: a draft only sound values, a submitted change everything people need.</summary>
public static class ChangeValidator
{
    public static IReadOnlyList<FieldError> Validate(Change change, ChangeMgmtConfig config, bool complete)
    {
        var errors = new List<FieldError>();
        ChangeLimits.Check(change, errors);
        if (!ChangeLimits.TooManyCustomers(change))
            CheckCustomers(change.Customers, config, errors);
        if (change.Timezone is { Length: <= ChangeLimits.Timezone } zone && IanaZones.Find(zone, out var zoneError) is null)
            errors.Add(new("timezone", zoneError!));
        if (change.ImplementationStart is { } start && change.ImplementationEnd is { } end && end <= start)
            errors.Add(new("implementationEnd", "The end must be after the start."));
        if (complete) RequireAll(change, errors);
        return errors;
    }

    /// <summary>Every customer configured, none twice (announcements too).</summary>
    internal static void CheckCustomers(IReadOnlyList<string> customers, ChangeMgmtConfig config, List<FieldError> errors)
    {
        foreach (var code in customers.Where(c => config.FindCustomer(c) is null))
            errors.Add(new("customers", $"'{code}' is not a configured customer."));
        if (customers.Distinct(StringComparer.Ordinal).Count() != customers.Count)
            errors.Add(new("customers", "A customer is listed more than once."));
    }

    private static void RequireAll(Change c, List<FieldError> errors)
    {
        void Require(string field, object? value)
        {
            if (value is null || value is string s && string.IsNullOrWhiteSpace(s))
                errors.Add(new(field, "Required."));
        }
        Require("changeTitle", c.ChangeTitle);
        if (c.Customers.Count == 0) errors.Add(new("customers", "Pick at least one customer."));
        Require("changeReason", c.ChangeReason);
        Require("implementationPlan", c.ImplementationPlan);
        Require("testPlan", c.TestPlan);
        Require("customerImpact", c.CustomerImpact);
        Require("rollbackPlan", c.RollbackPlan);
        Require("implementationStart", c.ImplementationStart);
        Require("implementationEnd", c.ImplementationEnd);
        Require("timezone", c.Timezone);
    }
}
