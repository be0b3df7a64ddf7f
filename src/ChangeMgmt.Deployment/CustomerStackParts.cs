using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Configuration;
using YamlDotNet.RepresentationModel;
using static ChangeMgmt.Deployment.CfnYaml;

namespace ChangeMgmt.Deployment;

/// <summary>
/// One customer's resources in the MSP stack: its queue and dead-letter queue, the alarm on the
/// dead letters, the queue policy that admits only the metadata bucket, and the delivery function's
/// event source. Logical ids start with <c>Customer{Code}</c>.
/// </summary>
internal sealed record CustomerStackParts(string CustomerCode, string LogicalId, SqsQueueArn Queue, string SesRoleArn)
{
    public string QueueId => $"{LogicalId}Queue";
    public string DeadLetterQueueId => $"{LogicalId}DeadLetterQueue";
    public string QueuePolicyId => $"{LogicalId}QueuePolicy";
    public string AlarmId => $"{LogicalId}DeadLetterAlarm";
    public string EventSourceId => $"{LogicalId}DeliveryEvents";

    /// <summary>The customer's SES account (its SES role's): the account its SES events come from.</summary>
    public string? SesAccountId => AccountOf(SesRoleArn);

    /// <summary>The account of an IAM role's ARN (arn:PARTITION:iam::ACCOUNT:role/NAME), or null.</summary>
    public static string? AccountOf(string? roleArn) =>
        roleArn?.Split(':') is ["arn", var partition, "iam", "", { Length: 12 } account, var resource]
            && partition.StartsWith("aws", StringComparison.Ordinal) && account.All(char.IsAsciiDigit) && resource.StartsWith("role/", StringComparison.Ordinal)
            ? account : null;

    public IEnumerable<(string Id, YamlMappingNode Resource)> Resources(MspTemplateOptions options, int visibilityTimeoutSeconds)
    {
        yield return (DeadLetterQueueId, Retained(Resource("AWS::SQS::Queue",
            ("QueueName", Text($"{Queue.QueueName}-dlq")),
            ("MessageRetentionPeriod", Number(options.MessageRetentionSeconds)),
            ("SqsManagedSseEnabled", Flag(true)))));
        yield return (QueueId, Retained(Resource("AWS::SQS::Queue",
            ("QueueName", Text(Queue.QueueName)),
            ("VisibilityTimeout", Number(visibilityTimeoutSeconds)),
            ("MessageRetentionPeriod", Number(options.MessageRetentionSeconds)),
            ("SqsManagedSseEnabled", Flag(true)),
            ("RedrivePolicy", Map(("deadLetterTargetArn", GetAtt(DeadLetterQueueId, "Arn")), ("maxReceiveCount", Number(options.MaxReceiveCount)))))));
        yield return (QueuePolicyId, Resource("AWS::SQS::QueuePolicy",
            ("Queues", List(Ref(QueueId))),
            ("PolicyDocument", QueuePolicy())));
        yield return (AlarmId, Resource("AWS::CloudWatch::Alarm",
            ("AlarmName", Sub($"${{AWS::StackName}}-{CustomerCode}-dead-letters")),
            ("AlarmDescription", Text($"Messages for {CustomerCode} failed every attempt and wait in {Queue.QueueName}-dlq. " +
                $"The last failed attempt's reason: Get-ChangeDeadLetter -Customer {CustomerCode} (or the portal's delivery status; in the metadata bucket, delivery-attempts/CHANGE-ID/{CustomerCode}.json). " +
                $"Fix the cause, then Invoke-ChangeRedrive -Customer {CustomerCode} (or the portal's Redrive).")),
            ("Namespace", Text("AWS/SQS")),
            ("MetricName", Text("ApproximateNumberOfMessagesVisible")),
            ("Dimensions", List(Map(("Name", Text("QueueName")), ("Value", GetAtt(DeadLetterQueueId, "QueueName"))))),
            ("Statistic", Text("Maximum")),
            ("Period", Number(300)),
            ("EvaluationPeriods", Number(1)),
            ("Threshold", Number(0)),
            ("ComparisonOperator", Text("GreaterThanThreshold")),
            ("TreatMissingData", Text("notBreaching")),
            ("AlarmActions", List(Ref("AlarmTopic"))),
            ("OKActions", List(Ref("AlarmTopic")))));
        yield return (EventSourceId, Resource("AWS::Lambda::EventSourceMapping",
            ("FunctionName", Ref("DeliveryFunction")),
            ("EventSourceArn", GetAtt(QueueId, "Arn")),
            ("BatchSize", Number(options.BatchSize)),
            ("FunctionResponseTypes", List(Text("ReportBatchItemFailures"))),
            ("ScalingConfig", Map(("MaximumConcurrency", Number(options.MaximumConcurrency)))),
            ("Enabled", Flag(true))));
    }

    /// <summary>The bucket notification Test-ChangeMgmtConfig -S3Event expects (<see cref="S3EventCheck"/>): new objects under <c>customers/{code}/</c> ending in .json go to this customer's queue.</summary>
    public YamlMappingNode Notification() => Map(
        ("Event", Text(S3EventCheck.ObjectCreatedAll)),
        ("Queue", GetAtt(QueueId, "Arn")),
        ("Filter", Map(("S3Key", Map(("Rules", List(
            Map(("Name", Text("prefix")), ("Value", Text(StorageLayout.CustomerPrefix(CustomerCode)))),
            Map(("Name", Text("suffix")), ("Value", Text(S3EventCheck.TriggerSuffix))))))))));

    /// <summary>Only S3, on behalf of this stack's metadata bucket in this account, may send.</summary>
    private YamlMappingNode QueuePolicy() => Map(
        ("Version", Text("2012-10-17")),
        ("Statement", List(Map(
            ("Sid", Text("MetadataBucketNotifications")),
            ("Effect", Text("Allow")),
            ("Principal", Map(("Service", Text("s3.amazonaws.com")))),
            ("Action", Text("sqs:SendMessage")),
            ("Resource", GetAtt(QueueId, "Arn")),
            ("Condition", Map(
                // The bucket's name, not !GetAtt: the bucket waits for this policy (S3 tests the destination).
                ("ArnEquals", Map(("aws:SourceArn", Sub("arn:${AWS::Partition}:s3:::${MetadataBucketName}")))),
                ("StringEquals", Map(("aws:SourceAccount", Ref("AWS::AccountId"))))))))));

    /// <summary>A queue outlives its removal from config.json: it may still hold undelivered messages.</summary>
    private static YamlMappingNode Retained(YamlMappingNode resource)
    {
        resource.Add("DeletionPolicy", Text("Retain"));
        resource.Add("UpdateReplacePolicy", Text("Retain"));
        return resource;
    }

    private static YamlMappingNode Resource(string type, params (string Key, YamlNode Value)[] properties) =>
        Map(("Type", Text(type)), ("Properties", Map(properties)));
}
