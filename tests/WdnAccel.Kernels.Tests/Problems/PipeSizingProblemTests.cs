using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Problems;
using WdnAccel.Kernels.Simd;
using WdnAccel.Kernels.Tests.Hydraulics;

namespace WdnAccel.Kernels.Tests.Problems;

/// <summary>
/// The batched population path (one HydraulicBatch, lane = design × case) against one design at a time, on
/// Two-loop with two demand cases and a catalog that sets roughness for some sizes (the others keep the pipe's
/// own C), including a second, smaller population evaluated in the batch grown for the first.
/// </summary>
public class PipeSizingProblemTests
{
    [Fact]
    public void Population_evaluation_equals_one_design_at_a_time()
    {
        var (net, design) = HydraulicsTestData.TwoLoopWithPeakCase(1.3, peakMinPressure: 25);
        var problem = new PipeSizingProblem(net, design, new SimdBackend(2));
        int d = problem.Dimensions, options = problem.Options(0);
        var rng = new Random(7);

        foreach (int count in new[] { 40, 9 }) // the second population reuses the batch grown for the first
        {
            var genomes = Enumerable.Range(0, count * d).Select(_ => rng.Next(options)).ToArray();
            var results = new Evaluation[count];
            problem.Evaluate(genomes, count, results);
            for (int g = 0; g < count; g++)
            {
                var genome = genomes.AsSpan(g * d, d);
                var solved = problem.Solve(genome);
                for (int i = 0; i < d; i++)
                {
                    var entry = design.Catalog[genome[i]];
                    int pipe = net.DecisionPipes[i];
                    Assert.Equal(entry.Roughness ?? net.BaseRoughness[pipe], solved.Roughness[pipe * solved.Count]);
                }
                var (_, violation) = problem.Check(solved);
                bool converged = Enumerable.Range(0, solved.Count).All(l => solved.Status[l] == LaneStatus.Converged);
                Assert.Equal(problem.Cost(genome), results[g].Cost, 1e-9);
                Assert.Equal(converged, results[g].Valid);
                if (!converged) continue;
                Assert.Equal(violation == 0, results[g].Feasible);
                Assert.Equal(results[g].Cost + problem.PenaltyPerViolation * violation, results[g].Fitness, 1e-6 * Math.Max(1, results[g].Fitness));
            }
        }
    }
}
