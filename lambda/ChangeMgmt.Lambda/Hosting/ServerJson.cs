using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ChangeMgmt.Core.AlternateContacts;
using ChangeMgmt.Core.Announcements;
using ChangeMgmt.Core.Calendar;
using ChangeMgmt.Core.CalendarFeeds;
using ChangeMgmt.Core.Changes;
using ChangeMgmt.Core.Delivery;
using ChangeMgmt.Core.Freezes;
using ChangeMgmt.Core.Messages;
using ChangeMgmt.Core.Subscriptions;
using ChangeMgmt.Lambda.Endpoints;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>
/// The HTTP JSON options' resolvers (<see cref="ServerApp"/>): generated metadata for what the API reads and
/// answers, then reflection for the rest (issue 25, docs/performance-cold-start.md). The API tests keep
/// reflection only for <see cref="ReflectionOnly"/>, so a type missing from <see cref="ServerJsonContext"/> fails a test.
/// </summary>
public static class ServerJson
{
    /// <summary>
    /// Types read from request bodies whose init-only properties have initializers (<c>Customers = []</c>,
    /// <c>ObjectType = "announcement"</c>) or hold extension data in an init-only property. Generated metadata
    /// sets every init-only property in an object initializer, so a field the body leaves out would become null
    /// instead of its default (dotnet/runtime#84484), and it refuses init-only extension data. They stay on
    /// reflection until the models change (the plan's step 2).
    /// </summary>
    public static readonly IReadOnlySet<Type> ReflectionOnly = new HashSet<Type>
    {
        typeof(Change), typeof(Modification), typeof(Announcement), typeof(AnnouncementAttachment), typeof(AnnouncementLink),
        typeof(ChangeFreeze), typeof(SqsRecord),
    };

    /// <summary>Generated metadata for the API's types, except <see cref="ReflectionOnly"/>.</summary>
    public static IJsonTypeInfoResolver Generated { get; } = new Except(ServerJsonContext.Default, ReflectionOnly);

    /// <summary>A resolver that answers nothing for the given types, so the next one in the chain does.</summary>
    public sealed class Except(IJsonTypeInfoResolver inner, IReadOnlySet<Type> types) : IJsonTypeInfoResolver
    {
        public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options) => types.Contains(type) ? null : inner.GetTypeInfo(type, options);
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
