using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeMgmt.Core.AlternateContacts;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Calendar;
using ChangeMgmt.Core.CalendarFeeds;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Feedback;
using ChangeMgmt.Core.Freezes;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Core.Subscriptions;
using ChangeMgmt.Lambda.Endpoints;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>
/// The HTTP JSON options' pieces (<see cref="ServerApp"/>): generated metadata only (<see cref="ServerJsonContext"/>;
/// no reflection, so a type missing from it throws at its first use and fails an API test — issue 25,
/// docs/performance-cold-start.md) and the enums the API reads and answers.
/// </summary>
public static class ServerJson
{
    /// <summary>
    /// Every enum that crosses the API, as camelCase words (member names given by <c>JsonStringEnumMemberName</c> win).
    /// One converter per enum: the non-generic factory needs code generated at run time (Native AOT).
    /// </summary>
    public static IReadOnlyList<JsonConverter> EnumConverters { get; } =
    [
        new JsonStringEnumConverter<ChangeStatus>(JsonNamingPolicy.CamelCase),
        new JsonStringEnumConverter<AnnouncementStatus>(JsonNamingPolicy.CamelCase),
        new JsonStringEnumConverter<CustomerDeliveryState>(JsonNamingPolicy.CamelCase),
        new JsonStringEnumConverter<DeliveryState>(JsonNamingPolicy.CamelCase),
        new JsonStringEnumConverter<NotificationKind>(JsonNamingPolicy.CamelCase),
        new JsonStringEnumConverter<RecipientOutcome>(JsonNamingPolicy.CamelCase),
        new JsonStringEnumConverter<ReputationStatus>(JsonNamingPolicy.CamelCase),
        new JsonStringEnumConverter<AlternateContactType>(JsonNamingPolicy.CamelCase),
        new JsonStringEnumConverter<ContactReportState>(JsonNamingPolicy.CamelCase),
    ];

    /// <summary>The API's resolvers: generated metadata only (local mode puts its outbox's context in front).</summary>
    public static void UseGeneratedMetadata(JsonSerializerOptions options)
    {
        options.TypeInfoResolverChain.Clear();
        options.TypeInfoResolverChain.Add(ServerJsonContext.Default);
    }
}

/// <summary>
/// Source-generated JSON metadata for what the API reads and answers (bodies, responses, problem details'
/// extensions, POST /events). Metadata mode only: names, converters and ignore conditions come from the HTTP
/// options at run time, so the wire format is the one reflection gave.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
// Responses shared by several routes (Responses.cs).
[JsonSerializable(typeof(ItemsResponse<ChangeVersionInfo>))]
[JsonSerializable(typeof(ItemsResponse<CustomerTriggerResult>))]
[JsonSerializable(typeof(ItemsResponse<AnnouncementVersionInfo>))]
[JsonSerializable(typeof(ItemsResponse<ChangeFreeze>))]
[JsonSerializable(typeof(ItemsResponse<CalendarFeed>))]
[JsonSerializable(typeof(ItemsResponse<SubscriptionJob>))]
[JsonSerializable(typeof(PageResponse<ChangeSummary>))]
[JsonSerializable(typeof(PageResponse<AnnouncementSummary>))]
// Changes, announcements, freezes.
[JsonSerializable(typeof(Change))]
[JsonSerializable(typeof(ChangeWriteResult))]
[JsonSerializable(typeof(EditCheck))]
[JsonSerializable(typeof(StatsResponse))]
[JsonSerializable(typeof(TriggerRequest))]
[JsonSerializable(typeof(ActionRequestBody))]
[JsonSerializable(typeof(Announcement))]
[JsonSerializable(typeof(AnnouncementWriteResult))]
[JsonSerializable(typeof(AnnouncementTypesResponse))]
[JsonSerializable(typeof(ChangeFreeze))]
[JsonSerializable(typeof(List<Problems.FreezeRefusal>))]
[JsonSerializable(typeof(PreviewResponse))]
// Calendar and its feeds.
[JsonSerializable(typeof(CalendarView))]
[JsonSerializable(typeof(CalendarFeed))]
[JsonSerializable(typeof(CalendarFeedEndpoints.FeedRequest))]
[JsonSerializable(typeof(CalendarFeedEndpoints.IssuedFeedResponse))]
// Who calls, customers, delivery.
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(MeResponse))]
[JsonSerializable(typeof(CustomersResponse))]
[JsonSerializable(typeof(ReputationResponse))]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(DeliveriesResponse))]
[JsonSerializable(typeof(DeadLettersResponse))]
[JsonSerializable(typeof(RedriveResult))]
// Subscriptions and a recipient's own preferences.
[JsonSerializable(typeof(SubscriptionEndpoints.SubscriptionsInfo))]
[JsonSerializable(typeof(SubscriptionEndpoints.NewContact))]
[JsonSerializable(typeof(SubscriptionEndpoints.ContactPreferences))]
[JsonSerializable(typeof(SubscriptionEndpoints.QueuedJob))]
[JsonSerializable(typeof(SubscriptionContact))]
[JsonSerializable(typeof(ContactPage))]
[JsonSerializable(typeof(ImportPreview))]
[JsonSerializable(typeof(SubscriptionJob))]
[JsonSerializable(typeof(PreferencesRequest))]
[JsonSerializable(typeof(PreferencesResponse))]
// Alternate contacts.
[JsonSerializable(typeof(AlternateContactEndpoints.AlternateContactsResponse))]
[JsonSerializable(typeof(AlternateContactEndpoints.CheckRequested))]
[JsonSerializable(typeof(ContactReport))]
// POST /events: SQS batches and the schedule's sweep.
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
[JsonSerializable(typeof(PendingWorkResult))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
