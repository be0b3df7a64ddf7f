namespace ChangeMgmt.Server.Tests;

/// <summary>One local server shared by the tests of a class (each test uses its own changes).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public LocalServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await LocalServer.StartAsync(TestContacts.Write);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
