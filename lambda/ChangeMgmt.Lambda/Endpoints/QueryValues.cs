using System.Globalization;
using ChangeMgmt.Core.Changes;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>A query value that does not parse: a 400 naming the parameter, with the fix as its message.</summary>
public sealed class BadQueryValueException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;
}

/// <summary>
/// Query values that are not strings, parsed by the handler rather than bound by the framework, so a bad one
/// names its parameter and the fix (<see cref="BadQueryValueException"/>). Absent or empty is null.
/// </summary>
public static class QueryValues
{
    /// <summary>A page size from 1 to <paramref name="max"/>.</summary>
    public static int? PageSize(string? text, int max, string parameter = "pageSize")
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var size))
            throw new BadQueryValueException(parameter, $"'{text}' is not a whole number; use 1 to {max}.");
        return size is >= 1 && size <= max ? size : throw new BadQueryValueException(parameter, $"Use 1 to {max}.");
    }

    /// <summary>An instant: ISO 8601, as the framework would have read it.</summary>
    public static DateTimeOffset? Instant(string? text, string parameter)
    {
        if (string.IsNullOrEmpty(text)) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces, out var at)
            ? at
            : throw new BadQueryValueException(parameter, $"'{text}' is not a date and time; use ISO 8601, for example 2026-12-03T22:00:00Z.");
    }

    /// <summary>A change status by name (any case).</summary>
    public static ChangeStatus? Status(string? text, string parameter = "status")
    {
        if (string.IsNullOrEmpty(text)) return null;
        return Enum.TryParse<ChangeStatus>(text, ignoreCase: true, out var status) && Enum.IsDefined(status)
            ? status
            : throw new BadQueryValueException(parameter, "Use draft, submitted, approved, rejected, completed or cancelled.");
    }

    /// <summary>true or false (any case).</summary>
    public static bool? Flag(string? text, string parameter)
    {
        if (string.IsNullOrEmpty(text)) return null;
        return bool.TryParse(text, out var flag) ? flag : throw new BadQueryValueException(parameter, $"'{text}' is not true or false.");
    }
}
