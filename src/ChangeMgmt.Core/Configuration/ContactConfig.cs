using System.Text.Json.Serialization;

namespace ChangeMgmt.Core.Configuration;

/// <summary>
/// The alternate contacts every account of a customer's organization should have, in the original Alternate Contact
/// Manager's <c>contact_config</c> shape (ContactConfig.json fields, unchanged): config.json <c>contact_config</c> for
/// all customers, <c>customer_mappings.{code}.contact_config</c> for one (a field set there wins, field by field).
/// </summary>
public sealed record ContactConfig
{
    [JsonPropertyName("security_email")] public string? SecurityEmail { get; init; }
    [JsonPropertyName("security_name")] public string? SecurityName { get; init; }
    [JsonPropertyName("security_title")] public string? SecurityTitle { get; init; }
    [JsonPropertyName("security_phone")] public string? SecurityPhone { get; init; }
    [JsonPropertyName("billing_email")] public string? BillingEmail { get; init; }
    [JsonPropertyName("billing_name")] public string? BillingName { get; init; }
    [JsonPropertyName("billing_title")] public string? BillingTitle { get; init; }
    [JsonPropertyName("billing_phone")] public string? BillingPhone { get; init; }
    [JsonPropertyName("operations_email")] public string? OperationsEmail { get; init; }
    [JsonPropertyName("operations_name")] public string? OperationsName { get; init; }
    [JsonPropertyName("operations_title")] public string? OperationsTitle { get; init; }
    [JsonPropertyName("operations_phone")] public string? OperationsPhone { get; init; }
    [JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; set; }

    /// <summary>The customer's fields over the global ones.</summary>
    public static ContactConfig For(ChangeMgmtConfig config, CustomerConfig customer)
    {
        var global = config.ContactConfig ?? new();
        var own = customer.ContactConfig ?? new();
        return new()
        {
            SecurityEmail = own.SecurityEmail ?? global.SecurityEmail,
            SecurityName = own.SecurityName ?? global.SecurityName,
            SecurityTitle = own.SecurityTitle ?? global.SecurityTitle,
            SecurityPhone = own.SecurityPhone ?? global.SecurityPhone,
            BillingEmail = own.BillingEmail ?? global.BillingEmail,
            BillingName = own.BillingName ?? global.BillingName,
            BillingTitle = own.BillingTitle ?? global.BillingTitle,
            BillingPhone = own.BillingPhone ?? global.BillingPhone,
            OperationsEmail = own.OperationsEmail ?? global.OperationsEmail,
            OperationsName = own.OperationsName ?? global.OperationsName,
            OperationsTitle = own.OperationsTitle ?? global.OperationsTitle,
            OperationsPhone = own.OperationsPhone ?? global.OperationsPhone,
        };
    }

    /// <summary>Whether any contact type is configured for the customer (its fields or the global ones): only then are its accounts compared with config.</summary>
    public static bool Configures(ChangeMgmtConfig config, CustomerConfig customer) => !For(config, customer).Types().All(t => t.IsEmpty);

    /// <summary>The four fields of one contact type, under their config names (security, billing, operations).</summary>
    public IEnumerable<ContactFields> Types()
    {
        yield return new("security", SecurityName, SecurityTitle, SecurityEmail, SecurityPhone);
        yield return new("billing", BillingName, BillingTitle, BillingEmail, BillingPhone);
        yield return new("operations", OperationsName, OperationsTitle, OperationsEmail, OperationsPhone);
    }

    /// <summary>Formats and lengths of the fields set here; a section may set only some fields.</summary>
    public static void Validate(ContactConfig? contacts, string at, Action<string, string, string> add)
    {
        if (contacts is null) return;
        foreach (var type in contacts.Types()) type.Validate(at, add);
    }

    /// <summary>
    /// The contact types the customer ends up with (its fields over the global ones) that lack a field. Not a load error:
    /// the original tool's configs set only some fields and must keep loading; setting contacts reports these instead.
    /// </summary>
    public static IReadOnlyList<ConfigProblem> Incomplete(ChangeMgmtConfig config, CustomerConfig customer, string file)
    {
        var problems = new List<ConfigProblem>();
        foreach (var type in For(config, customer).Types().Where(t => !t.IsEmpty && !t.IsComplete))
            type.ValidateComplete($"customer_mappings.{customer.CustomerCode}.contact_config", (path, message, fix) => problems.Add(new(file, path, message, fix)));
        return problems;
    }
}

/// <summary>One contact type's fields as configured; all four are needed for PutAlternateContact.</summary>
public sealed record ContactFields(string Prefix, string? Name, string? Title, string? Email, string? Phone)
{
    // The Account API reference: Name 1-64, Title 1-50, EmailAddress 1-254, PhoneNumber 1-25 matching ^[\s0-9()+-]+$.
    public const int MaxName = 64, MaxTitle = 50, MaxEmail = 254, MaxPhone = 25;
    public const string EmailPattern = ConfigPatterns.AlternateContactEmailPattern, PhonePattern = ConfigPatterns.AlternateContactPhonePattern;

    public bool IsComplete => !string.IsNullOrWhiteSpace(Name) && !string.IsNullOrWhiteSpace(Title)
        && !string.IsNullOrWhiteSpace(Email) && !string.IsNullOrWhiteSpace(Phone);

    public bool IsEmpty => Name is null && Title is null && Email is null && Phone is null;

    public void ValidateComplete(string at, Action<string, string, string> add)
    {
        foreach (var (field, value) in new[] { ("name", Name), ("title", Title), ("email", Email), ("phone", Phone) })
            if (string.IsNullOrWhiteSpace(value))
                add($"{at}.{Prefix}_{field}", $"The {Prefix} contact has no {field} (here or in the top-level contact_config).", $"Set {Prefix}_{field}: AWS needs name, title, email and phone for an alternate contact, or remove all four {Prefix}_ fields.");
    }

    public void Validate(string at, Action<string, string, string> add)
    {
        Length(at, "name", Name, MaxName, add);
        Length(at, "title", Title, MaxTitle, add);
        Length(at, "email", Email, MaxEmail, add);
        Length(at, "phone", Phone, MaxPhone, add);
        if (!string.IsNullOrWhiteSpace(Email) && !ConfigPatterns.AlternateContactEmail().IsMatch(Email))
            add($"{at}.{Prefix}_email", $"'{Email}' is not an email address AWS accepts.", "Use an address such as security@example.com.");
        if (!string.IsNullOrWhiteSpace(Phone) && !ConfigPatterns.AlternateContactPhone().IsMatch(Phone))
            add($"{at}.{Prefix}_phone", $"'{Phone}' is not a phone number AWS accepts (digits, spaces, '+', '-', '(' and ')').", "Use E.164 such as +14155550100, or e.g. +1 (415) 555-0100.");
    }

    private void Length(string at, string field, string? value, int max, Action<string, string, string> add)
    {
        if (value is { Length: var length } && length > max)
            add($"{at}.{Prefix}_{field}", $"The {Prefix} {field} has {length} characters; AWS takes at most {max}.", $"Shorten {Prefix}_{field} to {max} characters.");
    }
}
