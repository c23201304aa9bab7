using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Tests.Shared;

/// <summary>
/// A random system of the GGA's shape on a compiled network: A = A12ᵀ·P·A12 with conductances P in [0.1, 1.1)
/// (links to fixed heads on the diagonal only, so A is symmetric positive definite), written into a factor array in
/// the network's symbolic pattern, a right-hand side in [−0.5, 0.5) and each row's excess (its conductance to fixed
/// heads, <see cref="IGgaLane.Grounding"/>) in elimination order.
/// </summary>
public static class RandomSpdSystem
{
    public static void Fill(CompiledNetwork net, Random rng, double[] factor, double[] rhs, double[] grounding)
    {
        int nj = net.JunctionCount;
        Array.Clear(factor);
        Array.Clear(grounding);
        for (int k = 0; k < net.LinkCount; k++)
        {
            double p = 0.1 + rng.NextDouble();
            int a = net.From[k], b = net.To[k];
            if (a < nj) factor[net.Position[a]] += p;
            if (b < nj) factor[net.Position[b]] += p;
            if (net.LinkEntry[k] >= 0) factor[net.LinkEntry[k]] -= p;
            else if (a < nj) grounding[net.Position[a]] += p; // a link to a fixed head: the row's excess
            else if (b < nj) grounding[net.Position[b]] += p;
        }
        for (int j = 0; j < nj; j++) rhs[j] = rng.NextDouble() - 0.5;
    }
}
