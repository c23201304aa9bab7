using WdnAccel.Core.Io.Inp;
using WdnAccel.Core.Model;
using WdnAccel.Core.Tests.Support;

namespace WdnAccel.Core.Tests.Model;

public class ScenarioValidatorTests
{
    private static Scenario Tln() => InpReader.ReadFile(RepoPaths.Data("networks", "TLN.inp")).Scenario;

    [Theory]
    [InlineData("TLN.inp")]
    [InlineData("HAN.inp")]
    [InlineData("NYT.inp")]
    [InlineData("GOY.inp")]
    [InlineData("BAK.inp")]
    [InlineData("BLA.inp")]
    [InlineData("FOS.inp")]
    [InlineData("TRN.inp")]
    public void Benchmark_networks_are_valid(string file)
    {
        var s = InpReader.ReadFile(RepoPaths.Data("networks", file)).Scenario;
        Assert.Empty(ScenarioValidator.Validate(s));
    }

    [Fact]
    public void Network_problems_are_all_reported_with_field_paths()
    {
        var s = Tln();
        var net = s.Network;
        var junctions = net.Junctions.ToArray();
        junctions[1] = junctions[1] with { Elevation = double.NaN };
        var pipes = net.Pipes.ToArray();
        pipes[2] = pipes[2] with { Diameter = -0.1 };
        pipes[3] = pipes[3] with { Id = pipes[0].Id };
        s = s with { Network = net with { Junctions = junctions, Pipes = pipes } };
        var problems = ScenarioValidator.Validate(s).Select(p => p.ToString()).ToList();
        Assert.Contains(problems, p => p.StartsWith("network.junctions[1] (id 3)") && p.Contains("elevation"));
        Assert.Contains(problems, p => p.StartsWith("network.pipes[2] (id 3)") && p.Contains("diameter must be a positive number"));
        Assert.Contains(problems, p => p.StartsWith("network.pipes[3]") && p.Contains("duplicate link id '1'"));
    }

    /// <summary>
    /// Pump head curves EPANET refuses (error 227) are reported by `validate`, as the solvers refuse them: a custom curve
    /// whose heads rise, and a one-point curve at zero head, which no power function fits. EPANET's reference network of
    /// custom curves is valid.
    /// </summary>
    [Fact]
    public void Pump_curves_EPANET_refuses_are_reported_at_the_pump()
    {
        string file = Path.Combine(RepoPaths.Root, "tools", "epanet-reference", "networks", "snapshot", "CUSTOM_CURVES.inp");
        var s = InpReader.ReadFile(file).Scenario;
        Assert.Empty(ScenarioValidator.Validate(s));
        var curves = s.Network.Curves.ToArray();
        int c4 = Array.FindIndex(curves, c => c.Id == "C4");
        var rising = curves[c4].Points.ToArray();
        rising[2] = rising[2] with { Y = rising[1].Y + 1 };
        curves[c4] = curves[c4] with { Points = rising };
        int c2 = Array.FindIndex(curves, c => c.Id == "C2");
        curves[c2] = curves[c2] with { Points = [new Point2(0.05, 0)] };
        var problems = ScenarioValidator.Validate(s with { Network = s.Network with { Curves = curves } }).Select(p => p.ToString()).ToList();
        Assert.Contains(problems, p => p.Contains("(id PU1)") && p.Contains("custom curve 'C4' must have increasing flows and decreasing heads"));
        Assert.Contains(problems, p => p.Contains("(id PU2)") && p.Contains("curve 'C2' is not a valid power-function pump curve"));
    }

    [Fact]
    public void Closing_the_only_supply_pipe_disconnects_every_junction()
    {
        var s = Tln();
        var pipes = s.Network.Pipes.ToArray();
        pipes[0] = pipes[0] with { Status = LinkStatus.Closed }; // pipe 1 is the reservoir's only link
        var problems = ScenarioValidator.Validate(s with { Network = s.Network with { Pipes = pipes } });
        Assert.Equal(6, problems.Count(p => p.Message.Contains("disconnected")));
    }

