namespace WdnAccel.Core.Model;

/// <summary>
/// Pipeline loss from a plant to a demand unit (the Lishui case's Table 5) as a fraction of what leaves the plant:
/// delivered = sent × (1 − loss). A loss of exactly 0 is the paper's mark for "only with pressurization at a
/// pumping station": such a pair is served through a pumping station and pays for the lift.
/// </summary>
public sealed record SupplyLoss(string Plant, string Unit, double Loss);
