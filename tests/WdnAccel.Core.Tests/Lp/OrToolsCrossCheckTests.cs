using System.Diagnostics;
using System.Text;
using Google.OrTools.LinearSolver;
using WdnAccel.Core.Lp;
using Xunit.Abstractions;

namespace WdnAccel.Core.Tests.Lp;

/// <summary>
/// Our exact solver against Google OR-Tools (GLOP for LPs, SCIP for MILPs) on seeded random instances of the
/// allocation models' shapes (<see cref="RandomLpInstances"/>): the same status class (optimal, infeasible,
/// unbounded), objectives within 1e-6 relative, and every one of our answers certified. CI runs 240
/// instances in a few seconds; WDNACCEL_ORTOOLS_CASES=N runs N (split over the shapes in the same
/// proportions, seeds continuing past CI's).
/// </summary>
public sealed class OrToolsCrossCheckTests(ITestOutputHelper output)
{
    private const double RelativeTolerance = 1e-6;

    /// <summary>Instances per run: CI's default or WDNACCEL_ORTOOLS_CASES.</summary>
    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("WDNACCEL_ORTOOLS_CASES"), out int n) && n > 0 ? n : 240;

    [Fact]
    public void TransportationLpsAgreeWithGlop() => CrossCheck(LpShape.Transportation, Cases * 3 / 8);

    [Fact]
    public void FixedChargeMilpsAgreeWithScip() => CrossCheck(LpShape.FixedCharge, Cases / 4);

    [Fact]
    public void GeneralLpsAgreeWithGlop() => CrossCheck(LpShape.General, Cases - Cases * 3 / 8 - Cases / 4);

    [Fact]
    public void OrToolsSeesTheSameKnownOptimum()
    {
        // The harness itself: a hand-checked LP through both solvers. min 2x + 3y, x + y ≥ 4, x ≤ 3 → x = 3, y = 1, 9.
        var m = new LpModel();
        int x = m.AddVariable("x", 0, 3, 2);
        int y = m.AddVariable("y", 0, null, 3);
        m.AddConstraint("cover", [new LpTerm(x, 1), new LpTerm(y, 1)], LpRowSense.GreaterEqual, 4);
        var theirs = OrToolsReference.Solve(m);
        Assert.Equal(LpStatus.Optimal, theirs.Status);
        Assert.Equal(9.0, theirs.Objective, 1e-9);
        var ours = LpSolver.Solve(m, new LpSolveOptions { Exact = true });
        Assert.True(ours.Certified);
        Assert.Equal(new Rational(9), ours.ObjectiveExact);
        // An integer-infeasible MILP whose relaxation is feasible (2y = 1, y integer): both must say infeasible.
        var milp = new LpModel();
        int z = milp.AddVariable("z", 0, 5, 1, isInteger: true);
        milp.AddConstraint("half", [new LpTerm(z, 2)], LpRowSense.Equal, 1);
        Assert.Equal(LpStatus.Infeasible, OrToolsReference.Solve(milp).Status);
        var oursMilp = LpSolver.Solve(milp, new LpSolveOptions { Exact = true });
        Assert.Equal(LpStatus.Infeasible, oursMilp.Status);
        Assert.True(oursMilp.Certified);
    }

    private void CrossCheck(LpShape shape, int count)
    {
        var byStatus = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var byRaw = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var slowest = (Seed: 0, Ms: 0.0);
        var failures = new List<string>();
        int disambiguated = 0, maxVariables = 0, nodes = 0;
        double worstRelative = 0;
        TimeSpan oursTime = TimeSpan.Zero, theirsTime = TimeSpan.Zero;
        for (int seed = 1; seed <= count; seed++)
        {
            var instance = RandomLpInstances.Next(shape, seed);
            maxVariables = Math.Max(maxVariables, instance.Model.Variables.Count);
            var clock = Stopwatch.StartNew();
            var ours = LpSolver.Solve(instance.Model, new LpSolveOptions { Exact = true });
            oursTime += clock.Elapsed;
            if (clock.Elapsed.TotalMilliseconds > slowest.Ms) slowest = (seed, clock.Elapsed.TotalMilliseconds);
            nodes += ours.Nodes;
            clock.Restart();
            var theirs = OrToolsReference.Solve(instance.Model);
            theirsTime += clock.Elapsed;
            if (theirs.Disambiguated) disambiguated++;
            byRaw[theirs.Raw.ToString()] = byRaw.GetValueOrDefault(theirs.Raw.ToString()) + 1;
            string key = $"{StatusName(ours.Status)}";
            byStatus[key] = byStatus.GetValueOrDefault(key) + 1;

            string? problem = Compare(ours, theirs, out double relative);
            worstRelative = Math.Max(worstRelative, relative);
            if (problem is not null) failures.Add($"{instance}: {problem}");
        }
        output.WriteLine($"{shape}: {count} instances (up to {maxVariables} variables) checked against OR-Tools {OrToolsReference.EngineFor(RandomLpInstances.Next(shape, 1).Model)}");
        output.WriteLine($"  by status: {string.Join(", ", byStatus.Select(kv => $"{kv.Key} {kv.Value}"))}");
        output.WriteLine($"  OR-Tools raw statuses: {string.Join(", ", byRaw.Select(kv => $"{kv.Key} {kv.Value}"))}");
        output.WriteLine($"  OR-Tools verdicts sorted by a zero-objective feasibility solve: {disambiguated}; worst relative objective gap {worstRelative:E2}");
        output.WriteLine($"  time: ours (exact, certified) {oursTime.TotalMilliseconds:F0} ms{(nodes > 0 ? $" ({nodes} B&B nodes)" : "")}, OR-Tools {theirsTime.TotalMilliseconds:F0} ms; our slowest: seed {slowest.Seed}, {slowest.Ms:F0} ms");
        foreach (var f in failures) output.WriteLine("  DISAGREEMENT " + f);
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} {shape} instances disagree:\n" + string.Join("\n", failures));
        // The generator must keep producing every class it is meant to (a silent drift to all-optimal would weaken the check).
        Assert.True(byStatus.GetValueOrDefault("optimal") >= count / 3, $"too few optimal {shape} instances: {byStatus.GetValueOrDefault("optimal")}");
        if (count >= 40)
        {
            Assert.True(byStatus.GetValueOrDefault("infeasible") > 0, $"no infeasible {shape} instance in {count}");
            if (shape != LpShape.FixedCharge) Assert.True(byStatus.GetValueOrDefault("unbounded") > 0, $"no unbounded {shape} instance in {count}");
        }
    }

    /// <summary>Why the two answers disagree, or null; <paramref name="relative"/> is the objective gap when both are optimal.</summary>
    private static string? Compare(LpResult ours, OrToolsReference.Answer theirs, out double relative)
    {
        relative = 0;
        if (ours.Status != theirs.Status)
            return $"status: ours {StatusName(ours.Status)} (certified {ours.Certified}), OR-Tools {StatusName(theirs.Status)} (raw {theirs.Raw})";
        if (!ours.Certified) return $"ours is {StatusName(ours.Status)} but not certified: {ours.CertificateFailure}";
        if (ours.Status != LpStatus.Optimal) return null;
        if (ours.ObjectiveExact is not { } exact) return "ours is optimal without an exact objective";
        double mine = exact.ToDouble();
        if (Math.Abs(mine - ours.ObjectiveValue) > RelativeTolerance * Math.Max(1, Math.Abs(mine)))
            return $"our floating objective {ours.ObjectiveValue:R} differs from our exact {exact}";
        relative = Math.Abs(mine - theirs.Objective) / Math.Max(1, Math.Max(Math.Abs(mine), Math.Abs(theirs.Objective)));
        return relative <= RelativeTolerance ? null : $"objective: ours {exact} = {mine:R}, OR-Tools {theirs.Objective:R} (relative gap {relative:E2})";
    }

    private static string StatusName(LpStatus s) => s switch
    {
        LpStatus.Optimal => "optimal",
        LpStatus.Infeasible => "infeasible",
        LpStatus.Unbounded => "unbounded",
        _ => "not solved",
    };
}
