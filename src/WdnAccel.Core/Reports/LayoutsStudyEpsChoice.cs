using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Reports;

/// <summary>
/// One pump choice of a layout in the 24-hour study ("none", a pump label, or labels per source joined by '+'): the
/// optimizer's run over the pipe sizes with those pumps fixed, and the pumps' capital and its annual share.
/// <see cref="AnnualCost"/> is NaN when it found nothing feasible.
/// </summary>
public sealed record LayoutsStudyEpsChoice(string Pumps, int[] PumpGenes, double PumpCapital, double AnnualPumpCost, OptimizerResult Result)
{
    public double AnnualCost => Result.FoundFeasible ? Result.Best.Cost : double.NaN;

    /// <summary>
    /// The pump capital at which this choice would cost as much as <paramref name="cheapest"/> (annual cost) with
    /// everything else unchanged: (cheapest − (this cost − annual pump cost)) / CRF. Negative when its pipes and energy
    /// alone already cost more; NaN without pumps or without a feasible design.
    /// </summary>
    public double BreakEvenPumpCapital(double cheapest, double pumpFactor) =>
        PumpCapital > 0 && Result.FoundFeasible ? (cheapest - (AnnualCost - AnnualPumpCost)) / pumpFactor : double.NaN;
}
