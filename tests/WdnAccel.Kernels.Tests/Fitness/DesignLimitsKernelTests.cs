using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Simd;
using WdnAccel.Kernels.Tests.Hydraulics;

namespace WdnAccel.Kernels.Tests.Fitness;

/// <summary>The SIMD pipe-sizing limits kernel against the scalar reference: identical margins and violations (same operations, same order).</summary>
public class DesignLimitsKernelTests
{
    public static TheoryData<int, bool> Sizes()
    {
        var data = new TheoryData<int, bool>();
        foreach (int k in new[] { 1, 3, 5, 7, 13, 31, 67 }) { data.Add(k, false); data.Add(k, true); }
        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Simd_equals_scalar_lane_by_lane(int k, bool velocityLimits)
    {
        var (net, design, batch) = HydraulicsTestData.HanoiRandomDesigns(k, velocityLimits);
        new ScalarBackend().SolveHydraulics(batch);
        var limits = new DesignFeasibility(net, design);
        int[] cases = new int[k];
        double[] m1 = new double[k], v1 = new double[k], m2 = new double[k], v2 = new double[k];
        new ScalarBackend().EvaluateDesignLimits(batch, limits, cases, m1, v1);
        new SimdBackend(1).EvaluateDesignLimits(batch, limits, cases, m2, v2);
        Assert.Equal(m1, m2);
        Assert.Equal(v1, v2);
        // The pass is not vacuous: random Hanoi designs violate the 30 m limit somewhere.
        Assert.Contains(v1, x => x > 0);
    }

    [Fact]
    public void Case_dependent_limits_take_each_lanes_case()
    {
        var scenario = ScenarioFile.Load(Path.Combine(HydraulicsTestData.Root, "data", "scenarios", "TLN.wdn")).Scenario;
        var network = scenario.Network with { DemandCases = [new DemandCase("low", 0.5, MinPressure: 20), new DemandCase("peak", 1.3, MinPressure: 35)] };
        var net = CompiledNetwork.Compile(network, scenario.Design);
        var batch = new HydraulicBatch(net, 6);
        int[] cases = [0, 1, 0, 1, 0, 1];
        for (int lane = 0; lane < 6; lane++) batch.SetDemandCase(lane, cases[lane]);
        foreach (int pipe in net.DecisionPipes) for (int lane = 0; lane < 6; lane++) batch.SetPipe(lane, pipe, 0.3048);
        new ScalarBackend().SolveHydraulics(batch);
        var limits = new DesignFeasibility(net, scenario.Design!);
        Assert.False(limits.CaseIndependent);
        double[] m1 = new double[6], v1 = new double[6], m2 = new double[6], v2 = new double[6];
        new ScalarBackend().EvaluateDesignLimits(batch, limits, cases, m1, v1);
        new SimdBackend(1).EvaluateDesignLimits(batch, limits, cases, m2, v2);
        Assert.Equal(m1, m2);
        Assert.Equal(v1, v2);
        // Same design: the peak case (35 m, 1.3× demand) has the smaller margin.
        Assert.True(m1[1] < m1[0]);
    }
}
