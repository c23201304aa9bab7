using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Tests.Shared;

namespace WdnAccel.Core.Tests.Hydraulics;

/// <summary>
/// Forest flows computed once for lanes that share their demands: they meet every junction's demand (continuity, with
/// chords carrying nothing), and any lane with a demand of its own, down to one bit, means there is nothing to share.
/// </summary>
public class SharedForestFlowsTests
{
    [Theory]
    [InlineData("HAN.inp")]
    [InlineData("TLN.inp")]
    public void Shared_forest_flows_meet_every_junctions_demand(string file)
    {
        var net = CompiledNetwork.Compile(InpReader.ReadFile(RepoPaths.Data("networks", file)).Scenario.Network);
        var basis = LoopBasis.TryBuild(net)!;
        var batch = new HydraulicBatch(net, 5);
        var forest = SharedForestFlows.TryCompute(batch, basis, 5);
        Assert.NotNull(forest);
        var balance = new double[net.JunctionCount];
        for (int i = 0; i < net.LinkCount; i++)
        {
            if (net.From[i] < net.JunctionCount) balance[net.From[i]] -= forest[i];
            if (net.To[i] < net.JunctionCount) balance[net.To[i]] += forest[i];
        }
        double total = 0;
        for (int j = 0; j < net.JunctionCount; j++)
        {
            double demand = batch.Demand[j * 5];
            total += demand;
            Assert.Equal(demand, balance[j], 1e-12 * Math.Max(1, Math.Abs(demand)));
        }
        Assert.True(total > 0);
        // Chords close the loops and carry no forest flow.
        Assert.Equal(basis.LoopCount, Enumerable.Range(0, net.LinkCount).Count(i => !basis.ParentLink.Contains(i)));
        Assert.All(Enumerable.Range(0, net.LinkCount).Where(i => !basis.ParentLink.Contains(i)), i => Assert.Equal(0.0, forest[i]));
    }

    [Theory]
    [InlineData("HAN.inp")]
    [InlineData("TLN.inp")]
    public void Shared_forest_flows_are_each_lanes_own_bit_for_bit(string file)
    {
        // The shared table stands in for what each lane would compute itself, so it must be those very bits.
        var net = CompiledNetwork.Compile(InpReader.ReadFile(RepoPaths.Data("networks", file)).Scenario.Network);
        var basis = LoopBasis.TryBuild(net)!;
        var batch = new HydraulicBatch(net, 3);
        var forest = SharedForestFlows.TryCompute(batch, basis, 3)!;
        for (int lane = 0; lane < 3; lane++)
        {
            var scratch = new HostGgaScratch(net, basis);
            LoopLaneSolver.ForestFlows(new HostLoopTables(basis), new HostGgaLane(batch, lane, scratch), net.JunctionCount, net.LinkCount);
            Assert.Equal(scratch.ForestFlow.Select(BitConverter.DoubleToInt64Bits), forest.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void A_lane_with_its_own_demand_leaves_nothing_to_share()
    {
        var net = CompiledNetwork.Compile(InpReader.ReadFile(RepoPaths.Data("networks", "HAN.inp")).Scenario.Network);
        var basis = LoopBasis.TryBuild(net)!;
        var batch = new HydraulicBatch(net, 4);
        int at = 12 * 4 + 3;
        batch.Demand[at] = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(batch.Demand[at]) + 1);
        Assert.Null(SharedForestFlows.TryCompute(batch, basis, 4));
        // Lanes 0..2 still share theirs.
        Assert.NotNull(SharedForestFlows.TryCompute(batch, basis, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => SharedForestFlows.TryCompute(batch, basis, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => SharedForestFlows.TryCompute(batch, basis, 0));
    }
}
