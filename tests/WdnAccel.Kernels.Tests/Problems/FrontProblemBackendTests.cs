using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Problems;
using WdnAccel.Kernels.Tests.Hydraulics;
using WdnAccel.Kernels.Tests.Ilgpu;

namespace WdnAccel.Kernels.Tests.Problems;

/// <summary>
/// The population path NSGA-II's front uses (<see cref="PipeSizingProblem.EvaluateSolved"/>): a device session
/// normally keeps heads on the device, so this checks on every backend that the heads and flows come back to the host
/// and give the objectives one design solved alone gives, with two demand cases (lane = design × case). The cases share
/// their limits on purpose: case-dependent limits send ILGPU's limits pass to the host, which fetches the heads anyway.
/// </summary>
[Collection(IlgpuCollection.Name)]
public class FrontProblemBackendTests
{
    [Theory]
    [MemberData(nameof(EveryBackend.Names), MemberType = typeof(EveryBackend))]
    public void Batched_objectives_equal_one_design_at_a_time(string backendName)
    {
        var scenario = ScenarioFile.Load(Path.Combine(HydraulicsTestData.Root, "data", "scenarios", "TLN.wdn")).Scenario;
        var network = scenario.Network with { DemandCases = [new DemandCase("base"), new DemandCase("peak", 1.3)] };
        var net = CompiledNetwork.Compile(network, scenario.Design!);
        var backend = EveryBackend.Create(backendName);
        foreach (var objective in new[] { FrontObjective.Resilience, FrontObjective.Surplus })
        {
            using var problem = new PipeSizingFrontProblem(net, scenario.Design!, backend, objective);
            int d = problem.Dimensions, count = 24;
            var rng = new Random(11);
            // Larger sizes first, so that most designs converge feasibly and carry a defined index.
            var genomes = Enumerable.Range(0, count * d).Select(_ => 6 + rng.Next(problem.Options(0) - 6)).ToArray();
            var objectives = new double[2 * count];
            var violation = new double[count];
            problem.Evaluate(genomes, count, objectives, violation);
            int defined = 0;
            for (int g = 0; g < count; g++)
            {
                var genome = genomes.AsSpan(g * d, d);
                var solved = problem.Sizing.Solve(genome);
                var (_, alone) = problem.Sizing.Check(solved);
                Assert.Equal(problem.Sizing.Cost(genome), objectives[2 * g]);
                Assert.Equal(alone, violation[g], 1e-6);
                double expected = problem.SecondObjective(solved, 0);
                if (double.IsNaN(expected)) { Assert.True(double.IsNaN(objectives[2 * g + 1])); continue; }
                defined++;
                Assert.Equal(-expected, objectives[2 * g + 1], 1e-6);
            }
            Assert.True(defined >= count / 2, $"{defined} of {count} designs had a defined {objective}");
        }
    }
}
