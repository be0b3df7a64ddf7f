using ChangeMgmt.Core.Messages;

namespace ChangeMgmt.Core.Delivery;

/// <summary>
/// Which recipients of one planned notification this invocation still has to handle, given the cursor a
/// continuation carries: none (an earlier invocation finished it), those from the cursor on, or all.
/// A cursor for another version of the change is ignored: that delivery starts from the beginning.
/// </summary>
internal readonly record struct ResumePoint(bool Done, string? From)
{
    public static ResumePoint Of(IReadOnlyList<PlannedNotification> plan, int index, DeliveryCursor? resume, int version)
    {
        if (resume is null || resume.Version != version) return default;
        var at = plan.ToList().FindIndex(p => p.Kind == resume.Kind);
        if (at < 0) return default;
        return index < at ? new(true, null) : index == at ? new(false, resume.From) : default;
    }

    /// <summary>In ordinal order of the lower-case address (the ledger's key), from the cursor on.</summary>
    public IReadOnlyList<string> Pending(IReadOnlyList<string> recipients)
    {
        if (Done) return [];
        var from = From;
        return [.. recipients
            .Select(r => (Recipient: r, Key: r.ToLowerInvariant()))
            .Where(r => from is null || string.CompareOrdinal(r.Key, from) >= 0)
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => r.Recipient)];
    }
}
