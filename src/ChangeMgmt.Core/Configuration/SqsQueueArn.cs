namespace ChangeMgmt.Core.Configuration;

/// <summary>An SQS queue ARN, <c>arn:{partition}:sqs:{region}:{account}:{name}</c>.</summary>
public sealed record SqsQueueArn(string Partition, string Region, string AccountId, string QueueName)
{
    public static bool TryParse(string? arn, out SqsQueueArn parsed)
    {
        parsed = null!;
        var parts = arn?.Split(':');
        if (parts is not { Length: 6 } || parts[0] != "arn" || parts[2] != "sqs" || parts.Skip(1).Any(string.IsNullOrWhiteSpace))
            return false;
        parsed = new SqsQueueArn(parts[1], parts[3], parts[4], parts[5]);
        return true;
    }

    public override string ToString() => $"arn:{Partition}:sqs:{Region}:{AccountId}:{QueueName}";
}
