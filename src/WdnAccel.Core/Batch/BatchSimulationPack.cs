using System.Diagnostics;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Core.Batch;

/// <summary>
/// Simulate jobs waiting to be solved together. Jobs whose networks differ only in per-lane inputs (pipe diameters,
/// roughness, demands, fixed heads: <see cref="NetworkStructure.Same"/>) — design variants or demand multipliers of one
/// network — share one <see cref="HydraulicBatch"/>, one lane each, so a single backend call keeps SIMD lanes or a GPU
/// busy instead of solving one lane per call. The GGA masks converged lanes, so a lane's result does not depend on its
/// companions: a job's record is the same (timings aside) whether it was packed with 1,000 others or ran alone, which
/// keeps shards, resumes and unsharded runs identical.
/// </summary>
public sealed class BatchSimulationPack(BatchSettings settings, IComputeBackend backend)
{
    /// <summary>Jobs held before a flush: bounds the memory of the jobs in flight and what a kill loses.</summary>
    public const int MaxJobs = 1024;

    /// <summary>Nodes + links held before a flush (about 300 bytes each with the scenario), whatever the job count.</summary>
    public const long MaxElements = 1 << 19;

    private sealed record Entry(BatchJob Job, CompiledNetwork? Network, BatchRecord? Failure, double Seconds, bool DesignScenario);

    private readonly List<Entry> _entries = [];
    private long _elements;

    public int Count => _entries.Count;

    /// <summary>Backend calls made so far: one per network structure per flush.</summary>
    public int Batches { get; private set; }

    /// <summary>True when the next <see cref="Add"/> should wait for a <see cref="Flush"/>.</summary>
    public bool IsFull => _entries.Count >= MaxJobs || _elements >= MaxElements;

    /// <summary>Loads and compiles the job's network now (a broken one becomes its `failed` record); solving waits for <see cref="Flush"/>.</summary>
    public void Add(BatchJob job)
    {
        var sw = Stopwatch.StartNew();
        CompiledNetwork? network = null;
        bool designScenario = false;
        var failure = BatchJobRunner.Guarded(job, () =>
        {
            var scenario = BatchJobRunner.Load(job);
            designScenario = scenario.Design is not null;
            // Networks that run through time (or have valves) take the extended-period engine, one job at a time.
            if (scenario.Network.NeedsExtendedEngine) return BatchJobRunner.ExtendedPeriodRecord(job, scenario);
            network = CompiledNetwork.Compile(scenario.Network, null, job.File);
            return null;
        });
        _entries.Add(new Entry(job, network, failure, sw.Elapsed.TotalSeconds, designScenario));
        if (network is not null) _elements += network.NodeCount + network.LinkCount;
    }

    /// <summary>Solves the held jobs, one batch per network structure, and returns their records in the order they were added.</summary>
    public List<BatchRecord> Flush()
    {
        var records = new BatchRecord?[_entries.Count];
        var seconds = _entries.Select(e => e.Seconds).ToArray();
        var groups = new Dictionary<int, List<List<int>>>();
        for (int i = 0; i < _entries.Count; i++)
        {
            if (_entries[i].Network is not { } net)
            {
                records[i] = _entries[i].Failure;
                continue;
            }
            int hash = NetworkStructure.Hash(net);
            if (!groups.TryGetValue(hash, out var candidates)) groups[hash] = candidates = [];
            var group = candidates.FirstOrDefault(g => NetworkStructure.Same(_entries[g[0]].Network!, net));
            if (group is null) candidates.Add(group = []);
            group.Add(i);
        }
        foreach (var group in groups.Values.SelectMany(g => g)) Solve(group, records, seconds);
        var finished = new List<BatchRecord>(_entries.Count);
        for (int i = 0; i < _entries.Count; i++)
            finished.Add(BatchJobRunner.Finish(records[i]!, _entries[i].Job, settings, backend, seconds[i]));
        _entries.Clear();
        _elements = 0;
        return finished;
    }

    private void Solve(List<int> group, BatchRecord?[] records, double[] seconds)
    {
        var sw = Stopwatch.StartNew();
        Batches++;
        var first = _entries[group[0]].Network!;
        var batch = new HydraulicBatch(first, group.Count);
        for (int lane = 1; lane < group.Count; lane++) batch.SetLaneInputs(lane, _entries[group[lane]].Network!);
        var failure = BatchJobRunner.Guarded(_entries[group[0]].Job, () =>
        {
            backend.SolveHydraulics(batch);
            return null;
        });
        for (int lane = 0; lane < group.Count; lane++)
        {
            var job = _entries[group[lane]].Job;
            records[group[lane]] = failure is null ? BatchJobRunner.SimulateRecord(job, batch, lane, _entries[group[lane]].DesignScenario)
                : new BatchRecord(job.Id, "failed").Add("error", failure["error"]!.AsString());
        }
        double share = sw.Elapsed.TotalSeconds / group.Count;
        foreach (int i in group) seconds[i] += share;
    }
}
