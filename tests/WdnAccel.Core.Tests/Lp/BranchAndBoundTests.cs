using WdnAccel.Core.Lp;

namespace WdnAccel.Core.Tests.Lp;

/// <summary>
/// The pieces the MILP search rests on, each against an independent answer: the dual simplex after bound changes
/// against a cold primal solve, the safe Lagrangian bound against the exact optimum (never above it, whatever the
/// multipliers), its Farkas sum on infeasible LPs, every c-MIR cut against every integer point of small instances
/// (the continuous part maximised exactly for each), and the benchmark's 50-binary instance end to end.
/// </summary>
public sealed class BranchAndBoundTests
{
    private static LpModel Relaxed(LpModel m)
    {
        var r = m.Clone();
        for (int j = 0; j < r.Variables.Count; j++) r.SetInteger(j, false);
        return r;
    }

    /// <summary>Random instances whose relaxation is a bounded optimum after bound tightening.</summary>
    private static IEnumerable<LpModel> BoundedModels(int count)
    {
        for (int seed = 1; count > 0 && seed < 2000; seed++)
        {
            var shape = (LpShape)(seed % 3);
            var m = Relaxed(RandomLpInstances.Next(shape, seed).Model);
            BoundPropagation.Tighten(m);
            if (m.Variables.Any(v => v.Lower is null || v.Upper is null)) continue;
            count--;
            yield return m;
        }
    }

    [Fact]
    public void DualSimplexAfterBoundChangesMatchesAColdSolve()
    {
        var rng = new Random(5);
        int compared = 0, dualIterations = 0;
        foreach (var m in BoundedModels(60))
        {
            var sf = new StandardForm(m);
            var warm = new BoundedSimplex(sf);
            if (warm.Solve(100_000) != LpStatus.Optimal) continue;
            for (int round = 0; round < 4; round++)
            {
                // Tighten a few bounds around the current point, as branching does.
                for (int k = 0; k < 3; k++)
                {
                    int j = rng.Next(m.Variables.Count);
                    var l = sf.LowerExact[j]!.Value;
                    var u = sf.UpperExact[j]!.Value;
                    var mid = Rational.Floor((l + u) / 2);
                    if (rng.Next(2) == 0) sf.SetBounds(j, l, Rational.Max(l, mid)); else sf.SetBounds(j, Rational.Min(u, mid + 1), u);
                }
                warm.BoundsChanged();
                int before = warm.Iterations;
                var warmStatus = warm.SolveDual(100_000);
                dualIterations += warm.Iterations - before;
                var cold = new BoundedSimplex(sf);
                var coldStatus = cold.Solve(100_000);
                Assert.Equal(coldStatus, warmStatus);
                if (coldStatus != LpStatus.Optimal) break;
                double zw = 0, zc = 0;
                for (int j = 0; j < sf.Structurals; j++)
                {
                    zw += sf.CostExact[j].ToDouble() * warm.Value(j);
                    zc += sf.CostExact[j].ToDouble() * cold.Value(j);
                }
                Assert.True(Math.Abs(zw - zc) <= 1e-7 * Math.Max(1, Math.Abs(zc)), $"{m.Name}: warm {zw}, cold {zc}");
                compared++;
            }
        }
        Assert.True(compared >= 100, $"only {compared} re-solves compared");
        Assert.True(dualIterations > 0);
    }

    [Fact]
    public void SafeBoundNeverExceedsTheExactOptimumAndMeetsItAtTheDuals()
    {
        var rng = new Random(11);
        int checkedCount = 0;
        foreach (var m in BoundedModels(60))
        {
            var exact = LpSolver.Solve(m);
            if (exact.Status != LpStatus.Optimal) continue;
            var sf = new StandardForm(m);
            var simplex = new BoundedSimplex(sf);
            Assert.Equal(LpStatus.Optimal, simplex.Solve(100_000));
            var (lo, hi) = BoundPropagation.Activities(m);
            var lag = new LagrangianBound(sf, lo, hi);
            var optimum = m.Sense == LpSense.Minimize ? exact.ObjectiveExact!.Value : -exact.ObjectiveExact!.Value; // min form
            var y = simplex.RowDuals();
            var atDuals = lag.Evaluate(y);
            Assert.NotNull(atDuals);
            Assert.True(atDuals!.Value <= optimum, $"{m.Name}: bound {atDuals} above the optimum {optimum}");
            Assert.True((optimum - atDuals.Value).ToDouble() <= 1e-6 * Math.Max(1, Math.Abs(optimum.ToDouble())), $"{m.Name}: bound {atDuals} far below {optimum}");
            // Any multipliers give a valid bound: perturbed duals must stay at or below the optimum.
            for (int trial = 0; trial < 5; trial++)
            {
                var yp = y.Select(v => v + (rng.NextDouble() - 0.5) * (1 + Math.Abs(v))).ToArray();
                if (lag.Evaluate(yp) is { } b) Assert.True(b <= optimum, $"{m.Name}: perturbed bound {b} above {optimum}");
            }
            checkedCount++;
        }
        Assert.True(checkedCount >= 30, $"only {checkedCount} models checked");
    }

