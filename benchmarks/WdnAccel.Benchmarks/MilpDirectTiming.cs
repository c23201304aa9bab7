using System.Diagnostics;
using WdnAccel.Core.Lp;
using WdnAccel.Core.Tests.Lp;

namespace WdnAccel.Benchmarks;

/// <summary>
/// Direct side-by-side timing (Stopwatch, same process, same instances) of our exact MILP solve against OR-Tools'
/// SCIP, for quick before/after comparisons where BenchmarkDotNet would take minutes:
/// `dotnet run -c Release --project benchmarks/WdnAccel.Benchmarks -- direct [repeats]`. Prints, per named case,
/// the median of the repeats for both sides, our node count and the ratio; without named cases, also the
/// cross-check tests' random instances (every shape, the seeds CI draws) in total for both sides.
/// </summary>
public static class MilpDirectTiming
{
    public static void Run(string[] args)
    {
        int repeats = args.Length > 1 && int.TryParse(args[1], out int r) ? r : 3;
        string[] cases = args.Length > 2 ? args[2..] : ["fixedcharge-20", "fixedcharge-50"];
        foreach (var name in cases)
        {
            LpModel model;
            try
            {
                model = OrToolsComparison.Checked(name);
            }
            catch (InvalidOperationException e)
            {
                Console.WriteLine($"{name}: NOT MATCHED: {e.Message}"); // the answers differ: nothing to time
                continue;
            }
            var ours = new List<double>();
            var theirs = new List<double>();
            LpResult last = null!;
            for (int k = 0; k < repeats; k++)
            {
                var clock = Stopwatch.StartNew();
                last = LpSolver.Solve(model, new LpSolveOptions { Exact = true });
                ours.Add(clock.Elapsed.TotalMilliseconds);
                clock.Restart();
                OrToolsComparison.SolveWithOrTools(model);
                theirs.Add(clock.Elapsed.TotalMilliseconds);
            }
            double o = Median(ours), t = Median(theirs);
            Console.WriteLine($"{name}: ours {o:F1} ms ({last.Nodes} nodes, {last.Iterations} iterations, {last.ExactPivots} exact pivots, certified {last.Certified}), " +
                $"OR-Tools {t:F1} ms, ratio {o / t:F1}");
        }
        if (args.Length > 2) return; // named cases only
        foreach (var shape in new[] { LpShape.Transportation, LpShape.FixedCharge, LpShape.General })
        {
            int count = shape switch { LpShape.Transportation => 90, LpShape.FixedCharge => 60, _ => 90 };
            double ours = 0, theirs = 0;
            int nodes = 0;
            for (int seed = 1; seed <= count; seed++)
            {
                var model = RandomLpInstances.Next(shape, seed).Model;
                var clock = Stopwatch.StartNew();
                var res = LpSolver.Solve(model, new LpSolveOptions { Exact = true });
                ours += clock.Elapsed.TotalMilliseconds;
                nodes += res.Nodes;
                clock.Restart();
                OrToolsReference.Solve(model);
                theirs += clock.Elapsed.TotalMilliseconds;
            }
            Console.WriteLine($"random {shape} ({count}): ours {ours:F0} ms ({nodes} nodes), OR-Tools {theirs:F0} ms, ratio {ours / theirs:F2}");
        }
    }

    private static double Median(List<double> v)
    {
        v.Sort();
        return v[v.Count / 2];
    }
}
