using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Problems;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Tests.Hydraulics;

namespace WdnAccel.Kernels.Tests.Ilgpu;

/// <summary>The ILGPU limits kernel (on the heads the GGA kernel left on the device) against the scalar reference, on the CPU accelerator.</summary>
[Collection(IlgpuCollection.Name)]
public class DesignLimitsIlgpuTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(17, false)]
    [InlineData(67, true)]
    public void Device_limits_equal_the_scalar_reference(int k, bool velocityLimits)
    {
        var (net, design, batch) = HydraulicsTestData.HanoiRandomDesigns(k, velocityLimits);
        using var session = IlgpuTestDevice.Backend.OpenHydraulicSession(net, k);
        session.Solve(batch); // outputs come back: the reference reads the same heads
        var limits = new DesignFeasibility(net, design);
        int[] cases = new int[k];
        double[] m1 = new double[k], v1 = new double[k], m2 = new double[k], v2 = new double[k];
        new ScalarBackend().EvaluateDesignLimits(batch, limits, cases, m1, v1);
        session.EvaluateDesignLimits(batch, limits, cases, m2, v2);
        Assert.Equal(m1, m2);
        Assert.Equal(v1, v2);
        Assert.Contains(v1, x => x > 0);
    }

    [Fact]
    public void Generation_without_host_outputs_scores_like_the_scalar_backend()
    {
        // PipeSizingProblem leaves heads on the device (OutputsToHost = false) and reads only the limits kernel's results.
        var scenario = ScenarioFile.Load(Path.Combine(HydraulicsTestData.Root, "data", "scenarios", "TLN.wdn")).Scenario;
        var net = CompiledNetwork.Compile(scenario.Network, scenario.Design);
        var onDevice = new PipeSizingProblem(net, scenario.Design!, IlgpuTestDevice.Backend);
        var reference = new PipeSizingProblem(net, scenario.Design!, new ScalarBackend());
        var rng = new Random(5);
        int n = 33, d = onDevice.Dimensions;
        var genomes = Enumerable.Range(0, n * d).Select(_ => rng.Next(onDevice.Options(0))).ToArray();
        var a = new Core.Optimizers.Evaluation[n];
        var b = new Core.Optimizers.Evaluation[n];
        onDevice.Evaluate(genomes, n, a);
        reference.Evaluate(genomes, n, b);
        for (int g = 0; g < n; g++)
        {
            Assert.Equal(b[g].Feasible, a[g].Feasible);
            Assert.Equal(b[g].Cost, a[g].Cost);
            // Kernel vs oracle heads agree to 1e-7 relative (GgaIlgpuTests); the penalty inherits that on absurd designs.
            Assert.Equal(b[g].Fitness, a[g].Fitness, Math.Abs(b[g].Fitness) * 1e-7);
        }
        Assert.Contains(b, e => e.Feasible);
        Assert.Contains(b, e => !e.Feasible);
    }
}
