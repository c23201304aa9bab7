namespace WdnAccel.Core.Problems;

/// <summary>A proven lower bound on the annual cost of every feasible allocation, how it was found and whether exact arithmetic confirmed it.</summary>
public sealed record MultiSourceBound(double LowerBound, bool Certified, int Nodes, string Method)
{
    /// <summary>Whether branch and bound proved that no allocation meets every demand and limit (the bound is +∞).</summary>
    public bool NoFeasibleAllocation => double.IsPositiveInfinity(LowerBound);

    /// <summary>Relative gap of <paramref name="cost"/> above the bound; NaN where there is no feasible allocation to
    /// be near (an infinite bound), so that no report calls an infeasible plan optimal.</summary>
    public double Gap(double cost) => NoFeasibleAllocation ? double.NaN : cost > 0 ? Math.Max(0, (cost - LowerBound) / cost) : 0;
}