    [Fact]
    public void FarkasSumProvesInfeasibleBoxedLps()
    {
        int proven = 0;
        for (int seed = 1; seed < 3000 && proven < 10; seed++)
        {
            var m = Relaxed(RandomLpInstances.Next(LpShape.FixedCharge, seed).Model);
            BoundPropagation.Tighten(m);
            if (m.Variables.Any(v => v.Lower is null || v.Upper is null)) continue;
            if (LpSolver.Solve(m).Status != LpStatus.Infeasible) continue;
            var sf = new StandardForm(m);
            var simplex = new BoundedSimplex(sf);
            var status = simplex.SolveDual(100_000); // from the all-logical basis: dual feasible for these costs
            if (status != LpStatus.Infeasible || simplex.FarkasMultipliers is not { } rho) continue;
            var (lo, hi) = BoundPropagation.Activities(m);
            var lag = new LagrangianBound(sf, lo, hi);
            var plus = lag.Evaluate(rho, zeroCost: true);
            var minus = lag.Evaluate(rho.Select(v => -v).ToArray(), zeroCost: true);
            Assert.True(plus is { Sign: > 0 } || minus is { Sign: > 0 }, $"seed {seed}: no positive Farkas sum ({plus}, {minus})");
            proven++;
        }
        Assert.True(proven >= 3, $"only {proven} infeasible LPs proven");
    }

    [Fact]
    public void MirCutsHoldAtEveryIntegerPoint()
    {
        int cutsChecked = 0;
        for (int seed = 1; seed <= 200 && cutsChecked < 40; seed++)
        {
            var model = RandomLpInstances.Next(LpShape.FixedCharge, seed).Model;
            var integers = Enumerable.Range(0, model.Variables.Count).Where(j => model.Variables[j].IsInteger).ToArray();
            if (integers.Length > 8) continue;
            var work = model.Clone();
            BoundPropagation.Tighten(work);
            var relaxation = LpSolver.Solve(Relaxed(work), exact: false);
            if (relaxation.Status != LpStatus.Optimal) continue;
            var cuts = MirCuts.Separate(work, relaxation.Solution, work.Constraints.Count);
            if (cuts.Count == 0) continue;
            // Every integer point in the bounds: the largest violation of each cut over its continuous completions.
            var ranges = integers.Select(j => ((int)work.Variables[j].Lower!.Value.Numerator, (int)work.Variables[j].Upper!.Value.Numerator)).ToArray();
            var point = ranges.Select(r => r.Item1).ToArray();
            while (true)
            {
                foreach (var cut in cuts)
                {
                    var probe = Relaxed(model);
                    for (int t = 0; t < integers.Length; t++) probe.SetBounds(integers[t], point[t], point[t]);
                    probe.Sense = LpSense.Maximize;
                    for (int j = 0; j < probe.Variables.Count; j++) probe.SetCost(j, Rational.Zero);
                    foreach (var term in cut.Terms) probe.SetCost(term.Variable, term.Coefficient);
                    var r = LpSolver.Solve(probe);
                    Assert.True(r.Certified, r.CertificateFailure);
                    if (r.Status == LpStatus.Optimal)
                        Assert.True(r.ObjectiveExact!.Value <= cut.Rhs, $"seed {seed}: cut violated by {r.ObjectiveExact - cut.Rhs} at integers [{string.Join(",", point)}]");
                    else Assert.Equal(LpStatus.Infeasible, r.Status);
                }
                int k = 0;
                while (k < point.Length && point[k] == ranges[k].Item2) { point[k] = ranges[k].Item1; k++; }
                if (k == point.Length) break;
                point[k]++;
            }
            cutsChecked += cuts.Count;
        }
        Assert.True(cutsChecked >= 10, $"only {cutsChecked} cuts checked");
    }

    [Fact]
    public void MaximisingTheNegatedCostGivesTheNegatedOptimum()
    {
        // The search works in minimisation form; a maximisation must come out as the exact mirror image.
        int compared = 0;
        for (int seed = 1; seed <= 40; seed++)
        {
            var min = RandomLpInstances.Next(LpShape.FixedCharge, seed).Model;
            var max = min.Clone();
            max.Sense = LpSense.Maximize;
            for (int j = 0; j < max.Variables.Count; j++) max.SetCost(j, -min.Variables[j].Cost);
            var a = LpSolver.Solve(min);
            var b = LpSolver.Solve(max);
            Assert.Equal(a.Status, b.Status);
            Assert.True(b.Certified, b.CertificateFailure);
            if (a.Status != LpStatus.Optimal) continue;
            Assert.Equal(-a.ObjectiveExact!.Value, b.ObjectiveExact);
            compared++;
        }
        Assert.True(compared >= 20);
    }

