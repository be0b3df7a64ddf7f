using System.Management.Automation;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Cmdlets;

/// <summary>The module's ErrorRecords: one stable error id per failure.</summary>
internal static class Errors
{
    public const string ConfigInvalidId = "ConfigInvalid";
    public const string CustomerNotFoundId = "CustomerNotFound";

    public static ErrorRecord ConfigInvalid(ConfigException ex, string path) =>
        new(ex, ConfigInvalidId, ErrorCategory.InvalidData, path)
        {
            ErrorDetails = new ErrorDetails(ex.Message)
            {
                RecommendedAction = "Correct each listed problem as its Fix says, then run Test-ChangeMgmtConfig.",
            },
        };

    public static ErrorRecord CustomerNotFound(string code, IEnumerable<string> known)
    {
        var message = $"Customer '{code}' is not in customer_mappings. Known customers: {string.Join(", ", known.Order(StringComparer.Ordinal))}.";
        return new ErrorRecord(new ItemNotFoundException(message), CustomerNotFoundId, ErrorCategory.ObjectNotFound, code)
        {
            ErrorDetails = new ErrorDetails(message)
            {
                RecommendedAction = "Use Get-ChangeMgmtCustomer to list the configured customer codes.",
            },
        };
    }
}
