using System.Runtime.InteropServices;

namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// The forest flows of a batch whose lanes all have the same demands (a population of designs under one demand
/// case): the same in every lane, so a GPU session has them computed once (on the device, by the same
/// <see cref="LoopLaneSolver.ForestFlows"/>) and its lanes read one small table that the caches hold, instead of each
/// lane building and reading its own array (about a quarter of a Hanoi lane's memory traffic in loop-flow form).
/// This is the host's version, for counting that traffic and for tests.
/// </summary>
public static class SharedForestFlows
{
    /// <summary>
    /// The forest flows of lanes [0, <paramref name="lanes"/>) of <paramref name="batch"/> where every one of them has
    /// bit for bit the demands of lane 0, computed by <see cref="LoopLaneSolver.ForestFlows"/> (the lanes' own
    /// arithmetic); null where any lane differs.
    /// </summary>
    public static double[]? TryCompute(HydraulicBatch batch, LoopBasis loops, int lanes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lanes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lanes, batch.Count);
        var net = batch.Network;
        for (int j = 0; j < net.JunctionCount; j++)
        {
            var row = MemoryMarshal.Cast<double, long>(batch.Demand.AsSpan(j * batch.Count, lanes));
            if (row.IndexOfAnyExcept(row[0]) >= 0) return null;
        }
        var flows = new double[net.LinkCount];
        LoopLaneSolver.ForestFlows(new HostLoopTables(loops), new LaneZeroForest(batch, flows), net.JunctionCount, net.LinkCount);
        return flows;
    }

    /// <summary>
    /// <see cref="IForestFlows"/> over lane 0's demands and one array of forest flows (the host's counterpart of the GPU
    /// session's shared table): all that <see cref="LoopLaneSolver.ForestFlows"/> touches, without a lane's scratch.
    /// </summary>
    private readonly struct LaneZeroForest(HydraulicBatch batch, double[] flows) : IForestFlows
    {
        private readonly double[] _demand = batch.Demand;
        private readonly int _lanes = batch.Count;
        private readonly double[] _flows = flows;

        public double Demand(int junction) => _demand[junction * _lanes];
        public double ForestFlow(int link) => _flows[link];
        public void SetForestFlow(int link, double value) => _flows[link] = value;
    }
}
