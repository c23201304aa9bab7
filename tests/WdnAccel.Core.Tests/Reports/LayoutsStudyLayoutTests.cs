using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Core.Model;
using WdnAccel.Core.Tests.Support;

namespace WdnAccel.Core.Tests.Reports;

/// <summary>The reconstructed layouts of the three 11-node layouts study (docs/layouts-study.md) keep the paper's stated facts.</summary>
public class LayoutsStudyLayoutTests
{
    public static TheoryData<string, int, int, double> Layouts => new()
    {
        // layout, pipes (paper: 15, 15, 18), reservoirs (conclusions: the looped one has two), α of section 2.1
        { "branched", 15, 1, 0.03 },
        { "looped", 15, 2, 0.03 },
        { "hybrid", 18, 1, 0.02 },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Layout_loads_validates_and_has_the_papers_counts(string layout, int pipes, int reservoirs, double alpha)
    {
        var scenario = ScenarioFile.Load(RepoPaths.Data("scenarios", $"layouts-{layout}.wdn")).Scenario;
        Assert.Empty(ScenarioValidator.Validate(scenario, null, layout));
        var net = scenario.Network;
        Assert.Contains("RECONSTRUCTED", net.Title);
        Assert.Equal(pipes, net.Pipes.Count);
        Assert.Equal(reservoirs, net.Reservoirs.Count);
        Assert.All(net.Reservoirs, r => Assert.Equal(54, r.Head));
        Assert.All(net.Pipes, p => Assert.Equal(130, p.Roughness));
        var demandNodes = net.Junctions.Where(j => net.SnapshotDemand(j) > 0).ToList();
        Assert.Equal(11, demandNodes.Count);

        // Total inflow 1.15 m³/h (section 2), read as EPANET converts CMH (types.h: CMHperCFS = 101.94, 1 ft³ = 0.3048³ m³);
        // demands fall linearly with the node's rank k: q_k ∝ 1 − α(k − 1).
        Assert.Equal(1.15 * Math.Pow(0.3048, 3) / 101.94, demandNodes.Sum(j => net.SnapshotDemand(j)), 1e-12);
        var ordered = demandNodes.OrderBy(j => int.Parse(j.Id[1..])).Select(j => net.SnapshotDemand(j)).ToArray();
        for (int k = 1; k < 11; k++) Assert.Equal(1 - alpha * k, ordered[k] / ordered[0], 1e-4);

        var design = scenario.Design!;
        Assert.Equal(25, design.MinPressure);
        Assert.Equal(pipes, design.DecisionPipes.Count);
    }

    public static TheoryData<string, double> TotalLengths => new()
    {
        // By hand from the layouts' grids (docs/layouts-study.md, "Geometry and elevations"): branched = pipe 1 from the
        // reservoir (200 m) + 13 grid pipes of 150 m + the diagonal T4–N11 (150·√2 = 212 m) = 2,362 m; hybrid = branched
        // + 3 loop pipes of 150 m; looped = 15 pipes of 200 m.
        { "branched", 200 + 13 * 150 + 212 },
        { "hybrid", 200 + 16 * 150 + 212 },
        { "looped", 15 * 200 },
    };

    [Theory]
    [MemberData(nameof(TotalLengths))]
    public void Lengths_and_elevations_follow_the_documented_geometry(string layout, double totalLength)
    {
        var net = InpReader.ReadFile(RepoPaths.Data("networks", $"layouts-{layout}.inp")).Scenario.Network;
        Assert.Equal(totalLength, net.Pipes.Sum(p => p.Length), 6);
        var at = net.Junctions.ToDictionary(j => j.Id, j => j.Coordinates!.Value);
        foreach (var r in net.Reservoirs) at[r.Id] = r.Coordinates!.Value;
        // Each length is the straight distance between its nodes, written to the metre.
        foreach (var p in net.Pipes)
            Assert.Equal(Math.Round(Math.Sqrt(Math.Pow(at[p.Node1].X - at[p.Node2].X, 2) + Math.Pow(at[p.Node1].Y - at[p.Node2].Y, 2))), p.Length, 6);
        // Ground z = 10 + 0.0125·x + 0.005·y m, written to the centimetre.
        foreach (var j in net.Junctions)
            Assert.Equal(10 + 0.0125 * j.Coordinates!.Value.X + 0.005 * j.Coordinates.Value.Y, j.Elevation, 0.0051);
    }

    [Fact]
    public void Tree_pipe_count_is_junctions_plus_reservoirs_minus_one_with_four_zero_demand_tees()
    {
        // A tree over N nodes has N − 1 links: 11 demand nodes + 4 tees + 1 reservoir = 16 nodes → 15 pipes.
        var net = InpReader.ReadFile(RepoPaths.Data("networks", "layouts-branched.inp")).Scenario.Network;
        Assert.Equal(net.NodeCount - 1, net.Pipes.Count);
        Assert.Equal(4, net.Junctions.Count(j => net.SnapshotDemand(j) == 0));
        // Connected: every node reachable from the reservoir.
        var seen = new HashSet<string> { net.Reservoirs[0].Id };
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach (var p in net.Pipes)
            {
                if (seen.Contains(p.Node1) != seen.Contains(p.Node2)) { seen.Add(p.Node1); seen.Add(p.Node2); grew = true; }
            }
        }
        Assert.Equal(net.NodeCount, seen.Count);
    }

    [Fact]
    public void Catalog_bores_are_the_sdr11_outside_diameter_minus_two_walls()
    {
        // ISO 4065 series S5 (SDR 11): outside diameter and minimum wall, mm.
        (double Od, double Wall)[] series = [(20, 2.0), (25, 2.3), (32, 3.0), (40, 3.7), (50, 4.6), (63, 5.8), (75, 6.8), (90, 8.2), (110, 10.0)];
        var catalog = ScenarioFile.Load(RepoPaths.Data("scenarios", "layouts-branched.wdn")).Scenario.Design!.Catalog;
        Assert.Equal(series.Length, catalog.Count);
        for (int i = 0; i < series.Length; i++)
        {
            var (od, e) = series[i];
            Assert.Equal((od - 2 * e) / 1000, catalog[i].Diameter, 1e-9);
            // Placeholder price: 10 per kg of pipe, PE-X density 940 kg/m³ (stated in docs/layouts-study.md).
            double mass = 940 * Math.PI / 4 * (Math.Pow(od / 1000, 2) - Math.Pow((od - 2 * e) / 1000, 2));
            Assert.Equal(10 * mass, catalog[i].UnitCost, 1e-3);
        }
    }
}
