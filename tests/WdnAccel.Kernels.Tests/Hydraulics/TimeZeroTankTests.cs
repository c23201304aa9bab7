using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Core.Model;
using WdnAccel.Kernels.Tests.Ilgpu;
using WdnAccel.Tests.Shared;

namespace WdnAccel.Kernels.Tests.Hydraulics;

/// <summary>
/// Tanks that start full or empty in the batched snapshot solver: EPANET 2.2's tankstatus closes, at the solve's status
/// checks, a link that would fill a full tank or drain an empty one. The batch starts every lane with those directions
/// (<see cref="CompiledNetwork.TankState"/>), so each lane's snapshot is the extended-period engine's solve at time zero
/// (itself checked against EPANET on TANK_LIMITS, SimulateSnapshotReferenceTests): heads, flows, closed links and trial
/// counts, on random designs of the TANK_LIMITS network and of a variant whose full tank is fed by a pump.
/// </summary>
[Collection(IlgpuCollection.Name)]
public class TimeZeroTankTests
{
    private static Network TankLimits(bool pumpIntoTheFullTank)
    {
        var network = InpReader.ReadFile(Path.Combine(RepoPaths.Root, "tools", "epanet-reference", "networks", "snapshot", "TANK_LIMITS.inp")).Scenario.Network;
        if (!pumpIntoTheFullTank) return network;
        // P6 (J5 → the full T1) becomes a pump on the same curve: EPANET closes a pump discharging into a full tank.
        var p6 = network.Pipes.Single(p => p.Id == "P6");
        var pu1 = network.Pumps.Single();
        return network with
        {
            Pipes = network.Pipes.Where(p => p.Id != "P6").ToList(),
            Pumps = [.. network.Pumps, pu1 with { Id = "PU6", Node1 = p6.Node1, Node2 = p6.Node2 }],
        };
    }

    [Theory]
    [InlineData("scalar", false)]
    [InlineData("simd", false)]
    [InlineData("ilgpu-cpu", false)]
    [InlineData("simd", true)]
    [InlineData("ilgpu-cpu", true)]
    public void Each_lane_solves_as_the_extended_period_engine_at_time_zero(string backendName, bool pumpIntoTheFullTank)
    {
        var network = TankLimits(pumpIntoTheFullTank);
        var compiled = CompiledNetwork.Compile(network);
        Assert.Contains(compiled.TankState, s => s != 0);
        const int k = 13;
        var batch = new HydraulicBatch(compiled, k);
        var rng = new Random(29);
        var diameters = new double[k][];
        for (int lane = 0; lane < k; lane++)
        {
            diameters[lane] = compiled.BaseDiameter.Select(d => d * (0.6 + 0.8 * rng.NextDouble())).ToArray();
            for (int p = 0; p < compiled.PipeCount; p++) batch.SetPipe(lane, p, diameters[lane][p]);
        }
        EveryBackend.Create(backendName).SolveHydraulics(batch);

        int closedByTanks = 0;
        for (int lane = 0; lane < k; lane++)
        {
            var own = network with { Pipes = network.Pipes.Select((p, i) => p with { Diameter = diameters[lane][i] }).ToList() };
            var eps = EpsNetwork.Compile(own);
            var run = ExtendedPeriodSimulation.Run(eps, new EpsSolver(eps), keepPeriods: true, recordSteps: false);
            var at0 = run.Periods[0];
            Assert.Equal(LaneStatus.Converged, batch.Status[lane]);
            for (int n = 0; n < compiled.NodeCount; n++)
                Assert.True(Math.Abs(at0.Head[n] - batch.Head[n * k + lane]) <= 1e-6, $"lane {lane} node {compiled.NodeIds[n]}: {batch.Head[n * k + lane]:R}, engine {at0.Head[n]:R}");
            for (int i = 0; i < compiled.LinkCount; i++)
            {
                bool closed = at0.Status[i] <= EpsStatus.Closed;
                Assert.True(closed == (batch.Closed[i * k + lane] != 0), $"lane {lane} link {compiled.LinkIds[i]}: closed {batch.Closed[i * k + lane]}, engine {at0.Status[i]}");
                if (closed && compiled.TankState[i] != 0) closedByTanks++;
                else Assert.True(Math.Abs(at0.Flow[i] - batch.Flow[i * k + lane]) <= 1e-9 + 1e-7 * Math.Abs(at0.Flow[i]), $"lane {lane} link {compiled.LinkIds[i]}: {batch.Flow[i * k + lane]:R}, engine {at0.Flow[i]:R}");
            }
        }
        // The rule acted: the links into the full tank and out of the empty one closed in (nearly) every lane.
        Assert.InRange(closedByTanks, k, 2 * k);
    }
}
