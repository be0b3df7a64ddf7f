using System.Text.Json.Nodes;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Reminders;

namespace ChangeMgmt.Tests.Reminders;

/// <summary>config.json <c>reminders</c>: the users' config.json (none) keeps every moment; a customer's settings win; mistakes name the field.</summary>
public sealed class ReminderConfigTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private LoadedConfig Load(Action<JsonObject> edit) => temp.LoadEditedConfig(edit);

    private IReadOnlyList<ConfigProblem> Problems(Action<JsonObject> edit) =>
        Assert.Throws<ConfigException>(() => Load(edit)).Problems;

    [Fact]
    public void The_users_config_without_reminders_sends_every_moment_after_an_hour_of_grace()
    {
        var loaded = Load(_ => { });

        var settings = ReminderConfig.For(loaded.Config, loaded.Customer("acme"));

        Assert.All(ChangeMoments.All, m => Assert.True(m.IsOn(settings)));
        Assert.Null(settings.Topic);
        Assert.Equal(TimeSpan.FromHours(1), ReminderConfig.Grace(loaded.Config));
    }

    [Fact]
    public void A_customers_setting_wins_over_the_global_one_and_the_rest_is_inherited()
    {
        var loaded = Load(c =>
        {
            c["reminders"] = JsonNode.Parse("""{"day_before": false, "started": false, "topic": "aws-calendar", "grace_minutes": 15}""");
            c["customer_mappings"]!["globex"]!["reminders"] = JsonNode.Parse("""{"day_before": true, "topic": "aws-announce"}""");
        });

        var acme = ReminderConfig.For(loaded.Config, loaded.Customer("acme"));
        var globex = ReminderConfig.For(loaded.Config, loaded.Customer("globex"));

        Assert.Equal((false, true, false, true, "aws-calendar"), (ChangeMoment.DayBefore.IsOn(acme), ChangeMoment.HourBefore.IsOn(acme), ChangeMoment.Started.IsOn(acme), ChangeMoment.WindowEnded.IsOn(acme), acme.Topic));
        Assert.Equal((true, false, "aws-announce"), (ChangeMoment.DayBefore.IsOn(globex), ChangeMoment.Started.IsOn(globex), globex.Topic));
        Assert.Equal(TimeSpan.FromMinutes(15), ReminderConfig.Grace(loaded.Config));
    }

    [Fact]
    public void A_reminder_topic_missing_from_SESConfig_is_named_with_the_topics_there()
    {
        var problem = Assert.Single(Problems(c => c["customer_mappings"]!["acme"]!["reminders"] = JsonNode.Parse("""{"topic": "aws-reminders"}""")));

        Assert.Equal("customer_mappings.acme.reminders.topic", problem.Path);
        Assert.Contains("'aws-reminders'", problem.Message);
        Assert.Contains("aws-announce", problem.Message);
        Assert.Contains("Sync-SesTopic", problem.Fix);
    }

    [Theory]
    [InlineData("""{"grace_minutes": -5}""", "reminders.grace_minutes", "from 0 to 10080")]
    [InlineData("""{"topic": " "}""", "reminders.topic", "empty")]
    public void A_bad_global_setting_is_named(string reminders, string path, string message)
    {
        var problem = Assert.Single(Problems(c => c["reminders"] = JsonNode.Parse(reminders)));

        Assert.Equal(path, problem.Path);
        Assert.Contains(message, problem.Message);
    }

    [Fact]
    public void A_grace_period_per_customer_is_refused_naming_where_it_belongs()
    {
        var problem = Assert.Single(Problems(c => c["customer_mappings"]!["acme"]!["reminders"] = JsonNode.Parse("""{"grace_minutes": 30}""")));

        Assert.Equal("customer_mappings.acme.reminders.grace_minutes", problem.Path);
        Assert.Contains("top-level reminders", problem.Fix);
    }
}
