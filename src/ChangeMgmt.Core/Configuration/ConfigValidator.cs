namespace ChangeMgmt.Core.Configuration;

/// <summary>Checks config.json beyond its JSON types: codes, ARNs, addresses.</summary>
public static class ConfigValidator
{
    public static IReadOnlyList<ConfigProblem> Validate(ChangeMgmtConfig config, string file)
    {
        var problems = new List<ConfigProblem>();
        void Add(string path, string message, string fix) => problems.Add(new(file, path, message, fix));

        if (config.AwsRegion is { } region && !ConfigPatterns.Region().IsMatch(region))
            Add("aws_region", $"'{region}' is not an AWS region name.", "Use a region such as us-east-1.");
        if (config.S3Config?.BucketName is { } bucket && !ConfigPatterns.BucketName().IsMatch(bucket))
            Add("s3_config.bucket_name", $"'{bucket}' is not a valid bucket name.", "Use 3-63 lower-case letters, digits, dots and hyphens.");
        if (config.CustomerMappings is null || config.CustomerMappings.Count == 0)
        {
            Add("customer_mappings", "No customers are configured.", "Make customer_mappings an object with one entry per customer, keyed by its customer code.");
            ValidateEmail(config.EmailConfig, Add);
            return problems;
        }
        foreach (var (key, customer) in config.CustomerMappings)
        {
            if (customer is null) Add($"customer_mappings.{key}", "The entry is null.", "Give the customer's settings as an object, or remove the entry.");
            else ValidateCustomer(key, customer, Add);
        }
        ValidateDistinctQueues(config, Add);
        ValidateEmail(config.EmailConfig, Add);
        return problems;
    }

    private static void ValidateCustomer(string key, CustomerConfig c, Action<string, string, string> add)
    {
        var at = $"customer_mappings.{key}";
        if (!ConfigPatterns.CustomerCode().IsMatch(key))
            add(at, $"'{key}' is not a usable customer code.", "Use letters, digits, '-' or '_' (it becomes part of S3 keys).");
        if (string.IsNullOrWhiteSpace(c.CustomerCode))
            add($"{at}.customer_code", "customer_code is missing.", $"Set it to \"{key}\".");
        else if (!string.Equals(c.CustomerCode, key, StringComparison.Ordinal))
            add($"{at}.customer_code", $"'{c.CustomerCode}' does not match its mapping key '{key}'.", "Make the key and customer_code the same code.");
        CheckPattern(c.SesRoleArn, $"{at}.ses_role_arn", ConfigPatterns.RoleArn(), "arn:aws:iam::123456789012:role/name", add);
        CheckPattern(c.IdentityCenterRoleArn, $"{at}.identity_center_role_arn", ConfigPatterns.RoleArn(), "arn:aws:iam::123456789012:role/name", add);
        CheckPattern(c.SqsQueueArn, $"{at}.sqs_queue_arn", ConfigPatterns.QueueArn(), "arn:aws:sqs:us-east-1:123456789012:queue-name", add);
        CheckPattern(c.Region, $"{at}.region", ConfigPatterns.Region(), "us-east-1", add);
        if (c.MaxSendRate is <= 0)
            add($"{at}.max_send_rate", $"{c.MaxSendRate} is not a positive rate.", "Give the sends per second to stay under, or remove it to use the account's quota.");
        for (var i = 0; i < (c.RestrictedRecipients?.Count ?? 0); i++)
            CheckPattern(c.RestrictedRecipients![i], $"{at}.restricted_recipients[{i}]", ConfigPatterns.Email(), "name@example.com", add);
    }

    private static void ValidateDistinctQueues(ChangeMgmtConfig config, Action<string, string, string> add)
    {
        var shared = config.CustomerMappings
            .Where(kv => !string.IsNullOrEmpty(kv.Value?.SqsQueueArn))
            .GroupBy(kv => kv.Value.SqsQueueArn!, StringComparer.Ordinal)
            .Where(g => g.Count() > 1);
        foreach (var group in shared)
        {
            var owners = string.Join(", ", group.Select(kv => kv.Key));
            foreach (var (key, _) in group.Skip(1))
                add($"customer_mappings.{key}.sqs_queue_arn", $"The queue {group.Key} is shared by {owners}.", "Give every customer its own queue: a queue identifies whose messages it carries.");
        }
    }

    private static void ValidateEmail(EmailConfig? email, Action<string, string, string> add)
    {
        if (string.IsNullOrWhiteSpace(email?.SenderAddress))
        {
            add("email_config.sender_address", "No sender address is configured.", "Set email_config.sender_address to an address verified in every customer's SES account.");
            return;
        }
        CheckPattern(email.SenderAddress, "email_config.sender_address", ConfigPatterns.Email(), "changes@example.com", add);
        CheckPattern(email.MeetingOrganizer, "email_config.meeting_organizer", ConfigPatterns.Email(), "change-board@example.com", add);
        if (email.PortalBaseUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            add("email_config.portal_base_url", $"'{url}' is not an absolute http(s) URL.", "Use the portal's address, e.g. https://changes.example.com.");
    }

    private static void CheckPattern(string? value, string path, System.Text.RegularExpressions.Regex pattern, string example, Action<string, string, string> add)
    {
        if (value is not null && !pattern.IsMatch(value))
            add(path, $"'{value}' is malformed.", $"Use the form {example}.");
    }
}
