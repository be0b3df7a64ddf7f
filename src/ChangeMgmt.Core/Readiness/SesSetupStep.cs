namespace ChangeMgmt.Core.Readiness;

/// <summary>A step as found by reading the account: already so, or the change that would make it so.</summary>
internal sealed record SesSetupStep(string Name, SetupStepStatus Status, string Detail, string? Fix = null, Func<CancellationToken, Task<string>>? Apply = null)
{
    public static SesSetupStep Already(string name, string detail) => new(name, SetupStepStatus.AlreadySo, detail);

    public static SesSetupStep ToDo(string name, string detail, Func<CancellationToken, Task<string>> apply) => new(name, SetupStepStatus.Planned, detail, Apply: apply);

    public static SesSetupStep Failed(string name, string detail, string fix) => new(name, SetupStepStatus.Failed, detail, fix);

    public SetupStepResult Result(string customerCode) => new(customerCode, Name, Status, Detail, Fix);
}

/// <summary>The steps for one customer, read from its account; applying runs the planned ones in order.</summary>
public sealed class SesSetupPlan
{
    internal SesSetupPlan(string customerCode, IReadOnlyList<SesSetupStep> steps)
    {
        CustomerCode = customerCode;
        Steps = steps;
    }

    public string CustomerCode { get; }

    internal IReadOnlyList<SesSetupStep> Steps { get; }

    public bool HasWork => Steps.Any(s => s.Status == SetupStepStatus.Planned);

    /// <summary>The plan as -WhatIf shows it.</summary>
    public IReadOnlyList<SetupStepResult> Results => [.. Steps.Select(s => s.Result(CustomerCode))];

    public string Describe() => string.Join("; ", Steps.Where(s => s.Status == SetupStepStatus.Planned).Select(s => $"{s.Name}: {s.Detail}"));
}