    [Fact]
    public void Design_block_references_are_checked()
    {
        var s = Tln() with
        {
            Design = new DesignSpec
            {
                Catalog = [new CatalogEntry(0.1, 5), new CatalogEntry(0.2, double.NaN)],
                DecisionPipes = ["1", "99", "1"],
                MinPressure = 30,
                MaxPressure = 20,
            },
        };
        var problems = ScenarioValidator.Validate(s).Select(p => p.ToString()).ToList();
        Assert.Contains("design.catalog[1]: unit cost must be ≥ 0, got NaN", problems);
        Assert.Contains("design.decision_pipes[1]: unknown pipe '99'", problems);
        Assert.Contains("design.decision_pipes[2]: pipe '1' is listed twice", problems);
        Assert.Contains(problems, p => p.StartsWith("design.max_pressure"));
    }

    [Fact]
    public void Catalog_sizes_beyond_what_head_loss_can_represent_are_refused()
    {
        // A diameter of 1e-101 m or a C of 1e-308 made the split-pipe LP's coefficients infinite (an internal error).
        var s = Tln() with
        {
            Design = new DesignSpec
            {
                Catalog = [new CatalogEntry(0, 0), new CatalogEntry(1e-101, 5), new CatalogEntry(0.3, 9, 1e-308), new CatalogEntry(250, 9),
                    new CatalogEntry(0.0254, 2, 130)],
                DecisionPipes = ["1"],
            },
        };
        var problems = ScenarioValidator.Validate(s).Select(p => p.ToString()).ToList();
        Assert.Contains(problems, p => p.StartsWith("design.catalog[1]: diameter 1E-101 m is outside"));
        Assert.Contains(problems, p => p.StartsWith("design.catalog[2]: Hazen–Williams C 1E-308 is outside"));
        Assert.Contains(problems, p => p.StartsWith("design.catalog[3]: diameter 250 m is outside"));
        Assert.DoesNotContain(problems, p => p.StartsWith("design.catalog[0]") || p.StartsWith("design.catalog[4]"));
    }

    [Fact]
    public void A_Chezy_Manning_catalog_takes_Mannings_n_not_a_Hazen_Williams_C()
    {
        var tln = Tln();
        var s = tln with
        {
            Network = tln.Network with { Options = tln.Network.Options with { HeadLoss = HeadLossModel.ChezyManning } },
            Design = new DesignSpec { Catalog = [new CatalogEntry(0.3, 9, 130), new CatalogEntry(0.2, 5, 0.012)], DecisionPipes = ["1"] },
        };
        var problems = ScenarioValidator.Validate(s).Select(p => p.ToString()).ToList();
        Assert.Contains(problems, p => p.StartsWith("design.catalog[0]: Manning's n 130 is outside"));
        Assert.DoesNotContain(problems, p => p.StartsWith("design.catalog[1]"));
    }

    [Fact]
    public void Supply_arcs_must_run_source_to_plant_to_zone()
    {
        var s = new Scenario
        {
            Supply = new SupplySpec
            {
                Sources = [new SupplySource("S1", 10)],
                Plants = [new SupplyPlant("P1", 5, 1)],
                Zones = [new SupplyZone("Z1", 3)],
                Arcs = [new SupplyArc("S1", "P1", 1), new SupplyArc("Z1", "P1", 1), new SupplyArc("P1", "Q", 1)],
            },
        };
        var problems = ScenarioValidator.Validate(s).Where(p => p.Location.StartsWith("supply")).Select(p => p.ToString()).ToList();
        Assert.Equal(["supply.arcs[1]: arc Z1→P1 must go source→plant or plant→zone", "supply.arcs[2]: unknown 'to' id 'Q'"], problems);
    }
}
