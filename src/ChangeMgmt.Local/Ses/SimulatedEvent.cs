namespace ChangeMgmt.Local;

/// <summary>One event the local SES account publishes for a stored message: its type and the kind's object.</summary>
internal sealed record SimulatedEvent(string EventType, string DetailType, string ObjectName, System.Text.Json.Nodes.JsonObject Body);
