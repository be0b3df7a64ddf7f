using Amazon.S3;
using Amazon.S3.Model;
using ChangeMgmt.Aws.Storage;
using ChangeMgmt.Aws.Tests.Credentials;

namespace ChangeMgmt.Aws.Tests.Support;

/// <summary>A clean moto with one empty bucket, and the S3 client that made it (the test disposes it).</summary>
internal static class MotoBuckets
{
    public static async Task<AmazonS3Client> FreshAsync(MotoServer moto, string bucket)
    {
        await moto.ResetAsync();
        var s3 = S3ObjectStore.CreateClient(MotoSettings.For(moto));
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        return s3;
    }
}
