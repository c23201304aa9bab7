using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Core.Tests.Hydraulics;

/// <summary>Lanes chosen from the memory a batch needs (<see cref="HydraulicBatch.MaxLanes(CompiledNetwork, long)"/>).</summary>
public class HydraulicBatchMemoryTests
{
    [Fact]
    public void Bytes_per_lane_count_every_per_lane_array_of_a_batch()
    {
        var net = CompiledNetwork.Compile(NetworkGenerator.Grid(400, seed: 1));
        long perLane = HydraulicBatch.BytesPerLane(net);
        // Doubles: diameter, roughness (pipes), demand (junctions), fixed heads, heads (nodes), flows (links); then
        // pump speeds; the closed flags and link states (a byte each per link) and status, iterations and relative error.
        long expected = 8L * (2 * net.PipeCount + net.JunctionCount + net.FixedCount + net.NodeCount + net.LinkCount + net.PumpCount) + 2L * net.LinkCount + 1 + 4 + 8;
        Assert.Equal(expected, perLane);
        var batch = new HydraulicBatch(net, 3);
        long arrays = 8L * (batch.Diameter.Length + batch.Roughness.Length + batch.Demand.Length + batch.FixedHead.Length + batch.Head.Length
            + batch.Flow.Length + batch.PumpSpeed.Length + batch.RelativeError.Length) + batch.Closed.Length + batch.LinkState.Length + batch.Status.Length + 4L * batch.Iterations.Length;
        Assert.Equal(3 * perLane, arrays);
    }

    [Fact]
    public void Lanes_follow_the_memory_given_and_never_drop_below_one_or_past_the_array_limit()
    {
        var net = CompiledNetwork.Compile(NetworkGenerator.Grid(20_000, seed: 1));
        long perLane = HydraulicBatch.BytesPerLane(net);
        Assert.InRange(perLane, 1_000_000, 2_000_000); // a 20,000-junction network: about 1.3 MB a lane
        Assert.Equal(1000, HydraulicBatch.MaxLanes(net, 1000 * perLane + perLane - 1));
        Assert.Equal(1, HydraulicBatch.MaxLanes(net, 0));
        Assert.Equal(HydraulicBatch.MaxLanes(net), HydraulicBatch.MaxLanes(net, long.MaxValue));
        Assert.True(HydraulicBatch.AvailableMemory() > 0);
    }
}
