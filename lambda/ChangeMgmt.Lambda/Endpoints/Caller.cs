namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>Who is calling. Local mode has a single operator on loopback; signed-in users come with the sign-in work.</summary>
public sealed record Caller(string User, string Mode)
{
    public static readonly Caller LocalOperator = new("local-operator", "local");
}
