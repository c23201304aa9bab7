using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Kernels.Tests.Hydraulics;

/// <summary>Per-lane failure statuses: a lane that cannot be solved is reported, never scored as converged.</summary>
public class GgaStatusTests
{
    /// <summary>Reservoir → J1 → J2 (a tree: flows are fixed by the demands).</summary>
    private static CompiledNetwork Chain(int maxTrials = 200) => CompiledNetwork.Compile(new Network
    {
        Junctions = [new Junction("J1", 0, [new DemandComponent(0.01)]), new Junction("J2", 0, [new DemandComponent(0.02)])],
        Reservoirs = [new Reservoir("R", 50)],
        Pipes = [new Pipe("P1", "R", "J1", 1000, 0.3, 120), new Pipe("P2", "J1", "J2", 1000, 0.2, 120)],
        Options = new HydraulicOptions { MaxTrials = maxTrials },
    });

    [Theory]
    [InlineData("scalar")]
    [InlineData("simd")]
    public void TrialLimitIsReportedAsNotConverged(string backend)
    {
        var net = Chain(maxTrials: 1);
        var batch = new HydraulicBatch(net, 3);
        Solve(backend, batch);
        Assert.All(batch.Status, s => Assert.Equal(LaneStatus.NotConverged, s));
        Assert.All(batch.Iterations, i => Assert.Equal(1, i));
    }

    [Theory]
    [InlineData("scalar")]
    [InlineData("simd")]
    public void ChainMatchesHandComputedHeadLoss(string backend)
    {
        // Tree network: flows are fixed by demand, so heads follow from Hazen–Williams directly.
        var net = Chain();
        var batch = new HydraulicBatch(net, 5);
        batch.SetPipe(2, 1, 0.15);
        Solve(backend, batch);
        for (int lane = 0; lane < 5; lane++)
        {
            Assert.Equal(LaneStatus.Converged, batch.Status[lane]);
            double d2 = lane == 2 ? 0.15 : 0.2;
            double h1 = 50 - LinkFormulas.HazenWilliamsHeadLoss(net.Omega, 1000, 0.3, 120, 0.03);
            double h2 = h1 - LinkFormulas.HazenWilliamsHeadLoss(net.Omega, 1000, d2, 120, 0.02);
            Assert.Equal(h1, batch.Head[0 * 5 + lane], 4);
            Assert.Equal(h2, batch.Head[1 * 5 + lane], 4);
            Assert.Equal(0.03, batch.Flow[0 * 5 + lane], 6);
        }
    }

    [Fact]
    public void ZeroConductanceLaneIsSingularInThatLaneOnly()
    {
        var net = Chain();
        var scalar = new HydraulicBatch(net, 4);
        var simd = new HydraulicBatch(net, 4);
        // Lane 1: C = 0 makes P2's resistance infinite, so J2's diagonal is 0 (EPANET: ill-conditioned matrix).
        scalar.SetPipe(1, 1, 0.2, roughness: 0.0);
        simd.SetPipe(1, 1, 0.2, roughness: 0.0);
        new ScalarBackend().SolveHydraulics(scalar);
        new SimdBackend(2).SolveHydraulics(simd);
        Assert.Equal(LaneStatus.Singular, scalar.Status[1]);
        Assert.Equal(LaneStatus.Singular, simd.Status[1]);
        Assert.Equal(1, simd.Iterations[1]);
        foreach (var lane in new[] { 0, 2, 3 })
        {
            Assert.Equal(LaneStatus.Converged, scalar.Status[lane]);
            Assert.Equal(LaneStatus.Converged, simd.Status[lane]);
        }
    }

    [Theory]
    [InlineData("scalar")]
    [InlineData("simd")]
    public void ConstantPowerPumpDeliversItsPower(string backend)
    {
        // GoYang's 4.52 kW pump: at the solution, head gain × flow × ρg must equal the power (EPANET's 8.814 ft·cfs/hp
        // constant is ρg for water within 0.05 %, so compare with 1000 kg/m³ · 9.80665 m/s² to 0.1 %).
        var net = HydraulicsTestData.Compile("GOY");
        var batch = new HydraulicBatch(net, 3);
        for (int p = 0; p < net.PipeCount; p++) batch.SetPipe(1, p, net.BaseDiameter[p] * 1.5);
        Solve(backend, batch);
        int pump = net.LinkIndex("70");
        Assert.True(net.PumpConstantPower[pump - net.PipeCount]);
        for (int lane = 0; lane < 3; lane++)
        {
            Assert.Equal(LaneStatus.Converged, batch.Status[lane]);
            double q = batch.Flow[pump * 3 + lane];
            double gain = batch.Head[net.To[pump] * 3 + lane] - batch.Head[net.From[pump] * 3 + lane];
            Assert.True(q > 0);
            double kw = 1000 * 9.80665 * q * gain / 1000;
            Assert.True(Math.Abs(kw - 4.52) <= 0.001 * 4.52 + 1e-3, $"lane {lane}: {kw} kW");
        }
    }

    private static void Solve(string backend, HydraulicBatch batch)
    {
        if (backend == "scalar") new ScalarBackend().SolveHydraulics(batch);
        else new SimdBackend(2).SolveHydraulics(batch);
    }
}
