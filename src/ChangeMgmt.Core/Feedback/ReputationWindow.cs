using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Core.Feedback;

/// <summary>One window of a customer's sends: what became of them and the rates SES judges an account by.</summary>
public sealed record ReputationWindow(string Name, int Sent, int Delivered, int Bounced, int BouncedTransient, int Complained, int Rejected, int Pending)
{
    /// <summary>Permanent bounces per send (SES's bounce rate counts hard bounces).</summary>
    public double BounceRate => Sent == 0 ? 0 : (double)Bounced / Sent;

    public double ComplaintRate => Sent == 0 ? 0 : (double)Complained / Sent;

    /// <summary>"250 sent, 1.20% bounces, 0.00% complaints" (how PowerShell's table shows a window).</summary>
    public override string ToString() => $"{Sent} sent, {ReputationRules.Percent(BounceRate)} bounces, {ReputationRules.Percent(ComplaintRate)} complaints";

    public static ReputationWindow From(string name, OutcomeCounts c) =>
        new(name, c.Sent, c.Delivered, c.BouncedPermanent, c.BouncedTransient, c.Complained, c.Rejected, c.Pending);
}
