using ChangeMgmt.Aws.Tests.Support;

namespace ChangeMgmt.Aws.Tests.EndToEnd;

/// <summary>Tests over a fresh <see cref="AwsWorld"/> on a reset moto: bucket, queues, customer accounts and contact lists.</summary>
public abstract class AwsWorldTests(MotoServer moto) : IAsyncLifetime
{
    protected MotoServer Moto { get; } = moto;

    protected AwsWorld World { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Moto.ResetAsync();
        World = CreateWorld();
        await World.CreateAsync();
    }

    protected virtual AwsWorld CreateWorld() => new(Moto);

    public Task DisposeAsync()
    {
        World.Dispose();
        return Task.CompletedTask;
    }
}
