using ChangeMgmt.Core.Administration;
using ChangeMgmt.Core.Configuration;
using ChangeMgmt.Core.Errors;
using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Readiness;

/// <summary>
/// Sets a customer's SES account up for ChangeMgmt, idempotently: the configuration set, the sender
/// domain identity with Easy DKIM (RSA 2048), custom MAIL FROM, the account-level suppression
/// reasons, production access (only on request: AWS reviews it) and the contact list with its
/// topics. <see cref="PlanAsync"/> only reads; <see cref="ApplyAsync"/> makes the planned changes.
/// </summary>
public sealed class SesAccountSetup(LoadedConfig config, ISesAccountProvider accounts, ContactListService lists, TopicSync topics)
{
    public static readonly IReadOnlyList<SuppressionReason> SuppressedReasons = [SuppressionReason.Bounce, SuppressionReason.Complaint];

    /// <param name="requestProductionAccess">Plan a production access request when the account is in the sandbox.</param>
    public async Task<SesSetupPlan> PlanAsync(CustomerConfig customer, bool requestProductionAccess, CancellationToken ct)
    {
        var account = accounts.ForCustomer(customer.CustomerCode);
        var steps = new SesSetupSteps(config.Email, customer, account, lists, topics);
        var details = await account.GetAccountAsync(ct);
        var identity = config.Email.SenderDomain is { } domain ? await SesLookups.IdentityAsync(account, domain, ct) : null;
        return new SesSetupPlan(customer.CustomerCode,
        [
            await steps.ConfigurationSetAsync(ct),
            steps.DomainIdentity(identity),
            steps.EasyDkim(identity),
            steps.MailFrom(identity),
            steps.Suppression(details),
            steps.ProductionAccess(details, requestProductionAccess),
            await steps.ContactListAsync(ct),
        ]);
    }

    /// <summary>Runs each planned step in order; a step that fails is reported with its fix and the next ones still run.</summary>
    public async Task<IReadOnlyList<SetupStepResult>> ApplyAsync(SesSetupPlan plan, CancellationToken ct)
    {
        var results = new List<SetupStepResult>();
        foreach (var step in plan.Steps)
            results.Add(step.Apply is null ? step.Result(plan.CustomerCode) : await RunAsync(plan.CustomerCode, step, ct));
        return results;
    }

    private static async Task<SetupStepResult> RunAsync(string customerCode, SesSetupStep step, CancellationToken ct)
    {
        try
        {
            return new(customerCode, step.Name, SetupStepStatus.Done, await step.Apply!(ct));
        }
        catch (Exception ex) when (ex is ServiceException or HttpRequestException or InvalidOperationException)
        {
            return new(customerCode, step.Name, SetupStepStatus.Failed, $"{step.Detail}: failed: {ex.Message}",
                $"Fix the cause above, then run {SetupNames.InitializeCommand(customerCode)} again (it skips what is already done).");
        }
    }
}
