using System.Text.RegularExpressions;

namespace ChangeMgmt.Core.Configuration;

internal static partial class ConfigPatterns
{
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$")]
    public static partial Regex CustomerCode();

    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:iam::\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$")]
    public static partial Regex RoleArn();

    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:sqs:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,80}$")]
    public static partial Regex QueueArn();

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d$")]
    public static partial Regex Region();

    [GeneratedRegex(@"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")]
    public static partial Regex Email();

    [GeneratedRegex(@"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")]
    public static partial Regex DomainName();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")]
    public static partial Regex DnsLabel();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    public static partial Regex BucketName();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}$")]
    public static partial Regex TopicName();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,127}$")]
    public static partial Regex EnvironmentVariable();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}$")]
    public static partial Regex CookieName();

    [GeneratedRegex(@"^(/hostedzone/)?Z[A-Z0-9]{1,32}$")]
    public static partial Regex HostedZoneId();

    [GeneratedRegex(@"^\d{12}$")]
    public static partial Regex AccountId();

    /// <summary>The Account API's EmailAddress pattern.</summary>
    public const string AlternateContactEmailPattern = @"^[\s]*[\w+=.#|!&-]+@[\w.-]+\.[\w]+[\s]*$";

    [GeneratedRegex(AlternateContactEmailPattern)]
    public static partial Regex AlternateContactEmail();

    /// <summary>The Account API's PhoneNumber pattern.</summary>
    public const string AlternateContactPhonePattern = @"^[\s0-9()+-]+$";

    [GeneratedRegex(AlternateContactPhonePattern)]
    public static partial Regex AlternateContactPhone();
}
