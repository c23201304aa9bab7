using System.Diagnostics;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Problems;

/// <summary>
/// Native EPANET on the random designs of <see cref="RandomDesignThroughput"/> (`simulate --random-designs N --epanet
/// LIB`): the first M designs of the same seed, solved through the EPANET 2.2 toolkit one snapshot at a time, on one
/// thread and on one project per thread, and their heads against ours. Per design: EN_setlinkvalue for the decision
/// pipes, EN_initH(EN_INITFLOW) so that every design starts from EPANET's own initial flows as a fresh run would (and as
/// our lanes do), EN_runH, and EN_getnodevalue(EN_HEAD) of every node: the part timed. Opening projects is not timed.
/// </summary>
public static class EpanetComparison
{
    /// <summary>
    /// EPANET's side of the comparison. <see cref="MaxHeadDifference"/> (m) is over the designs both solved
    /// (<see cref="DesignsCompared"/>), NaN when there were none; <see cref="MaxRelativeHeadDifference"/> is each such
    /// design's largest difference over its largest |head| (at least 1 m), at most; <see cref="DesignsFailed"/> counts designs EN_runH
    /// reported unbalanced (warning 1) or unsolvable (error 110).
    /// </summary>
    public sealed record Outcome(string Library, string Version, int Designs, double Seconds, double SecondsAllCores, int Threads,
        double MaxHeadDifference, int DesignsCompared, int DesignsFailed, FlowUnits FlowUnits, double MaxRelativeHeadDifference)
    {
        public double SolvesPerSecond => Seconds > 0 ? Designs / Seconds : 0;
        public double SolvesPerSecondAllCores => SecondsAllCores > 0 ? Designs / SecondsAllCores : 0;
    }

    /// <summary>Designs EPANET solves by default: all of them up to 20,000.</summary>
    public const int DefaultDesigns = 20000;

    /// <summary>
    /// Why EPANET would not solve the same snapshot as ours for <paramref name="network"/>, or null: an .inp holds one
    /// set of demands, so a scenario with its own demand cases (other than one plain base case) cannot be compared.
    /// </summary>
    public static string? NotComparable(Network network)
    {
        var cases = network.DemandCases;
        if (cases.Count == 0 || cases is [{ Multiplier: 1.0, JunctionDemands: null or { Count: 0 } }]) return null;
        return $"the scenario has {cases.Count} demand case(s) of its own; an .inp holds one set of demands, so EPANET cannot solve the same cases";
    }

    /// <summary>
    /// Solves the first <paramref name="designs"/> random designs of <paramref name="seed"/> with EPANET from
    /// <paramref name="inpPath"/> (the same network as <paramref name="net"/>) and with <paramref name="backend"/>
    /// (untimed, <paramref name="batchDesigns"/> at a time) for the head comparison; then again with EPANET on
    /// <paramref name="threads"/> threads, one project each, when that is more than one.
    /// </summary>
    public static Outcome Run(EpanetToolkit toolkit, string inpPath, CompiledNetwork net, DesignSpec design, int designs, int seed,
        int threads, IComputeBackend backend, int batchDesigns, Action<int>? progress = null)
    {
        if (net.CaseNames.Length != 1)
            throw new Io.InvalidInputException($"EPANET solves one set of demands; this network has {net.CaseNames.Length} demand cases", field: "--epanet");
        int d = net.DecisionPipes.Length;
        using var main = Worker.Open(toolkit, inpPath, net, design);
        using var problem = new PipeSizingProblem(net, design, backend);
        var genomes = new int[(long)designs * d];
        // The first designs `simulate --random-designs` draws from the same seed.
        RandomDesignDraw.Draw(seed, 0, designs, Enumerable.Range(0, d).Select(problem.Options).ToArray(), genomes);
        int chunk = Math.Max(1, Math.Min(batchDesigns, designs));
        var results = new Evaluation[chunk];
        var violation = new double[chunk];
        var margin = new double[chunk];
        long ticks = 0;
        int failed = 0, compared = 0;
        double maxDiff = 0, maxRelative = 0;
        for (int done = 0; done < designs; done += chunk)
        {
            int count = Math.Min(chunk, designs - done);
            var ours = problem.EvaluateSolved(genomes.AsSpan(done * d, count * d), count, results, violation, margin);
            for (int g = 0; g < count; g++)
            {
                long t0 = Stopwatch.GetTimestamp();
                bool solved = main.Solve(genomes.AsSpan((done + g) * d, d));
                ticks += Stopwatch.GetTimestamp() - t0;
                if (!solved) { failed++; continue; }
                if (ours.Status[g] != LaneStatus.Converged) continue;
                compared++;
                // Absurd random designs (25 mm mains) give heads of -10⁶ m and more, where both solvers' flow tolerance
                // (0.1 % relative change) leaves differences of metres: the relative figure divides the design's
                // largest difference by its largest |head| (at least 1 m).
                double designDiff = 0, scale = 1;
                for (int node = 0; node < main.Heads.Length; node++)
                {
                    double ourHead = ours.Head[node * ours.Count + g];
                    double diff = Math.Abs(EpanetUnits.HeadToMeters(main.Heads[node], main.FlowUnits) - ourHead);
                    if (double.IsNaN(diff) || diff > designDiff) designDiff = diff; // once NaN, stays NaN in the report
                    scale = Math.Max(scale, Math.Abs(ourHead));
                }
                if (double.IsNaN(designDiff) || designDiff > maxDiff) maxDiff = designDiff;
                double relative = designDiff / scale;
                if (double.IsNaN(relative) || relative > maxRelative) maxRelative = relative;
            }
            progress?.Invoke(done + count);
        }
        double seconds = (double)ticks / Stopwatch.Frequency;
        double secondsAll = threads > 1 ? AllCores(toolkit, inpPath, net, design, genomes, designs, threads, main) : seconds;
        return new Outcome(toolkit.Path, toolkit.VersionText, designs, seconds, secondsAll, Math.Max(1, threads),
            compared > 0 ? maxDiff : double.NaN, compared, failed, main.FlowUnits, compared > 0 ? maxRelative : double.NaN);
    }

