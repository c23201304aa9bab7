using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Problems;
using WdnAccel.Kernels.Ilgpu;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Simd;
using WdnAccel.Kernels.Tests.Hydraulics;

namespace WdnAccel.Kernels.Tests.Ilgpu;

/// <summary>
/// Random designs drawn on the device (the draw_designs kernel on ILGPU's CPU accelerator) against the host's draw
/// and the scalar oracle's evaluation, design by design: two-loop with two demand cases and a catalog that sets
/// roughness for some sizes, in calls of 77 designs (the last one partial), so a design drawn differently, a case
/// written to the wrong lane or a roughness left at the pipe's own would change a verdict or a violation.
/// </summary>
[Collection(IlgpuCollection.Name)]
public sealed class RandomDesignDeviceTests
{
    private static (CompiledNetwork Net, DesignSpec Design) TwoCasesWithRoughness(double peakMinPressure) =>
        HydraulicsTestData.TwoLoopWithPeakCase(1.15, peakMinPressure);

    [Fact]
    public void Designs_drawn_on_the_device_are_the_hosts_and_score_alike()
    {
        var (net, design) = TwoCasesWithRoughness(30);
        const int designs = 500, perCall = 77, seed = 3, cases = 2;
        var limits = new DesignFeasibility(net, design);
        Assert.True(limits.CaseIndependent);
        using var oracle = new PipeSizingProblem(net, design, new ScalarBackend());
        int d = oracle.Dimensions;
        var options = Enumerable.Range(0, d).Select(oracle.Options).ToArray();

        using var session = new IlgpuHydraulicSession(IlgpuTestDevice.Backend.Accelerator, net, perCall * cases);
        var lanes = RandomDesignCatalog.Lanes(net, perCall, cases);
        session.LoadRandomDesignLanes(lanes, cases, RandomDesignCatalog.Of(net, design), limits);
        var margin = new double[lanes.Count];
        var violation = new double[lanes.Count];
        int feasible = 0;
        for (int first = 0; first < designs; first += perCall)
        {
            int count = Math.Min(perCall, designs - first);
            session.SolveRandomDesigns(seed, first, count, margin, violation);
            var genomes = new int[count * d];
            RandomDesignDraw.Draw(seed, first, count, options, genomes);
            var results = new Evaluation[count];
            var expectedViolation = new double[count];
            var expectedMargin = new double[count];
            oracle.EvaluateSolved(genomes, count, results, expectedViolation, expectedMargin);
            for (int g = 0; g < count; g++)
            {
                double v = violation[g * cases] + violation[g * cases + 1];
                double m = Math.Min(margin[g * cases], margin[g * cases + 1]);
                string label = $"design {first + g}";
                Assert.True(expectedViolation[g] == 0 == (v == 0), $"{label}: violation {v:R}, oracle {expectedViolation[g]:R}");
                Assert.True(Math.Abs(v - expectedViolation[g]) <= 1e-6 * Math.Abs(expectedViolation[g]) + 1e-6, $"{label}: violation {v:R}, oracle {expectedViolation[g]:R}");
                Assert.True(Math.Abs(m - expectedMargin[g]) <= 1e-6 * Math.Abs(expectedMargin[g]) + 1e-6, $"{label}: margin {m:R}, oracle {expectedMargin[g]:R}");
                if (v == 0) feasible++;
            }
        }
        Assert.InRange(feasible, 1, designs - 1); // a mix, so a design drawn differently would show
    }

    [Theory]
    [InlineData(30.0)] // limits the same in both cases: designs drawn on the device
    [InlineData(25.0)] // a case with its own pressure floor: the host pipeline, with the device solving
    public void The_throughput_run_counts_what_simd_counts(double peakMinPressure)
    {
        var (net, design) = TwoCasesWithRoughness(peakMinPressure);
        var device = RandomDesignThroughput.Run(net, design, 400, 9, 64, IlgpuTestDevice.Backend);
        var simd = RandomDesignThroughput.Run(net, design, 400, 9, 100, new SimdBackend(2));
        Assert.Equal(800, device.Solves);
        Assert.Equal(simd.Solves, device.Solves);
        Assert.Equal(simd.Feasible, device.Feasible);
        Assert.Equal(simd.Failed, device.Failed);
        Assert.InRange(simd.Feasible, 1, 399);
    }

