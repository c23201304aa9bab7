using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Model;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Kernels.Tests.Hydraulics;

/// <summary>
/// A pipe straight between two reservoirs touches no junction equation: its flow is fixed by the two heads alone
/// (Hazen–Williams: h = 10.67·L·Q^1.852/(C^1.852·D^4.871) = 8 m here). Every solver used to index a junction row for
/// its fixed end (out of bounds; in the SIMD assembly, unchecked memory).
/// </summary>
public class FixedHeadLinkTests
{
    private static Network TwoReservoirs() => new()
    {
        Junctions = [new Junction("J1", 0, [new DemandComponent(0.01)])],
        Reservoirs = [new Reservoir("R1", 50), new Reservoir("R2", 42)],
        Pipes = [new Pipe("A", "R1", "J1", 300, 0.2, 120), new Pipe("F", "R1", "R2", 500, 0.15, 110), new Pipe("B", "J1", "R2", 400, 0.15, 120)],
    };

    private static void AssertEightMetresAcross(double omega, double flow) =>
        Assert.Equal(8.0, LinkFormulas.HazenWilliamsHeadLoss(omega, 500, 0.15, 110, flow), 6);

    [Theory]
    [InlineData("scalar")]
    [InlineData("simd")]
    public void SnapshotSolversGiveThePipeBetweenReservoirsItsHeadLossFlow(string backend)
    {
        var net = CompiledNetwork.Compile(TwoReservoirs());
        var batch = new HydraulicBatch(net, 3);
        if (backend == "scalar") new ScalarBackend().SolveHydraulics(batch);
        else new SimdBackend(1).SolveHydraulics(batch);
        for (int lane = 0; lane < 3; lane++)
        {
            Assert.Equal(LaneStatus.Converged, batch.Status[lane]);
            AssertEightMetresAcross(net.Omega, batch.Flow[net.LinkIndex("F") * 3 + lane]);
        }
    }

    [Fact]
    public void ExtendedPeriodSolverGivesThePipeBetweenReservoirsItsHeadLossFlow()
    {
        var net = EpsNetwork.Compile(TwoReservoirs());
        var run = ExtendedPeriodSimulation.Run(net, new EpsSolver(net), keepPeriods: false);
        AssertEightMetresAcross(net.Options.Omega, run.Steps[0].Flow[net.LinkIndex("F")]);
    }
}
