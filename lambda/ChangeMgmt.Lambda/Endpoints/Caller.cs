namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>
/// Who is calling. Off Lambda the server listens on loopback only and serves a single operator
/// (local mode, or AWS mode from an administrator's machine); signed-in users come with the sign-in work.
/// </summary>
public sealed record Caller(string User, string Mode)
{
    public static readonly Caller LocalOperator = new("local-operator", "local");
    public static readonly Caller AwsOperator = new(Environment.UserName is { Length: > 0 } name ? $"{name}@{Environment.MachineName}" : "aws-operator", "aws");
}
