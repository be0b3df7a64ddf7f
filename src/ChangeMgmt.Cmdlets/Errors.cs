using ChangeMgmt.Core.Customers;
using System.Management.Automation;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Errors;

namespace ChangeMgmt.Cmdlets;

/// <summary>The module's ErrorRecords: one stable error id per failure.</summary>
internal static class Errors
{
    public const string ConfigInvalidId = "ConfigInvalid";
    public const string CustomerNotFoundId = "CustomerNotFound";
    public const string AnnouncementNoun = "Announcement";
    public const string FreezeNoun = "Freeze";

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
        var hint = LooksLikeFilePath(code) ? $" '{code}' looks like a file path: give it as -Path." : "";
        var message = $"Customer '{code}' is not in customer_mappings.{hint} Known customers: {string.Join(", ", known.Order(StringComparer.Ordinal))}.";
        return new ErrorRecord(new ItemNotFoundException(message), CustomerNotFoundId, ErrorCategory.ObjectNotFound, code)
        {
            ErrorDetails = new ErrorDetails(message)
            {
                RecommendedAction = "Use Get-ChangeMgmtCustomer to list the configured customer codes.",
            },
        };
    }

    /// <summary>Local mode names a directory that is not there: creating one is the server's first start or an explicit New-Item.</summary>
    public static ErrorRecord DataDirectoryNotFound(string path, string source)
    {
        var message = $"The data directory '{path}' (from {source}) does not exist. Local mode works on the local server's data directory: "
            + "check the path (the server prints its own when it starts), or create it: start the server once with "
            + $"`dotnet run --project lambda/ChangeMgmt.Lambda -- --data-dir '{path}'`, or make an empty local store with `New-Item -ItemType Directory -Path '{path}'`.";
        return new ErrorRecord(new DirectoryNotFoundException(message), "DataDirectoryNotFound", ErrorCategory.ObjectNotFound, path)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Correct -DataDirectory or $env:CHANGEMGMT_DATA_DIR, or create the directory." },
        };
    }

    /// <summary>A topic that SESConfig.json does not define: found before any call, with the configured ones.</summary>
    public static ErrorRecord UnknownTopic(string topic, LoadedConfig config)
    {
        var message = $"'{topic}' is not a topic in SESConfig.json ({config.SesConfigPath}). Its topics: {string.Join(", ", config.Topics.Select(t => t.TopicName))}.";
        return new ErrorRecord(new ArgumentException(message), "UnknownTopic", ErrorCategory.InvalidArgument, topic)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Use one of the configured topics (Get-SesTopic lists them), or add it to SESConfig.json and run Sync-SesTopic." },
        };
    }

    private static bool LooksLikeFilePath(string code) =>
        code.IndexOfAny(['/', '\\']) >= 0 || System.IO.Path.GetExtension(code) is ".json" or ".csv";

    /// <summary>An organization's or account's alternate-contact failure, its fix as the recommended action.</summary>
    public static ErrorRecord For(Core.AlternateContacts.ContactFailure failure) =>
        new(new InvalidOperationException(failure.ToString()), failure.AccountId is null ? "AlternateContactOrganizationFailed" : "AlternateContactAccountFailed",
            ErrorCategory.NotSpecified, failure.AccountId is { } account ? $"{failure.CustomerCode}/{account}" : failure.CustomerCode)
        {
            ErrorDetails = new ErrorDetails($"{failure.CustomerCode}{(failure.AccountId is { } id ? $" account {id}" : "")}: {failure.Message}") { RecommendedAction = failure.Fix },
        };

    /// <summary>A bad argument: terminates the command.</summary>
    public static ErrorRecord InvalidArgument(string errorId, string message, object? target) =>
        new(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target);

    /// <summary>
    /// A failure for one customer or item. The id names what failed: <paramref name="noun"/> plus the
    /// kind (<c>ContactNotFound</c>, <c>ContactListAlreadyExists</c>), or the specific failure
    /// (<c>CustomerRoleAssumptionFailed</c>, <c>ContactListNotFound</c>, <c>Throttled</c> (any AWS service)).
    /// </summary>
    public static ErrorRecord For(Exception ex, string noun, object? target)
    {
        var (id, category) = Classify(ex, noun);
        var record = new ErrorRecord(ex, id, category, target);
        if (ex is SelfApprovalNotAllowedException)
            record.ErrorDetails = new ErrorDetails(ex.Message)
            {
                RecommendedAction = "Have another approver approve it, or approve it with -AllowSelfApproval -Reason '...' (recorded in its history).",
            };
        return record;
    }

    private static (string Id, ErrorCategory Category) Classify(Exception ex, string noun) => ex switch
    {
        RoleAssumptionException => ("CustomerRoleAssumptionFailed", ErrorCategory.PermissionDenied),
        Core.Administration.BackupTamperedException => ("BackupTampered", ErrorCategory.InvalidData),
        ContactListMissingException => ("ContactListNotFound", ErrorCategory.ObjectNotFound),
        Core.Identity.IdentityStoreNotFoundException => ("IdentityStoreNotFound", ErrorCategory.ObjectNotFound),
        ConfigException => (ConfigInvalidId, ErrorCategory.InvalidData),
        UnknownCustomerException => (CustomerNotFoundId, ErrorCategory.ObjectNotFound),
        ChangeNotFoundException => ("ChangeNotFound", ErrorCategory.ObjectNotFound),
        ChangeDeletedException => ("ChangeDeleted", ErrorCategory.ObjectNotFound),
        Core.Announcements.AnnouncementNotFoundException => ("AnnouncementNotFound", ErrorCategory.ObjectNotFound),
        Core.Freezes.FreezeNotFoundException => ("FreezeNotFound", ErrorCategory.ObjectNotFound),
        Core.CalendarFeeds.CalendarFeedNotFoundException => ("CalendarFeedNotFound", ErrorCategory.ObjectNotFound),
        // Announcements and freezes share the change's validation and version errors; their ids name their own noun.
        ChangeVersionConflictException when noun is AnnouncementNoun or FreezeNoun => ($"{noun}VersionConflict", ErrorCategory.ResourceBusy),
        ChangeVersionConflictException => ("ChangeVersionConflict", ErrorCategory.ResourceBusy),
        InvalidTransitionException or Core.Announcements.AnnouncementTransitionException => ("InvalidTransition", ErrorCategory.InvalidOperation),
        ChangeValidationException when noun is AnnouncementNoun or FreezeNoun => ($"{noun}Invalid", ErrorCategory.InvalidData),
        ChangeValidationException => ("ChangeInvalid", ErrorCategory.InvalidData),
        SelfApprovalNotAllowedException => ("SelfApprovalNotAllowed", ErrorCategory.PermissionDenied),
        Core.Freezes.ChangeFrozenException => ("ChangeFrozen", ErrorCategory.InvalidOperation),
        ChangeEventNotFoundException => ("EventNotInHistory", ErrorCategory.InvalidArgument),
        ArgumentException => ($"{noun}ArgumentInvalid", ErrorCategory.InvalidArgument),
        ServiceException { Kind: ServiceErrorKind.Validation, ErrorCode: { Length: > 0 } code } => (code, ErrorCategory.InvalidArgument),
        ServiceException s => s.Kind switch
        {
            ServiceErrorKind.NotFound => ($"{noun}NotFound", ErrorCategory.ObjectNotFound),
            ServiceErrorKind.AlreadyExists => ($"{noun}AlreadyExists", ErrorCategory.ResourceExists),
            ServiceErrorKind.Throttled => ("Throttled", ErrorCategory.LimitsExceeded),
            ServiceErrorKind.AccessDenied => ($"{noun}AccessDenied", ErrorCategory.PermissionDenied),
            ServiceErrorKind.Validation => ($"{noun}Invalid", ErrorCategory.InvalidArgument),
            ServiceErrorKind.Conflict => ($"{noun}Conflict", ErrorCategory.ResourceBusy),
            ServiceErrorKind.Unavailable => ("ServiceUnavailable", ErrorCategory.ConnectionError),
            _ => ($"{noun}Failed", ErrorCategory.NotSpecified),
        },
        InvalidDataException => ($"{noun}InvalidData", ErrorCategory.InvalidData),
        FileNotFoundException or DirectoryNotFoundException => ($"{noun}FileNotFound", ErrorCategory.ObjectNotFound),
        UnauthorizedAccessException => ($"{noun}FileAccessDenied", ErrorCategory.PermissionDenied),
        IOException => ($"{noun}FileError", ErrorCategory.ResourceUnavailable),
        _ => ($"{noun}Failed", ErrorCategory.NotSpecified),
    };
}
