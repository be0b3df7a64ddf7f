using System.Management.Automation;
using ChangeMgmt.Core.AlternateContacts;
using ChangeMgmt.Core.Configuration;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Sets the alternate contacts of every account of customers' organizations: from config.json's contact_config (the
/// customer's override field by field) or from -Name, -Title, -EmailAddress and -PhoneNumber for the -Type given.
/// As the original tool: without -Overwrite an account's existing, different contact is kept. -WhatIf outputs the plan
/// per account and type (Set, Keep, Unchanged); the current contacts are backed up before anything changes.
/// </summary>
[Cmdlet(VerbsCommon.Set, "AwsAlternateContact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = FromConfigSet)]
[OutputType(typeof(ContactChange))]
public sealed class SetAwsAlternateContactCommand : AlternateContactWriteCmdletBase
{
    private const string FromConfigSet = "FromConfig", ContactSet = "Contact";

    /// <summary>Contact types: Security, Billing, Operations; from config all configured types when omitted.</summary>
    [Parameter(ParameterSetName = FromConfigSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = ContactSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateSet("Security", "Billing", "Operations")]
    public override string[]? Type { get; set; }

    /// <summary>The contact's name (at most 64 characters).</summary>
    [Parameter(ParameterSetName = ContactSet, Mandatory = true)]
    [ValidateLength(1, ContactFields.MaxName)]
    public string Name { get; set; } = "";

    /// <summary>The contact's title (at most 50 characters).</summary>
    [Parameter(ParameterSetName = ContactSet, Mandatory = true)]
    [ValidateLength(1, ContactFields.MaxTitle)]
    public string Title { get; set; } = "";

    /// <summary>The contact's email address.</summary>
    [Parameter(ParameterSetName = ContactSet, Mandatory = true)]
    [ValidateLength(1, ContactFields.MaxEmail)]
    [ValidatePattern(ContactFields.EmailPattern)]
    public string EmailAddress { get; set; } = "";

    /// <summary>The contact's phone number: E.164 (+14155550100) or digits with spaces, '+', '-', '(' and ')'.</summary>
    [Parameter(ParameterSetName = ContactSet, Mandatory = true)]
    [ValidateLength(1, ContactFields.MaxPhone)]
    [ValidatePattern(ContactFields.PhonePattern)]
    public string PhoneNumber { get; set; } = "";

    /// <summary>Replace existing contacts that differ; without it they are kept.</summary>
    [Parameter]
    public SwitchParameter Overwrite { get; set; }

    protected override void ProcessRecord()
    {
        var desired = ParameterSetName == ContactSet
            ? Types()!.ToDictionary(t => t, _ => new AlternateContact(Name.Trim(), Title.Trim(), EmailAddress.Trim(), PhoneNumber.Trim()))
            : null;
        var filter = Filter;
        var overwrite = Overwrite.IsPresent;
        var context = Context("before Set-AwsAlternateContact");
        ForEachCustomer("Setting alternate contacts", "AlternateContact", async (customer, pump, ct) =>
        {
            var service = ServiceFor(customer, pump, "reading alternate contacts");
            var plan = await service.PlanSetAsync([customer], filter, overwrite, desired, ct);
            if (plan.Changes.Count(c => c.Action == ContactAction.Keep) is > 0 and var kept && !context.WhatIf)
                pump.Post(() => WriteWarning($"{customer.CustomerCode}: {kept} existing alternate contacts differ and are kept; give -Overwrite to replace them."));
            await ApplyAsync(customer, service, plan, "Set", context, pump, ct);
        });
    }
}
