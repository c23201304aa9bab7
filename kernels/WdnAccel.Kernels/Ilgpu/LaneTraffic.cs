using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// The bytes one lane's GGA solve moves through the kernel's per-lane arrays, on average over a batch: counted, not
/// timed, by running the GPU kernel's own solver (<see cref="LoopLaneSolver"/> or <see cref="GgaLaneSolver"/>) on the
/// host with a <see cref="CountingLane"/>. The arrays are far larger than a GPU's caches at the batch sizes that fill
/// it (lane-fastest, each lane's scratch is kilobytes), so this is about the DRAM traffic per solve, high where caches
/// catch values read again soon (a lane's few loop flows); a device's peak bandwidth divided by it bounds its solves
/// per second.
/// </summary>
public sealed record LaneTraffic(double BytesRead, double BytesWritten, int Lanes)
{
    public double BytesPerSolve => BytesRead + BytesWritten;

    /// <summary>Running byte counts of the lanes counted so far.</summary>
    public sealed class Tally
    {
        public long Read, Written;
    }

    /// <summary>
    /// Solves every lane of <paramref name="batch"/> on the host as the kernel would (in loop-flow form with
    /// <paramref name="loops"/>, else over the junctions; with forest flows shared where a session would share them)
    /// and averages the bytes counted; the batch's outputs are overwritten. With <paramref name="scratchInShared"/> the
    /// loop-form scratch is not counted, as <see cref="HydraulicKernels.GgaLoopsShared"/> keeps it in shared memory.
    /// </summary>
    public static LaneTraffic Count(HydraulicBatch batch, LoopBasis? loops, bool scratchInShared = false)
    {
        var net = new HostGgaNetwork(batch.Network);
        var scratch = new HostGgaScratch(batch.Network, loops);
        var forest = loops is null ? null : SharedForestFlows.TryCompute(batch, loops, batch.Count);
        var tally = new Tally();
        for (int lane = 0; lane < batch.Count; lane++)
        {
            var counted = new CountingLane(new HostGgaLane(batch, lane, scratch), tally, forest, scratchInShared);
            if (loops is null) GgaLaneSolver.Solve<HostGgaNetwork, CountingLane, HostMath>(net, counted);
            else LoopLaneSolver.Solve<HostGgaNetwork, HostLoopTables, CountingLane, HostMath>(net, new HostLoopTables(loops), counted);
        }
        return new LaneTraffic((double)tally.Read / batch.Count, (double)tally.Written / batch.Count, batch.Count);
    }
}
