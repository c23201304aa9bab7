using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Kernels.Tests.Hydraulics;

/// <summary>Several demand cases per candidate: the batch dimension is candidates × cases.</summary>
public class DemandCaseTests
{
    [Fact]
    public void EachLaneSolvesItsOwnCase()
    {
        var network = ScenarioFileNetwork() with
        {
            DemandCases =
            [
                new DemandCase("base"),
                new DemandCase("peak", 1.8),
                new DemandCase("fire", 1.0, new Dictionary<string, double> { ["13"] = 0.5 }),
            ],
        };
        var net = CompiledNetwork.Compile(network);
        const int candidates = 5;
        int k = candidates * 3;
        var simd = new HydraulicBatch(net, k);
        var scalar = new HydraulicBatch(net, k);
        var rng = new Random(5);
        double[] catalog = [0.508, 0.6096, 0.762, 1.016];
        for (int c = 0; c < candidates; c++)
        {
            var design = Enumerable.Range(0, net.PipeCount).Select(_ => catalog[rng.Next(catalog.Length)]).ToArray();
            for (int s = 0; s < 3; s++)
            {
                int lane = c * 3 + s;
                for (int p = 0; p < net.PipeCount; p++) { simd.SetPipe(lane, p, design[p]); scalar.SetPipe(lane, p, design[p]); }
                simd.SetDemandCase(lane, s);
                scalar.SetDemandCase(lane, s);
            }
        }
        new SimdBackend(2).SolveHydraulics(simd);
        new ScalarBackend().SolveHydraulics(scalar);
        double baseTotal = network.Junctions.Sum(network.SnapshotDemand);
        int j13 = net.NodeIndex("13");
        double fireTotal = baseTotal - network.SnapshotDemand(network.Junctions[j13]) + 0.5;
        double[] expected = [baseTotal, 1.8 * baseTotal, fireTotal];
        for (int lane = 0; lane < k; lane++)
        {
            Assert.Equal(LaneStatus.Converged, simd.Status[lane]);
            Assert.Equal(scalar.Iterations[lane], simd.Iterations[lane]);
            // Mass balance: the reservoir supplies exactly this lane's case demand.
            double supply = 0;
            for (int i = 0; i < net.LinkCount; i++)
            {
                if (net.From[i] >= net.JunctionCount) supply += simd.Flow[i * k + lane];
                if (net.To[i] >= net.JunctionCount) supply -= simd.Flow[i * k + lane];
            }
            Assert.Equal(expected[lane % 3], supply, 9);
        }
        // Same design, higher demand: lower heads everywhere downstream.
        for (int c = 0; c < candidates; c++)
        {
            for (int j = 0; j < net.JunctionCount; j++) Assert.True(simd.Head[j * k + c * 3 + 1] < simd.Head[j * k + c * 3]);
        }
    }

    private static Network ScenarioFileNetwork() =>
        WdnAccel.Core.Io.ScenarioFile.Load(HydraulicsTestData.NetworkFile("HAN")).Scenario.Network;
}
