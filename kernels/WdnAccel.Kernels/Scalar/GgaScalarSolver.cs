using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Scalar;

/// <summary>
/// The reference GGA: one lane at a time through <see cref="GgaLaneSolver"/> (EPANET 2.2's hydsolve, written once
/// for the oracle and the ILGPU kernels) over the batch's host arrays. The simplest correct path: the oracle every
/// batched path is tested against.
/// </summary>
public static class GgaScalarSolver
{
    /// <summary>Solves every active lane of <paramref name="batch"/>, one after another.</summary>
    public static void Solve(HydraulicBatch batch)
    {
        var scratch = new HostGgaScratch(batch.Network);
        for (int lane = 0; lane < batch.ActiveLanes; lane++) SolveLane(batch, lane, scratch);
    }

    /// <summary>
    /// Solves every active lane one by one on up to <paramref name="threads"/> threads (lanes handed out in runs from a
    /// shared counter, one scratch per worker): how the SIMD backend solves networks with valves, whose status logic
    /// only the one-source lane solver has.
    /// </summary>
    public static void SolveOnThreads(HydraulicBatch batch, int threads) =>
        SharedCounterRuns.Run(batch.ActiveLanes, threads, 64, () => new HostGgaScratch(batch.Network), _ => { }, (scratch, lane) => SolveLane(batch, lane, scratch));

    public static void SolveLane(HydraulicBatch batch, int lane) => SolveLane(batch, lane, new HostGgaScratch(batch.Network));

    /// <summary>Solves lane <paramref name="lane"/> using <paramref name="scratch"/> (one per thread).</summary>
    public static void SolveLane(HydraulicBatch batch, int lane, HostGgaScratch scratch) =>
        GgaLaneSolver.Solve(new HostGgaNetwork(batch.Network), new HostGgaLane(batch, lane, scratch));
}
