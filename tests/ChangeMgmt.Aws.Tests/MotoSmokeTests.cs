using ChangeMgmt.Aws.Tests.Support;

namespace ChangeMgmt.Aws.Tests;

[Collection(MotoCollection.Name)]
public sealed class MotoSmokeTests(MotoServer moto)
{
    [Fact]
    public async Task The_test_run_starts_moto_and_can_reset_it()
    {
        await moto.ResetAsync();
        var data = await moto.DataAsync();
        Assert.IsType<System.Text.Json.Nodes.JsonObject>(data);
    }
}
