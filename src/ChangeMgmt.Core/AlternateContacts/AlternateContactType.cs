namespace ChangeMgmt.Core.AlternateContacts;

/// <summary>The Account API's AlternateContactType.</summary>
public enum AlternateContactType : long { Security, Billing, Operations }

public static class AlternateContactTypes
{
    public static readonly IReadOnlyList<AlternateContactType> All = [AlternateContactType.Security, AlternateContactType.Billing, AlternateContactType.Operations];

    /// <summary>The API's name: SECURITY, BILLING, OPERATIONS.</summary>
    public static string ApiName(this AlternateContactType type) => type.ToString().ToUpperInvariant();

    /// <summary>The prefix of its contact_config fields: security, billing, operations.</summary>
    public static string ConfigPrefix(this AlternateContactType type) => type.ToString().ToLowerInvariant();
}
