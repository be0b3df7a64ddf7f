using Amazon.DynamoDBv2;
using Amazon.Runtime;
using ChangeMgmt.Aws.Ledger;

namespace ChangeMgmt.Aws.Tests.Support;

/// <summary>A fresh delivery ledger table on moto (the product's table definition, both indexes) and the ledger over it, for acme and globex.</summary>
public sealed class MotoLedgerTable : IDisposable
{
    private MotoLedgerTable(AmazonDynamoDBClient dynamo, string table, DynamoDeliveryLedger ledger) => (Dynamo, Table, Ledger) = (dynamo, table, ledger);

    public AmazonDynamoDBClient Dynamo { get; }
    public string Table { get; }
    public DynamoDeliveryLedger Ledger { get; }

    public static async Task<MotoLedgerTable> CreateAsync(MotoServer moto, TimeProvider clock)
    {
        var table = "deliveries-" + Guid.NewGuid().ToString("N")[..8];
        var dynamo = new AmazonDynamoDBClient(new BasicAWSCredentials("test", "test"),
            new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });
        await dynamo.CreateTableAsync(DynamoDeliveryLedger.TableDefinition(table));
        return new(dynamo, table, new DynamoDeliveryLedger(dynamo, table, ["acme", "globex"], clock));
    }

    public void Dispose() => Dynamo.Dispose();
}
