using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;

namespace WdnAccel.Kernels.Tests.Hydraulics;

/// <summary>Locates the repository's data and compiles benchmark networks for the hydraulics tests.</summary>
public static class HydraulicsTestData
{
    public static string Root => RepoPaths.Root;

    /// <summary>The .inp file of a reference network: data/networks, or the hand-written ones beside the reference script.</summary>
    public static string NetworkFile(string name)
    {
        var shipped = Path.Combine(Root, "data", "networks", name + ".inp");
        return File.Exists(shipped) ? shipped : Path.Combine(Root, "tools", "epanet-reference", "networks", name + ".inp");
    }

    public static string ReferenceFile(string name) => Path.Combine(Root, "data", "reference", name + ".json");

    /// <summary>Compiles a network: the bundled scenario (data/scenarios/NAME.wdn) where one exists for GOY, else the .inp.</summary>
    public static CompiledNetwork Compile(string name)
    {
        var scenario = Path.Combine(Root, "data", "scenarios", name + ".wdn");
        return CompiledNetwork.Compile(ScenarioFile.Load(name == "GOY" ? scenario : NetworkFile(name)).Scenario.Network);
    }

    /// <summary>
    /// Two-loop with a base and a peak demand case (demands × <paramref name="peakFactor"/>, its own pressure floor when
    /// given) and a catalog that sets roughness for every third size (100 + the size's index; the others keep the
    /// pipe's own C): lanes per design, catalog roughness and case limits all in one problem.
    /// </summary>
    public static (CompiledNetwork Net, Core.Model.DesignSpec Design) TwoLoopWithPeakCase(double peakFactor, double? peakMinPressure)
    {
        var scenario = ScenarioFile.Load(Path.Combine(Root, "data", "scenarios", "TLN.wdn")).Scenario;
        var network = scenario.Network with { DemandCases = [new Core.Model.DemandCase("base"), new Core.Model.DemandCase("peak", peakFactor, MinPressure: peakMinPressure)] };
        var design = scenario.Design! with
        {
            Catalog = scenario.Design!.Catalog.Select((e, i) => i % 3 == 0 ? e with { Roughness = 100 + i } : e).ToArray(),
        };
        return (CompiledNetwork.Compile(network, design), design);
    }

    /// <summary>A bundled design scenario (data/scenarios/NAME.wdn) compiled with its design block, and that block.</summary>
    public static (CompiledNetwork Net, Core.Model.DesignSpec Design) DesignScenario(string name)
    {
        var s = ScenarioFile.Load(Path.Combine(Root, "data", "scenarios", name + ".wdn")).Scenario;
        return (CompiledNetwork.Compile(s.Network, s.Design), s.Design!);
    }

    /// <summary>
    /// Hanoi's design scenario (with velocity limits of 0.3–2 m/s and a 80 m pressure ceiling when asked) and a batch
    /// of <paramref name="k"/> random catalog designs, drawn with seed k, for the limits-kernel tests.
    /// </summary>
    public static (CompiledNetwork Net, Core.Model.DesignSpec Design, HydraulicBatch Batch) HanoiRandomDesigns(int k, bool velocityLimits)
    {
        var scenario = ScenarioFile.Load(Path.Combine(Root, "data", "scenarios", "HAN.wdn")).Scenario;
        var design = velocityLimits ? scenario.Design! with { MinVelocity = 0.3, MaxVelocity = 2.0, MaxPressure = 80 } : scenario.Design!;
        var net = CompiledNetwork.Compile(scenario.Network, design);
        var batch = new HydraulicBatch(net, k);
        var rng = new Random(k);
        for (int lane = 0; lane < k; lane++)
            foreach (int pipe in net.DecisionPipes)
                batch.SetPipe(lane, pipe, design.Catalog[rng.Next(design.Catalog.Count)].Diameter);
        return (net, design, batch);
    }

}
