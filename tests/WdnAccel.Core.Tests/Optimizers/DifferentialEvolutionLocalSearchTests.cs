using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Tests.Optimizers;

/// <summary>DE's greedy local search: which rows it adds to a generation's batch, and that it pays for itself.</summary>
public class DifferentialEvolutionLocalSearchTests
{
    private const int Population = 20;

    private static OptimizerResult Run(IProblem problem, long budget, ulong seed, double localSearch) =>
        new DifferentialEvolution().Run(problem, new OptimizerSettings
        {
            Seed = seed,
            MaxEvaluations = budget,
            Parameters = new Dictionary<string, double> { ["population"] = Population, ["local_search"] = localSearch },
        });

    [Fact]
    public void FirstGenerationCarriesTheOneStepSmallerNeighboursOfTheCheapestFeasibleMember()
    {
        var problem = new CostedCapacityProblem();
        Run(problem, 2_000, 5, 1);
        int dim = problem.Dimensions;
        // The cheapest feasible genome of the initial batch, found independently from the recorded call.
        var initial = problem.Calls[0];
        int bf = -1;
        for (int i = 0; i < Population; i++)
            if (initial[i].Feasible && (bf < 0 || initial[i].Cost < initial[bf].Cost)) bf = i;
        Assert.True(bf >= 0, "seed 5 should give a feasible initial member");
        var member = problem.Genomes[0].AsSpan(bf * dim, dim).ToArray();

        var rows = problem.Genomes[1];
        int extra = rows.Length / dim - Population;
        Assert.Equal(member.Count(g => g > 0), extra);
        var expected = new List<int[]>();
        for (int d = 0; d < dim; d++)
            if (member[d] > 0) { var r = (int[])member.Clone(); r[d]--; expected.Add(r); }
        for (int k = 0; k < extra; k++)
            Assert.Equal(expected[k], rows.AsSpan((Population + k) * dim, dim).ToArray());
    }

    [Fact]
    public void EveryLocalSearchRowIsASmallerOrCheaperSwapNeighbourOfAnEarlierFeasibleGenome()
    {
        var problem = new CostedCapacityProblem();
        Run(problem, 6_000, 7, 1);
        int dim = problem.Dimensions;
        var feasibleSeen = new HashSet<string>();
        int swaps = 0;
        for (int call = 0; call < problem.Calls.Count; call++)
        {
            var genomes = problem.Genomes[call];
            int rows = genomes.Length / dim;
            for (int k = Population; k < rows; k++)
            {
                var row = genomes.AsSpan(k * dim, dim).ToArray();
                // Recover the parent: some earlier feasible genome one step above in one gene (down move),
                // or one step above in gene i and one below in gene j (swap move) with a higher cost.
                bool found = false;
                for (int i = 0; i < dim && !found; i++)
                {
                    var up = (int[])row.Clone();
                    up[i]++;
                    if (feasibleSeen.Contains(Key(up))) { found = true; break; }
                    for (int j = 0; j < dim && !found; j++)
                    {
                        if (j == i || up[j] == 0) continue;
                        var parent = (int[])up.Clone();
                        parent[j]--;
                        if (feasibleSeen.Contains(Key(parent)) && problem.Cost(row) < problem.Cost(parent)) { found = true; swaps++; }
                    }
                }
                Assert.True(found, $"call {call} row {k}: [{string.Join(",", row)}] is no neighbour of an earlier feasible genome");
            }
            for (int g = 0; g < rows; g++)
                if (problem.Calls[call][g].Feasible) feasibleSeen.Add(Key(genomes.AsSpan(g * dim, dim).ToArray()));
        }
        Assert.True(swaps > 0, "the swap neighbourhood was never tried");
    }

    [Fact]
    public void LocalSearchReachesTheBruteForceOptimumOnMoreSeeds()
    {
        // Small budget (1,000 evaluations, NP 20) so plain DE often stops short of the 5^8 brute-force optimum.
        var (optimum, _) = CapacityProblem.BruteForce();
        int with = 0, without = 0;
        for (ulong seed = 1; seed <= 10; seed++)
        {
            if (Math.Abs(Run(new CostedCapacityProblem(), 1_000, seed, 1).Best.Cost - optimum) < 1e-9) with++;
            if (Math.Abs(Run(new CostedCapacityProblem(), 1_000, seed, 0).Best.Cost - optimum) < 1e-9) without++;
        }
        Assert.True(with > without, $"optimum reached with local search {with}/10, without {without}/10");
    }

    [Fact]
    public void DitheredFFindsTheBruteForceOptimumAndChangesTheTrajectory()
    {
        var (optimum, argmin) = CapacityProblem.BruteForce();
        foreach (ulong seed in new ulong[] { 21, 22, 23 })
        {
            var settings = new OptimizerSettings
            {
                Seed = seed,
                MaxEvaluations = 20_000,
                Parameters = new Dictionary<string, double> { ["population"] = Population, ["f"] = 0.5, ["f_dither"] = 0.5 },
            };
            var dithered = new DifferentialEvolution().Run(new CostedCapacityProblem(), settings);
            Assert.Equal(optimum, dithered.Best.Cost, 9);
            Assert.Equal(argmin, dithered.BestGenome);
            var constant = new DifferentialEvolution().Run(new CostedCapacityProblem(),
                settings with { Parameters = new Dictionary<string, double> { ["population"] = Population, ["f"] = 0.5 } });
            Assert.NotEqual(dithered.History, constant.History);
        }
    }

    private static string Key(int[] g) => string.Join(",", g);
}
