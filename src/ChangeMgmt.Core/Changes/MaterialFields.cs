namespace ChangeMgmt.Core.Changes;

/// <summary>
/// The fields whose edit needs approval again: an approved change edited in one of them returns to
/// submitted (approval requests go out again, marked as a re-approval); an edit of any other field (a typo
/// in the title or reason, a ticket number) keeps it approved. The window compares as instants, so writing
/// the same moment with another offset or zone is not a change. The one list: README, the API's check and
/// the portal's notice all read it from here.
/// </summary>
public static class MaterialFields
{
    public static readonly IReadOnlyList<string> Names =
        ["implementationStart", "implementationEnd", "customers", "implementationPlan", "rollbackPlan", "customerImpact"];

    /// <summary>The material fields that differ between <paramref name="before"/> and <paramref name="after"/>, in <see cref="Names"/> order.</summary>
    public static IReadOnlyList<string> Changed(Change before, Change after) =>
        [.. Names.Where(field => !Same(field, before, after))];

    private static bool Same(string field, Change a, Change b) => field switch
    {
        "implementationStart" => a.ImplementationStart == b.ImplementationStart,
        "implementationEnd" => a.ImplementationEnd == b.ImplementationEnd,
        "customers" => a.Customers.ToHashSet(StringComparer.Ordinal).SetEquals(b.Customers),
        "implementationPlan" => Text(a.ImplementationPlan) == Text(b.ImplementationPlan),
        "rollbackPlan" => Text(a.RollbackPlan) == Text(b.RollbackPlan),
        "customerImpact" => Text(a.CustomerImpact) == Text(b.CustomerImpact),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a material field."),
    };

    private static string Text(string? value) => (value ?? "").Trim().ReplaceLineEndings("\n");
}
