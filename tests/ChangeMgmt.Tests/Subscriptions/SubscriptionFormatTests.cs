using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using ChangeMgmt.Core.Subscriptions;
using ChangeMgmt.Core.Tokens;
using ChangeMgmt.Tests.Ports;

namespace ChangeMgmt.Tests.Subscriptions;

/// <summary>
/// Subscription jobs and tokens through generated metadata: jobs and rows stored byte for byte as the previous release
/// stored them (reflection, web settings), and tokens it issued still open, as the same text.
/// </summary>
public sealed class SubscriptionFormatTests
{
    private static readonly JsonSerializerOptions PreviousJobs = new(JsonSerializerDefaults.Web);

    private static readonly TokenKeys Keys = new(Encoding.ASCII.GetBytes("a session secret of thirty-two bytes or more"));

    /// <summary>Issued by the previous release for Jane@acme.example of acme at the clock's start (expiring 60 days later).</summary>
    private const string PreviousPreferenceToken =
        "eyJ2IjoxLCJjIjoiYWNtZSIsImUiOiJKYW5lQGFjbWUuZXhhbXBsZSIsImV4cCI6MTgwMTIzMTIwMH0.yys3M7gwMqmzz8mMF8U8GcV6mete25cH1MZedfRLgWg";

    private readonly ManualClock clock = new();
    private readonly InMemoryObjectStore store = new();

    private async Task<string> StoredAsync(string key) => Encoding.UTF8.GetString((await store.GetAsync(key, default))!.Content);

    [Fact]
    public async Task A_queued_job_and_its_rows_are_stored_as_before_and_read_back()
    {
        var jobs = new SubscriptionJobs(store, clock);
        IReadOnlyList<ImportRow> rows = [new(2, "zoe@acme.example", ["aws-announce", "aws-calendar"], ImportAction.Set), new(3, "amir@acme.example", [], ImportAction.Remove)];

        var job = await jobs.QueueAsync("acme", rows, "admin@msp.example", default);

        Assert.Equal(JsonSerializer.Serialize(job, PreviousJobs), await StoredAsync(SubscriptionKeys.Job("acme", job.JobId)));
        Assert.Equal(JsonSerializer.Serialize(rows, PreviousJobs), await StoredAsync(SubscriptionKeys.Rows("acme", job.JobId)));
        Assert.Contains("\"backup\":null", await StoredAsync(SubscriptionKeys.Job("acme", job.JobId)));
        Assert.Equal(JsonSerializer.Serialize(rows, PreviousJobs), JsonSerializer.Serialize(await jobs.RowsAsync(job, default), PreviousJobs));
        Assert.Equal(JsonSerializer.Serialize(job, PreviousJobs), JsonSerializer.Serialize(await jobs.GetAsync("acme", job.JobId, default), PreviousJobs));
    }

    [Fact]
    public void A_preference_token_is_issued_as_before_and_one_issued_before_opens()
    {
        var tokens = new PreferenceToken(Keys, clock);

        Assert.Equal(PreviousPreferenceToken, tokens.Issue("acme", "Jane@acme.example"));
        Assert.Equal(new PreferenceHolder("acme", "Jane@acme.example", clock.GetUtcNow().AddDays(60)), tokens.Read(PreviousPreferenceToken));
    }

    [Fact]
    public void A_contact_page_token_is_the_same_text_as_before_and_reads_back()
    {
        var token = new ContactPageToken("ses-token-1", 2, 50);

        Assert.Equal("""{"Ses":"ses-token-1","Skip":2,"Fetch":50}""", Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.Encode())));
        Assert.Equal(token, ContactPageToken.Decode(token.Encode(), 10));
    }
}
