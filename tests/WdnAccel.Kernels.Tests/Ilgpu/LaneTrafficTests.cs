using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;
using WdnAccel.Kernels.Ilgpu;
using WdnAccel.Kernels.Tests.Hydraulics;

namespace WdnAccel.Kernels.Tests.Ilgpu;

/// <summary>
/// The counted memory traffic of a lane solve: a hand count on the smallest network, with and without forest flows
/// shared by lanes of the same demands, and a counted solve that leaves exactly what an uncounted one does (the
/// counter only forwards).
/// </summary>
public class LaneTrafficTests
{
    /// <summary>
    /// One pipe from a reservoir to one junction, in loop-flow form (no loops: the forest carries the demand). Trial 1
    /// moves the start flow to the demand, trial 2 changes nothing and converges. Bytes by hand, with lanes of their
    /// own demands: set-up reads diameter, state flag, roughness (17) and writes resistance and start flow (16); the
    /// forest zeroes the link, reads the demand and writes it (8 read, 16 written); trial 1 reads flow, forest flow,
    /// resistance (24), writes gradient and loss (16), then reads forest flow and flow (16) and writes the flow (8);
    /// trial 2 the same but the branch's unchanged flow (24 + 8 read, 16 written); heads read the fixed head and, for
    /// the junction, loss, gradient, flow, forest flow and the parent head (8 + 40), writing both heads (16); the end
    /// reads the flow (8) and writes it, the closed flag and the outcome (8 + 1 + 13). Lanes that share their
    /// demands read one forest table instead (not counted: caches hold it) and build none: 48 bytes read and 16
    /// written fewer. With the loop-form scratch in shared memory, its accesses leave device memory: the loop-form
    /// flow (start flow written; per trial read by the coefficients and the flow update, written in trial 1; read by
    /// the heads and the end), gradient and loss (written per trial, read by the heads): 56 bytes read and 48 written.
    /// </summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void A_single_pipe_moves_the_bytes_counted_by_hand(bool sharedDemands, bool scratchInShared)
    {
        var net = CompiledNetwork.Compile(new Network
        {
            Junctions = [new Junction("J1", 0, [new DemandComponent(0.01)])],
            Reservoirs = [new Reservoir("R1", 50)],
            Pipes = [new Pipe("P1", "R1", "J1", 1000, 0.3, 100)],
        });
        var basis = LoopBasis.WherePaying(net, LoopFlowMode.Always);
        Assert.NotNull(basis);
        var batch = new HydraulicBatch(net, 3);
        if (!sharedDemands) batch.Demand[1] *= 1.5;
        Assert.Equal(sharedDemands, SharedForestFlows.TryCompute(batch, basis, 3) is not null);
        var traffic = LaneTraffic.Count(batch, basis, scratchInShared);
        Assert.All(batch.Iterations, trials => Assert.Equal(2, trials));
        int read = 17 + 8 + 24 + 16 + 24 + 8 + 8 + 40 + 8, written = 16 + 16 + 16 + 8 + 16 + 16 + 8 + 1 + 13;
        if (sharedDemands)
        {
            read -= 8 + 8 + 8 + 8 + 8 + 8; // the demand; forest flow twice per trial; the forest flow of the junction's head
            written -= 16;
        }
        if (scratchInShared)
        {
            read -= 8 + 8 + 8 + 8 + 8 + 8 + 8; // trial 1 twice, trial 2 once, heads three times, the end once
            written -= 8 + 16 + 8 + 16;
        }
        Assert.Equal(read, traffic.BytesRead);
        Assert.Equal(written, traffic.BytesWritten);
        Assert.Equal(3, traffic.Lanes);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_counted_solve_gives_the_uncounted_results_bit_for_bit(bool loopForm)
    {
        var (net, _, counted) = HydraulicsTestData.HanoiRandomDesigns(41, velocityLimits: false);
        var (_, _, plain) = HydraulicsTestData.HanoiRandomDesigns(41, velocityLimits: false);
        var basis = loopForm ? LoopBasis.WherePaying(net) : null;
        Assert.Equal(loopForm, basis is not null);
        var traffic = LaneTraffic.Count(counted, basis);
        var scratch = new HostGgaScratch(net, basis);
        for (int lane = 0; lane < plain.Count; lane++)
        {
            var one = new HostGgaLane(plain, lane, scratch);
            if (basis is null) GgaLaneSolver.Solve(new HostGgaNetwork(net), one);
            else LoopLaneSolver.Solve<HostGgaNetwork, HostLoopTables, HostGgaLane, HostMath>(new HostGgaNetwork(net), new HostLoopTables(basis), one);
        }
        Assert.Equal(plain.Head, counted.Head);
        Assert.Equal(plain.Flow, counted.Flow);
        Assert.Equal(plain.Iterations, counted.Iterations);
        // Each lane at least reads every pipe's diameter and roughness and writes every head and flow once.
        Assert.True(traffic.BytesRead >= 16.0 * net.PipeCount, $"{traffic.BytesRead} bytes read");
        Assert.True(traffic.BytesWritten >= 8.0 * (net.NodeCount + net.LinkCount), $"{traffic.BytesWritten} bytes written");
    }
}
