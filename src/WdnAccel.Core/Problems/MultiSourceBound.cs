namespace WdnAccel.Core.Problems;

/// <summary>A proven lower bound on the annual cost of every feasible allocation, how it was found and whether exact arithmetic confirmed it.</summary>
public sealed record MultiSourceBound(double LowerBound, bool Certified, int Nodes, string Method)
{
    /// <summary>Relative gap of <paramref name="cost"/> above the bound.</summary>
    public double Gap(double cost) => cost > 0 ? Math.Max(0, (cost - LowerBound) / cost) : 0;
}
