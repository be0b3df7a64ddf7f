using ChangeMgmt.Aws.Credentials;

namespace ChangeMgmt.Aws.Tests.Credentials;

public sealed class DefaultAwsIdentityTests
{
    [Fact]
    public void The_configured_region_is_used_when_set()
    {
        Assert.Equal("eu-west-1", DefaultAwsIdentity.Region("eu-west-1"));
    }
}
