using System.Diagnostics;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Problems;

/// <summary>Hydraulic throughput on random catalog designs (`simulate --random-designs`): solves per second and the feasible share.</summary>
public static class RandomDesignThroughput
{
    /// <summary>Outcome of a random-design run.</summary>
    public sealed record Outcome(long Solves, double Seconds, long Designs, long Feasible, long Failed);

    /// <summary>
    /// Solves <paramref name="designs"/> uniformly random catalog designs × every demand case through
    /// <see cref="PipeSizingProblem"/> (the same path `optimize` takes), <paramref name="batchDesigns"/> designs per
    /// backend call. Feasible: every case converged and meets the pressure, head and velocity limits; failed: a
    /// design with a singular or non-converged case.
    /// On a backend that splits batches over host threads, each thread instead runs the whole pipeline — draw, load
    /// lanes, solve, check limits, cost — on batches of its own, taken from a shared counter: no serial step between solves and no
    /// wait for the other thread's last block. Design i is drawn from its own stream (<see cref="DrawDesign"/>), so the
    /// counts do not depend on threads or batch size.
    /// On a device backend whose session draws designs itself (<see cref="IRandomDesignSession"/>), when the limits do
    /// not depend on the demand case, the designs skip <see cref="PipeSizingProblem"/>: they are drawn, solved and
    /// checked on the device (<see cref="RunDrawnOnDevice"/>), with the same designs and the same counts.
    /// <paramref name="progress"/> receives the number of designs solved so far after every batch (from the thread that
    /// solved it, so possibly out of order), the last report <paramref name="designs"/>.
    /// </summary>
    public static Outcome Run(CompiledNetwork net, DesignSpec design, int designs, int seed, int batchDesigns, IComputeBackend backend, IProgress<int>? progress = null)
    {
        int perCall = Math.Clamp(batchDesigns, 1, Math.Max(1, designs));
        int calls = (int)(((long)designs + perCall - 1) / perCall);
        if (!backend.RunsOnHost && designs > 0 && new DesignFeasibility(net, design) is { CaseIndependent: true } limits)
        {
            var clock = Stopwatch.StartNew();
            using var session = backend.OpenHydraulicSession(net, perCall * net.CaseNames.Length);
            if (session is IRandomDesignSession drawing) return RunDrawnOnDevice(drawing, design, designs, seed, perCall, limits, clock, progress);
        }
        int workers = Math.Max(1, backend.HostThreads);
        workers = Math.Clamp(calls, 1, workers);
        var solver = workers > 1 ? backend.OnOneThread() : backend;
        long solves = 0, feasible = 0, failed = 0, nextCall = -1, done = 0;
        var sw = Stopwatch.StartNew();
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ =>
        {
            using var problem = new PipeSizingProblem(net, design, solver);
            int d = problem.Dimensions;
            var options = Enumerable.Range(0, d).Select(problem.Options).ToArray();
            var genomes = new int[perCall * d];
            var results = new Evaluation[perCall];
            long myFeasible = 0, myFailed = 0;
            for (long call = Interlocked.Increment(ref nextCall); call < calls; call = Interlocked.Increment(ref nextCall))
            {
                long first = call * perCall;
                int count = (int)Math.Min(perCall, designs - first);
                RandomDesignDraw.Draw(seed, first, count, options, genomes.AsSpan(0, count * d));
                problem.Evaluate(genomes, count, results);
                for (int c = 0; c < count; c++)
                {
                    if (!results[c].Valid) myFailed++;
                    else if (results[c].Feasible) myFeasible++;
                }
                progress?.Report((int)Interlocked.Add(ref done, count));
            }
            Interlocked.Add(ref solves, problem.Solves);
            Interlocked.Add(ref feasible, myFeasible);
            Interlocked.Add(ref failed, myFailed);
        });
        return new Outcome(solves, sw.Elapsed.TotalSeconds, designs, feasible, failed);
    }

    /// <summary>
    /// The GPU pipeline: the session draws each call's designs on the device (<see cref="IRandomDesignSession"/>), so
    /// only the limits kernel's margins and violations come back; same designs, same counting as the host pipeline,
    /// timed from the session's opening (kernel compilation included), as the host pipeline's clock includes its own.
    /// </summary>
    private static Outcome RunDrawnOnDevice(IRandomDesignSession session, DesignSpec design, int designs, int seed, int perCall, DesignFeasibility limits, Stopwatch sw, IProgress<int>? progress)
    {
        var net = session.Network;
        int cases = net.CaseNames.Length;
        var lanes = RandomDesignCatalog.Lanes(net, session.Lanes / cases, cases);
        session.LoadRandomDesignLanes(lanes, cases, RandomDesignCatalog.Of(net, design), limits);
        var margin = new double[lanes.Count];
        var violation = new double[lanes.Count];
        long feasible = 0, failed = 0;
        for (long first = 0; first < designs; first += perCall)
        {
            int count = (int)Math.Min(perCall, designs - first);
            session.SolveRandomDesigns(seed, first, count, margin, violation);
            for (int g = 0; g < count; g++)
            {
                double v = PipeSizingProblem.DesignViolation(violation, g, cases);
                if (!double.IsFinite(v)) failed++;
                else if (v == 0) feasible++;
            }
            progress?.Report((int)(first + count));
        }
        return new Outcome((long)designs * cases, sw.Elapsed.TotalSeconds, designs, feasible, failed);
    }

    /// <summary>
    /// Random design number <paramref name="index"/> of <paramref name="seed"/> into <paramref name="genome"/>: each
    /// decision uniform over its <paramref name="options"/>, drawn from a stream of that design alone
    /// (<see cref="RandomDesignStream"/>), so any caller, thread, batch or device gets the same design i.
    /// </summary>
    public static void DrawDesign(int seed, long index, int[] options, Span<int> genome)
    {
        var stream = new RandomDesignStream(seed, index);
        for (int j = 0; j < options.Length; j++) genome[j] = stream.NextInt(options[j]);
    }
}