    /// <summary>Wall time of every design on <paramref name="threads"/> threads, one project each, contiguous shares.</summary>
    private static double AllCores(EpanetToolkit toolkit, string inpPath, CompiledNetwork net, DesignSpec design, int[] genomes, int designs, int threads, Worker first)
    {
        int d = net.DecisionPipes.Length;
        var workers = new Worker[threads];
        workers[0] = first;
        try
        {
            for (int t = 1; t < threads; t++) workers[t] = Worker.Open(toolkit, inpPath, net, design);
            using var start = new Barrier(threads + 1);
            var errors = new Exception?[threads];
            var pool = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    for (long g = (long)designs * t / threads, end = (long)designs * (t + 1) / threads; g < end; g++)
                        workers[t].Solve(genomes.AsSpan((int)g * d, d));
                }
                catch (Exception e) { errors[t] = e; }
            }) { IsBackground = true, Name = $"epanet-{t}" }).ToArray();
            foreach (var thread in pool) thread.Start();
            start.SignalAndWait();
            var sw = Stopwatch.StartNew();
            foreach (var thread in pool) thread.Join();
            double seconds = sw.Elapsed.TotalSeconds;
            if (errors.FirstOrDefault(e => e is not null) is { } error) throw error;
            return seconds;
        }
        finally
        {
            for (int t = 1; t < threads; t++) workers[t]?.Dispose();
        }
    }

    /// <summary>One project with the decision pipes and nodes looked up, solving designs one after another.</summary>
    private sealed class Worker : IDisposable
    {
        private readonly EpanetProject _project;
        private readonly EpanetDesignValues _values;
        private readonly int[] _links, _nodes;
        private readonly double[] _initialStatus;
        private readonly EpanetDesignValues.Setting[] _settings;

        /// <summary>Heads of every node of the network in EPANET's units after the last <see cref="Solve"/>, in our node order.</summary>
        public double[] Heads { get; }
        public FlowUnits FlowUnits => _project.FlowUnits;

        private Worker(EpanetProject project, CompiledNetwork net, DesignSpec design)
        {
            _project = project;
            _values = new EpanetDesignValues(design.Catalog, project.FlowUnits, net.HeadLoss);
            _links = net.DecisionPipes.Select(p => project.LinkIndex(net.LinkIds[p])).ToArray();
            _nodes = net.NodeIds.Select(project.NodeIndex).ToArray();
            _initialStatus = _links.Select(l => project.LinkValue(l, EpanetCodes.InitStatus)).ToArray();
            _settings = new EpanetDesignValues.Setting[EpanetDesignValues.MaxSettings(_links.Length)];
            Heads = new double[_nodes.Length];
        }

        public static Worker Open(EpanetToolkit toolkit, string inpPath, CompiledNetwork net, DesignSpec design)
        {
            var project = EpanetProject.Open(toolkit, inpPath);
            try
            {
                return new Worker(project, net, design);
            }
            catch
            {
                project.Dispose();
                throw;
            }
        }

        /// <summary>Solves one genome; false when EPANET could not (unbalanced or a singular system), heads read otherwise.</summary>
        public bool Solve(ReadOnlySpan<int> genome)
        {
            int n = _values.Settings(genome, _initialStatus, _settings);
            for (int i = 0; i < n; i++) _project.SetLinkValue(_links[_settings[i].Link], _settings[i].Property, _settings[i].Value);
            int code = _project.Solve(EpanetCodes.InitFlow);
            if (code is EpanetCodes.Unbalanced or EpanetCodes.CannotSolveHydraulics) return false;
            for (int i = 0; i < _nodes.Length; i++) Heads[i] = _project.NodeValue(_nodes[i], EpanetCodes.Head);
            return true;
        }

        public void Dispose() => _project.Dispose();
    }
}
