using System.Text.Json.Nodes;
using ChangeMgmt.Aws.Ledger;

namespace ChangeMgmt.Aws.Tests.Deployment;

/// <summary>
/// deploy/msp.yaml's DeliveryLedger is the table the adapter creates and queries
/// (<see cref="DynamoDeliveryLedger.TableDefinition"/>): same keys, attributes and indexes, so the
/// queries the delivery and API functions make by index work on the deployed table.
/// </summary>
public sealed class LedgerTableTemplateTests
{
    private static readonly JsonObject Table =
        CfnTemplate.Load(Path.Combine(SharedFixtures.RepositoryRoot(), "deploy", "msp.yaml")).Properties("DeliveryLedger");

    private static readonly Amazon.DynamoDBv2.Model.CreateTableRequest Code = DynamoDeliveryLedger.TableDefinition("changemgmt-deliveries");

    [Fact]
    public void The_templates_ledger_table_has_the_keys_attributes_and_billing_of_the_table_definition()
    {
        Assert.Equal(Code.BillingMode.Value, (string?)Table["BillingMode"]);
        Assert.Equal(Code.KeySchema.Select(k => $"{k.AttributeName} {k.KeyType.Value}"), Keys(Table["KeySchema"]));
        Assert.Equal(Code.AttributeDefinitions.Select(a => $"{a.AttributeName} {a.AttributeType.Value}").Order(),
            Table["AttributeDefinitions"]!.AsArray().Select(a => $"{a!["AttributeName"]} {a["AttributeType"]}").Order());
    }

    [Fact]
    public void The_templates_ledger_table_has_the_global_secondary_indexes_of_the_table_definition()
    {
        Assert.Equal(2, Code.GlobalSecondaryIndexes.Count);
        Assert.Equal(Code.GlobalSecondaryIndexes.Select(Describe).Order(), Table["GlobalSecondaryIndexes"]!.AsArray().Select(i => Describe(i!)).Order());
    }

    private static string Describe(Amazon.DynamoDBv2.Model.GlobalSecondaryIndex index) =>
        $"{index.IndexName}: {string.Join(", ", index.KeySchema.Select(k => $"{k.AttributeName} {k.KeyType.Value}"))}; " +
        $"{index.Projection.ProjectionType.Value} [{string.Join(", ", (index.Projection.NonKeyAttributes ?? []).Order())}]";

    private static string Describe(JsonNode index) =>
        $"{index["IndexName"]}: {string.Join(", ", Keys(index["KeySchema"]))}; " +
        $"{index["Projection"]!["ProjectionType"]} [{string.Join(", ", (index["Projection"]!["NonKeyAttributes"]?.AsArray().Select(a => (string)a!) ?? []).Order())}]";

    private static IEnumerable<string> Keys(JsonNode? schema) =>
        schema!.AsArray().Select(k => $"{k!["AttributeName"]} {k["KeyType"]}");
}