    /// <summary>
    /// In loop-flow form the draw writes each decision's resistance from a table per catalog option, and the other
    /// pipes' are computed once at load, so the solve reads resistances instead of computing them; the same designs
    /// sent as diameters and solved the ordinary way must give the same margins and violations bit for bit (both run
    /// DeviceMath here), with the scratch in device or shared memory, on Hanoi (one case, the catalog's roughness left
    /// to the pipes; and with its first pipe not a decision, so its resistance is the load's) and two-loop (two cases,
    /// roughness per size); and Hanoi under the other two head-loss formulas.
    /// </summary>
    [Theory]
    [InlineData("HAN", GgaScratchMemory.Device)]
    [InlineData("HAN", GgaScratchMemory.Shared)]
    [InlineData("HAN with a fixed pipe", GgaScratchMemory.Device)]
    [InlineData("TLN", GgaScratchMemory.Device)]
    [InlineData("HAN-DW", GgaScratchMemory.Shared)] // Darcy–Weisbach: r = L/(2g·D·A²) per option
    [InlineData("HAN-CM", GgaScratchMemory.Device)] // Chezy–Manning: r = k·n²·L/D^5.333 per option
    public void Resistances_looked_up_per_option_solve_as_computed_ones_do(string name, GgaScratchMemory scratch)
    {
        var (net, design) = name == "TLN" ? TwoCasesWithRoughness(30) : HydraulicsTestData.DesignScenario("HAN");
        if (name.Contains('-'))
        {
            var formula = name.EndsWith("DW") ? HeadLossModel.DarcyWeisbach : HeadLossModel.ChezyManning;
            net = CompiledNetwork.Compile(LoopFlowParityTests.WithFormula(net.Source, formula), design);
        }
        if (name == "HAN with a fixed pipe")
        {
            design = design with { DecisionPipes = design.DecisionPipes.Skip(1).ToList() };
            net = CompiledNetwork.Compile(net.Source, design);
            Assert.Equal(net.PipeCount - 1, net.DecisionPipes.Length);
        }
        int cases = net.CaseNames.Length, perCall = 41, k = perCall * cases;
        var catalog = RandomDesignCatalog.Of(net, design);
        Assert.Equal(name == "TLN", catalog.Roughness is not null);
        var limits = new DesignFeasibility(net, design);
        using var drawn = new IlgpuHydraulicSession(IlgpuTestDevice.Backend.Accelerator, net, k, LoopFlowMode.Auto, scratch);
        using var sent = new IlgpuHydraulicSession(IlgpuTestDevice.Backend.Accelerator, net, k, LoopFlowMode.Auto, scratch);
        Assert.NotNull(drawn.Loops);
        // The fixed pipe (Hanoi's main from the reservoir) at the catalog's largest size in every lane, both ways.
        double fixedDiameter = catalog.Diameter.Max();
        HydraulicBatch Lanes()
        {
            var lanes = RandomDesignCatalog.Lanes(net, perCall, cases);
            if (name == "HAN with a fixed pipe")
                for (int lane = 0; lane < k; lane++) lanes.SetPipe(lane, 0, fixedDiameter);
            return lanes;
        }
        drawn.LoadRandomDesignLanes(Lanes(), cases, catalog, limits);
        double[] m1 = new double[k], v1 = new double[k], m2 = new double[k], v2 = new double[k];
        foreach (long first in new long[] { 0, 1000 })
        {
            drawn.SolveRandomDesigns(5, first, perCall, m1, v1);
            Assert.True(drawn.ReadsGivenResistances);
            var batch = Lanes();
            catalog.WriteDesigns(batch, 5, first, perCall, cases);
            sent.Solve(batch);
            sent.EvaluateDesignLimits(batch, limits, RandomDesignCatalog.CaseOfLane(k, cases), m2, v2);
            Assert.Equal(m2, m1);
            Assert.Equal(v2, v1);
            Assert.True(m1.Distinct().Count() > perCall / 2, "margins differ from design to design, so a design solved differently would show");
        }
        // A batch sent to the drawing session replaces its loaded lanes: it reads that batch's diameters and computes
        // their resistances, not the table's (the last sent batch, so the same margins).
        var again = Lanes();
        catalog.WriteDesigns(again, 5, 1000, perCall, cases);
        drawn.Solve(again);
        Assert.False(drawn.ReadsGivenResistances);
        drawn.EvaluateDesignLimits(again, limits, RandomDesignCatalog.CaseOfLane(k, cases), m1, v1);
        Assert.Equal(m2, m1);
        Assert.Equal(v2, v1);
    }

    [Fact]
    public void Lanes_that_differ_in_a_decision_pipes_roughness_are_refused_where_the_catalog_sets_none()
    {
        var (net, design) = HydraulicsTestData.DesignScenario("HAN");
        using var session = new IlgpuHydraulicSession(IlgpuTestDevice.Backend.Accelerator, net, 4);
        var catalog = RandomDesignCatalog.Of(net, design);
        var limits = new DesignFeasibility(net, design);
        session.LoadRandomDesignLanes(new HydraulicBatch(net, 4), 1, catalog, limits);
        double[] m1 = new double[4], v1 = new double[4], m2 = new double[4], v2 = new double[4];
        session.SolveRandomDesigns(2, 0, 4, m1, v1);

        var lanes = new HydraulicBatch(net, 4);
        int pipe = net.DecisionPipes[3];
        lanes.SetPipe(2, pipe, net.BaseDiameter[pipe], roughness: 100);
        var e = Assert.Throws<ArgumentException>(() => session.LoadRandomDesignLanes(lanes, 1, catalog, limits));
        Assert.Contains($"pipe {pipe}", e.Message);
        Assert.Contains("lane 2", e.Message);
        // A refused load changes nothing: the session still holds the last load, tables included.
        session.SolveRandomDesigns(2, 0, 4, m2, v2);
        Assert.Equal(m1, m2);
        Assert.Equal(v1, v2);
    }

    [Fact]
    public void Solving_before_loading_or_after_another_batch_replaced_the_lanes_is_refused()
    {
        var (net, design) = TwoCasesWithRoughness(30);
        using var session = new IlgpuHydraulicSession(IlgpuTestDevice.Backend.Accelerator, net, 4);
        Assert.Throws<InvalidOperationException>(() => session.SolveRandomDesigns(1, 0, 2, new double[4], new double[4]));
        var lanes = new HydraulicBatch(net, 4);
        session.LoadRandomDesignLanes(lanes, 2, RandomDesignCatalog.Of(net, design), new DesignFeasibility(net, design));
        session.SolveRandomDesigns(1, 0, 2, new double[4], new double[4]);
        session.Solve(new HydraulicBatch(net, 4)); // its inputs (and warm start) replace the loaded lanes
        Assert.Throws<InvalidOperationException>(() => session.SolveRandomDesigns(1, 0, 2, new double[4], new double[4]));
    }
}
