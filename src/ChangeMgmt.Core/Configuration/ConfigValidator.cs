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
            ValidateGlobal(config, Add);
            return problems;
        }
        foreach (var (key, customer) in config.CustomerMappings)
        {
            if (customer is null) Add($"customer_mappings.{key}", "The entry is null.", "Give the customer's settings as an object, or remove the entry.");
            else ValidateCustomer(key, customer, Add);
        }
        ValidateDistinctQueues(config, Add);
        ValidateGlobal(config, Add);
        return problems;
    }

    private static void ValidateGlobal(ChangeMgmtConfig config, Action<string, string, string> add)
    {
        ValidateEmail(config.EmailConfig, add);
        ValidateAuth(config.Auth, add);
        ValidatePolicy(config, add);
        ValidateRoute53(config.Route53Config, add);
        ReputationConfig.Validate(config.Reputation, add);
        AnnouncementTypeConfig.Validate(config.AnnouncementTypes, add);
        ReminderConfig.Validate(config.Reminders, "reminders", global: true, add);
        ValidateBouncePolicy(config.BouncePolicy, "bounce_policy", add);
        ContactConfig.Validate(config.ContactConfig, "contact_config", add);
    }

    private static void ValidateRoute53(Route53Config? route53, Action<string, string, string> add)
    {
        if (route53 is null) return;
        if (string.IsNullOrWhiteSpace(route53.ZoneId))
            add("route53_config.zone_id", "No hosted zone id is configured.", "Set zone_id to the id of the hosted zone of email_config.domain (Z..., from aws route53 list-hosted-zones), or remove route53_config.");
        else CheckPattern(route53.ZoneId, "route53_config.zone_id", ConfigPatterns.HostedZoneId(), "Z0123456789ABCDEFGHIJ", add);
        CheckPattern(route53.RoleArn, "route53_config.role_arn", ConfigPatterns.RoleArn(), "arn:aws:iam::123456789012:role/name", add);
    }

    private static void ValidateBouncePolicy(BouncePolicyConfig? policy, string at, Action<string, string, string> add)
    {
        CheckChoice(policy?.PermanentBounce, $"{at}.permanent_bounce", BouncePolicyConfig.PermanentBounceActions.Keys, "opt_out", add);
        CheckChoice(policy?.Complaint, $"{at}.complaint", BouncePolicyConfig.ComplaintActions.Keys, "unsubscribe_all", add);
    }

    private static void CheckChoice(string? value, string path, IEnumerable<string> allowed, string fallback, Action<string, string, string> add)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
            add(path, $"'{value}' is not one of {string.Join(", ", allowed)}.", $"Use one of {string.Join(", ", allowed)}, or remove it for the default ({fallback}).");
    }

    private static void ValidatePolicy(ChangeMgmtConfig config, Action<string, string, string> add)
    {
        if (config.ChangePolicy?.MaxWindowHours is { } hours && !(hours > 0 && hours <= 24 * 366))
            add("change_policy.max_window_hours", $"{hours} is not a number of hours from above 0 to 8784.", $"Give the longest window that needs no warning in hours, e.g. {ChangePolicyConfig.DefaultMaxWindowHours}, or remove the setting.");
        RelatedGroupConfig.Validate(config.ChangePolicy?.Related, config, add);
    }

    /// <summary>The shape of <c>auth</c>; whether the secret's variable is set is checked where it is read (the server).</summary>
    private static void ValidateAuth(AuthConfig? auth, Action<string, string, string> add)
    {
        if (auth is null) return;
        if (auth.SessionSecret is not null && auth.SessionSecretEnv is not null)
            add("auth.session_secret", "Both session_secret and session_secret_env are set.", "Keep one: preferably session_secret_env, naming the environment variable that holds the secret.");
        if (auth.SessionSecret is { } secret)
        {
            if (AuthConfig.DecodeSecret(secret) is not { } key)
                add("auth.session_secret", "The session secret is not base64.", "Give the shared secret base64-encoded (e.g. openssl rand -base64 32).");
            else if (key.Length < AuthConfig.MinSecretBytes)
                add("auth.session_secret", $"The session secret has {key.Length} bytes; HS256 needs at least {AuthConfig.MinSecretBytes}.", "Use a random secret of 32 bytes or more (openssl rand -base64 32).");
        }
        if (auth.SessionSecretEnv is { } name && !ConfigPatterns.EnvironmentVariable().IsMatch(name))
            add("auth.session_secret_env", $"'{name}' is not an environment variable name.", "Use letters, digits and '_', e.g. CHANGEMGMT_SESSION_SECRET.");
        if (auth.CookieName is { } cookie && !ConfigPatterns.CookieName().IsMatch(cookie))
            add("auth.cookie_name", $"'{cookie}' is not a cookie name.", $"Use letters, digits, '-' and '_' (default {AuthConfig.DefaultCookieName}).");
        if (auth.Issuer is { } issuer && string.IsNullOrWhiteSpace(issuer))
            add("auth.issuer", "The issuer is empty.", $"Remove it (default {AuthConfig.DefaultIssuer}) or give the edge function's issuer.");
        if (auth.Audience is { } audience && string.IsNullOrWhiteSpace(audience))
            add("auth.audience", "The audience is empty.", $"Remove it (default {AuthConfig.DefaultAudience}) or give the API's audience.");
        if (auth.ClockSkewSeconds is < 0 or > AuthConfig.MaxClockSkewSeconds)
            add("auth.clock_skew_seconds", $"{auth.ClockSkewSeconds} is outside 0-{AuthConfig.MaxClockSkewSeconds}.", $"Use a small tolerance in seconds (default {AuthConfig.DefaultClockSkewSeconds}).");
        if (auth.PortalOrigin is { } origin
            && !(Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.GetLeftPart(UriPartial.Authority) == origin.TrimEnd('/')))
            add("auth.portal_origin", $"'{origin}' is not an origin.", "Use scheme://host[:port] without a path, e.g. https://changes.example.com.");
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
        ValidateBouncePolicy(c.BouncePolicy, $"{at}.bounce_policy", add);
        MaintenanceWindowConfig.Validate(c.MaintenanceWindows, at, add);
        ReminderConfig.Validate(c.Reminders, $"{at}.reminders", global: false, add);
        ContactConfig.Validate(c.ContactConfig, $"{at}.contact_config", add);
        CheckPattern(c.OrganizationRoleArn, $"{at}.organization_role_arn", ConfigPatterns.RoleArn(), "arn:aws:iam::123456789012:role/name", add);
        CheckPattern(c.OrganizationReaderRoleArn, $"{at}.organization_reader_role_arn", ConfigPatterns.RoleArn(), "arn:aws:iam::123456789012:role/name", add);
        CheckPattern(c.ManagementAccountId, $"{at}.management_account_id", ConfigPatterns.AccountId(), "123456789012", add);
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
        ValidateSendingDomain(email, add);
    }

    private static void ValidateSendingDomain(EmailConfig email, Action<string, string, string> add)
    {
        CheckPattern(email.Domain, "email_config.domain", ConfigPatterns.DomainName(), "msp.example.com", add);
        CheckPattern(email.MailFromSubdomain, "email_config.mail_from_subdomain", ConfigPatterns.DnsLabel(), "bounce", add);
        if (email.Domain is { } domain && ConfigPatterns.DomainName().IsMatch(domain) && ConfigPatterns.Email().IsMatch(email.SenderAddress!)
            && !EmailConfig.IsInDomain(email.SenderAddress, domain))
            add("email_config.sender_address", $"'{email.SenderAddress}' is not in the domain '{domain}'.",
                $"Use a sender address @{domain} (or a subdomain of it): SES sends only from the verified domain identity.");
        if (email.DmarcPolicy is { } policy && !EmailConfig.DmarcPolicies.Contains(policy))
            add("email_config.dmarc_policy", $"'{policy}' is not a DMARC policy.", "Use none, quarantine or reject.");
        if (email.DmarcReportEmail is { } report && !ConfigPatterns.Email().IsMatch(report) && !ConfigPatterns.DnsLabel().IsMatch(report.Replace('.', '-').Replace('_', '-')))
            add("email_config.dmarc_report_email", $"'{report}' is neither an address nor a mailbox name.", "Use an address (dmarc@example.com) or a mailbox name in the domain (dmarc-reports).");
    }

    private static void CheckPattern(string? value, string path, System.Text.RegularExpressions.Regex pattern, string example, Action<string, string, string> add)
    {
        if (value is not null && !pattern.IsMatch(value))
            add(path, $"'{value}' is malformed.", $"Use the form {example}.");
    }
}
