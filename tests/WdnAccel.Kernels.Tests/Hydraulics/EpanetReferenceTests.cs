using System.Text.Json;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Kernels.Tests.Hydraulics;

/// <summary>
/// Our GGA against EPANET 2.2 itself (epanet-js 0.9.0, tools/epanet-reference/reference.mjs → data/reference/*.json):
/// every network, every stored design (uniform and random catalog designs; NYT designs close "no duplicate" pipes).
/// Targets (EPANET parity): max |Δpressure| ≤ 0.001 m, flows within 1e-4 relative (absolute floor 1e-7 m³/s for
/// links that carry almost nothing, e.g. closed check valves).
/// </summary>
public class EpanetReferenceTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in new[] { "TLN", "HAN", "NYT", "BLA", "FOS", "TRN", "PUMPCV", "DWLOOP", "CMLOOP" })
        {
            data.Add(name, "scalar");
            data.Add(name, "simd");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PressuresAndFlowsMatchEpanet(string name, string backendName)
    {
        var net = HydraulicsTestData.Compile(name);
        using var doc = JsonDocument.Parse(File.ReadAllText(HydraulicsTestData.ReferenceFile(name)));
        var cases = doc.RootElement.GetProperty("cases").EnumerateArray().ToArray();
        var batch = new HydraulicBatch(net, cases.Length);
        for (int lane = 0; lane < cases.Length; lane++)
        {
            foreach (var d in cases[lane].GetProperty("diameters").EnumerateObject())
            {
                batch.SetPipe(lane, net.LinkIndex(d.Name), d.Value.GetDouble());
            }
        }
        using IComputeBackend backend = backendName == "scalar" ? new ScalarBackend() : new SimdBackend(2);
        backend.SolveHydraulics(batch);

        for (int lane = 0; lane < cases.Length; lane++)
        {
            string label = $"{name}/{cases[lane].GetProperty("design").GetString()}";
            Assert.True(batch.Status[lane] == LaneStatus.Converged, $"{label}: {batch.Status[lane]} after {batch.Iterations[lane]}");
            double worstP = 0;
            string worstNode = "";
            foreach (var node in cases[lane].GetProperty("nodes").EnumerateArray())
            {
                int n = net.NodeIndex(node.GetProperty("id").GetString()!);
                double ours = batch.Head[n * batch.Count + lane] - net.Elevation[n];
                double diff = Math.Abs(ours - node.GetProperty("pressure").GetDouble());
                if (diff > worstP) { worstP = diff; worstNode = net.NodeIds[n]; }
            }
            Assert.True(worstP <= 0.001, $"{label}: max |dp| = {worstP:G4} m at node {worstNode}");
            foreach (var link in cases[lane].GetProperty("links").EnumerateArray())
            {
                int i = net.LinkIndex(link.GetProperty("id").GetString()!);
                double expected = link.GetProperty("flow").GetDouble();
                double ours = batch.Flow[i * batch.Count + lane];
                Assert.True(Math.Abs(ours - expected) <= 1e-4 * Math.Abs(expected) + 1e-7,
                    $"{label}: link {net.LinkIds[i]} flow {ours:G8} vs EPANET {expected:G8}");
            }
        }
    }
}
