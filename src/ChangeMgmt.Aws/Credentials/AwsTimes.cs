namespace ChangeMgmt.Aws.Credentials;

/// <summary>SDK timestamps (a <see cref="DateTime"/> of any kind) as UTC instants.</summary>
public static class AwsTimes
{
    public static DateTimeOffset? ToUtc(DateTime? time) => time switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => new DateTimeOffset(local.ToUniversalTime(), TimeSpan.Zero),
        { } other => new DateTimeOffset(DateTime.SpecifyKind(other, DateTimeKind.Utc), TimeSpan.Zero),
    };
}
