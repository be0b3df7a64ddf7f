using System.Text.Json;

namespace ChangeMgmt.Lambda.Endpoints;

/// <summary>
/// The invocation context the AWS Lambda Web Adapter adds to every request it forwards: header
/// <c>x-amzn-lambda-context</c>, the JSON of the Rust runtime's <c>Context</c> (<c>request_id</c>,
/// <c>deadline</c> in milliseconds since the Unix epoch, <c>invoked_function_arn</c>, <c>xray_trace_id</c>,
/// <c>client_context</c>, <c>identity</c>, <c>env_config</c>). Only the deadline is read.
/// </summary>
public static class LambdaContextHeader
{
    public const string Name = "x-amzn-lambda-context";

    public abstract record Result
    {
        /// <summary>No header: not under the adapter (local mode, tests).</summary>
        public sealed record Absent : Result;

        public sealed record Deadline(DateTimeOffset At, string? RequestId) : Result;

        public sealed record Malformed(string Reason) : Result;
    }

    public static Result Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return new Result.Absent();
        try
        {
            using var document = JsonDocument.Parse(header);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return new Result.Malformed($"{Name} is a JSON {root.ValueKind}, not an object.");
            if (!root.TryGetProperty("deadline", out var deadline) || deadline.ValueKind != JsonValueKind.Number
                || !deadline.TryGetInt64(out var ms) || ms <= 0 || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
                return new Result.Malformed($"{Name} has no deadline (a positive whole number of milliseconds since the Unix epoch).");
            var requestId = root.TryGetProperty("request_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            return new Result.Deadline(DateTimeOffset.FromUnixTimeMilliseconds(ms), requestId);
        }
        catch (JsonException ex)
        {
            return new Result.Malformed($"{Name} is not JSON: {ex.Message}");
        }
    }
}
