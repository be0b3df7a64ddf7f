using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Tests.Local;

public sealed class LocalDeliveryOutcomesTests : DeliveryOutcomesContract, IDisposable
{
    private readonly LocalFixture _fixture = new();

    protected override IDeliveryLedger Ledger => _fixture.Adapters.Ledger;
    protected override IDeliveryOutcomes Outcomes => _fixture.Adapters.Ledger;
    protected override ManualClock Clock => _fixture.Time;

    public void Dispose() => _fixture.Dispose();
}
