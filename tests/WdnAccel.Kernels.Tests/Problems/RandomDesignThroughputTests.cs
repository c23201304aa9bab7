using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Problems;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Simd;
using WdnAccel.Kernels.Tests.Hydraulics;

namespace WdnAccel.Kernels.Tests.Problems;

/// <summary>
/// `simulate --random-designs`: one pipeline per host thread must still solve every design of the seed exactly once,
/// so the counts equal a one-design-at-a-time scalar pass over the same designs, whatever the threads and batch size.
/// </summary>
public class RandomDesignThroughputTests
{
    private static (CompiledNetwork Net, Core.Model.DesignSpec Design) TwoLoop()
    {
        var scenario = ScenarioFile.Load(Path.Combine(HydraulicsTestData.Root, "data", "scenarios", "TLN.wdn")).Scenario;
        return (CompiledNetwork.Compile(scenario.Network, scenario.Design!), scenario.Design!);
    }

    [Fact]
    public void Threads_and_batch_size_do_not_change_which_designs_are_solved()
    {
        var (net, design) = TwoLoop();
        const int designs = 3000, seed = 11;
        using var oracle = new PipeSizingProblem(net, design, new ScalarBackend());
        int d = oracle.Dimensions;
        var options = Enumerable.Range(0, d).Select(oracle.Options).ToArray();
        var genomes = new int[designs * d];
        RandomDesignDraw.Draw(seed, 0, designs, options, genomes);
        int feasible = 0;
        for (int g = 0; g < designs; g++)
        {
            var (_, violation) = oracle.Check(oracle.Solve(genomes.AsSpan(g * d, d)));
            if (violation == 0) feasible++;
        }
        Assert.InRange(feasible, 1, designs - 1); // a mix, so a skipped or repeated design would show

        foreach (var (threads, batch) in new[] { (1, 1000), (1, 13), (2, 7), (2, 1000), (3, 64) })
        {
            var run = RandomDesignThroughput.Run(net, design, designs, seed, batch, new SimdBackend(threads));
            Assert.Equal(designs, run.Solves);
            Assert.Equal(feasible, run.Feasible);
            Assert.Equal(0, run.Failed);
        }
        Assert.Equal(feasible, RandomDesignThroughput.Run(net, design, designs, seed, 500, new ScalarBackend()).Feasible);
    }

    [Fact]
    public void Each_design_has_a_uniform_stream_of_its_own()
    {
        int[] options = [14, 14, 3];
        var one = new int[3];
        var counts = new int[14];
        const int n = 28_000;
        for (int i = 0; i < n; i++)
        {
            RandomDesignThroughput.DrawDesign(5, i, options, one);
            counts[one[0]]++;
            Assert.InRange(one[2], 0, 2);
        }
        // 2,000 expected per option; 6 standard deviations (~43) either side.
        Assert.All(counts, c => Assert.InRange(c, 2000 - 260, 2000 + 260));

        var first = new int[3];
        var again = new int[3];
        RandomDesignThroughput.DrawDesign(5, 123_456_789_012, options, first);
        RandomDesignThroughput.DrawDesign(5, 123_456_789_012, options, again);
        Assert.Equal(first, again);
        int differ = 0;
        for (int i = 0; i < 50; i++)
        {
            RandomDesignThroughput.DrawDesign(5, i, options, first);
            RandomDesignThroughput.DrawDesign(6, i, options, again);
            if (!first.AsSpan().SequenceEqual(again)) differ++;
        }
        Assert.InRange(differ, 40, 50); // another seed, other designs
    }
}
