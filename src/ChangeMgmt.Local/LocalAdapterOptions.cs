namespace ChangeMgmt.Local;

/// <summary>Settings of the embedded backend; the defaults mirror a new AWS setup.</summary>
public sealed record LocalAdapterOptions
{
    public string Region { get; init; } = "us-east-1";

    /// <summary>Write every sent message as .eml under <c>{dataDir}/outbox/{customer}/</c> (off for benchmarks).</summary>
    public bool WriteEmlFiles { get; init; } = true;

    /// <summary>Receives after which a message goes to the dead letters (the redrive policy's maxReceiveCount).</summary>
    public int MaxReceiveCount { get; init; } = 5;

    /// <summary>How long a released message stays hidden before it is offered again; null: doubling with each receive.</summary>
    public TimeSpan? ReleaseDelay { get; init; }

    /// <summary>Send rate of an account that has none set (a new production SES account: 14 a second).</summary>
    public double DefaultMaxSendRate { get; init; } = LocalSesAccountProvider.DefaultMaxSendRate;

    /// <summary>Publish each sent message's SES events (Send, Delivery, Bounce, Complaint) to the feedback queue, as a configuration set's event destination does.</summary>
    public bool PublishSesEvents { get; init; } = true;

    /// <summary>
    /// Management requests a second each local SES account allows (SES: about 1), TooManyRequests beyond it; null (the
    /// default, unless $env:CHANGEMGMT_LOCAL_SES_MANAGEMENT_RATE sets it) enforces none, so suites that add many
    /// contacts stay fast. The accounts pace their own calls below it.
    /// </summary>
    public double? ManagementRequestsPerSecond { get; init; } = ManagementRate.FromEnvironment();

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