    [Fact]
    public void FiftyBinaryFixedChargeIsCertifiedWithFewNodes()
    {
        // The side-by-side benchmark's instance (5 plants, 45 arcs): optimum 7423/5, as SCIP finds.
        var model = RandomLpInstances.FixedCharge(1, 2, 5, 9).Model;
        var r = LpSolver.Solve(model);
        Assert.Equal(LpStatus.Optimal, r.Status);
        Assert.True(r.Certified, r.CertificateFailure);
        Assert.Equal(new Rational(7423, 5), r.ObjectiveExact);
        Assert.All(model.Variables.Select((v, j) => (v, j)).Where(p => p.v.IsInteger), p => Assert.True(r.SolutionExact![p.j].IsInteger));
        Assert.True(r.Nodes <= 2000, $"{r.Nodes} nodes (the search without cuts and warm starts needed 44,261)");
    }
    [Fact]
    public void A_search_stopped_at_its_node_limit_says_so_and_keeps_its_best_feasible_answer()
    {
        // The 50-binary case needs tens of nodes; at 3 it stops with the heuristics' answer, which must not read as optimal.
        var model = RandomLpInstances.FixedCharge(1, 2, 5, 9).Model;
        var r = LpSolver.Solve(model, new LpSolveOptions { MaxNodes = 3 });
        Assert.Equal(LpStatus.NodeLimit, r.Status);
        Assert.Equal("node_limit", r.StatusName);
        Assert.False(r.Certified);
        Assert.Contains("not proven optimal", r.CertificateFailure);
        var x = r.SolutionExact!;
        Assert.True(r.ObjectiveExact >= new Rational(7423, 5));
        Assert.Equal(model.Variables.Select((v, j) => v.Cost * x[j]).Aggregate(Rational.Zero, (a, b) => a + b), r.ObjectiveExact);
        foreach (var c in model.Constraints)
        {
            var lhs = c.Terms.Select(t => t.Coefficient * x[t.Variable]).Aggregate(Rational.Zero, (a, b) => a + b);
            Assert.True((c.Lower is not { } lo || lhs >= lo) && (c.Upper is not { } up || lhs <= up), c.Name);
        }
        Assert.All(model.Variables.Select((v, j) => (v, j)).Where(p => p.v.IsInteger), p => Assert.True(x[p.j].IsInteger));
    }
    [Fact]
    public void A_search_out_of_time_or_cancelled_stops_between_nodes_with_its_best_answer()
    {
        var model = RandomLpInstances.FixedCharge(1, 2, 5, 9).Model;
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        foreach (var options in new[] { new LpSolveOptions { TimeLimit = TimeSpan.Zero }, new LpSolveOptions { Cancellation = cancelled.Token } })
        {
            var r = LpSolver.Solve(model, options);
            Assert.Equal(LpStatus.TimeLimit, r.Status);
            Assert.Equal("time_limit", r.StatusName);
            Assert.True(r.StoppedEarly);
            Assert.False(r.Certified);
            Assert.Contains("time limit or cancellation", r.CertificateFailure);
            Assert.True(r.Nodes < 61, $"{r.Nodes} nodes: the whole search needs 61");
            Assert.True(r.ObjectiveExact >= new Rational(7423, 5)); // the root heuristics' answer, never better than the optimum
        }
        // Without a limit the same model is solved to its certified optimum.
        var full = LpSolver.Solve(model, new LpSolveOptions { TimeLimit = TimeSpan.FromMinutes(5) });
        Assert.Equal(LpStatus.Optimal, full.Status);
        Assert.Equal(new Rational(7423, 5), full.ObjectiveExact);
    }

    /// <summary>
    /// An integer program whose LP relaxation is unbounded: unbounded where it has an integer point (the point and the
    /// relaxation's ray certify it), infeasible where it has none (2x − 2y = 1 has no integer solution).
    /// </summary>
    [Theory]
    [InlineData("c1: x - y = 0", LpStatus.Unbounded)]
    [InlineData("c1: 2 x - 2 y = 1", LpStatus.Infeasible)]
    public void An_unbounded_relaxation_is_settled_by_looking_for_an_integer_point(string row, LpStatus expected)
    {
        var model = CplexLpReader.Read($"Minimize\n obj: - x\nSubject To\n {row}\nGeneral\n x\n y\nEnd\n", "t.lp");
        var r = LpSolver.Solve(model);
        Assert.Equal(expected, r.Status);
        Assert.True(r.Certified, r.CertificateFailure);
        if (expected == LpStatus.Unbounded)
        {
            var x = r.SolutionExact!;
            Assert.True(x.All(v => v.IsInteger));
            Assert.Equal(x[0], x[1]); // on the row x − y = 0
            var d = r.Ray!;
            Assert.Equal(d[0], d[1]); // along the row
            Assert.True(d[0] > Rational.Zero); // and improving: −x falls
        }
    }
}
