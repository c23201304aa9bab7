using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Graphs;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Msgpack;
using WdnAccel.Core.Lp;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Problems;

namespace WdnAccel.Core.Batch;

/// <summary>
/// Runs one batch job through the same Core services as the verb of its kind and turns the outcome into a
/// <see cref="BatchRecord"/>: `ok`, `infeasible` (the model has no answer: an infeasible LP, no feasible design, a
/// negative cycle, a hydraulic solve that did not converge) or `failed` (bad input, with the message naming file and
/// field). A job never stops the batch.
/// </summary>
public static class BatchJobRunner
{
    public static BatchRecord Run(BatchJob job, BatchSettings settings, IComputeBackend backend)
    {
        if (job.Kind == BatchJobKind.Simulate)
        {
            var pack = new BatchSimulationPack(settings, backend);
            pack.Add(job);
            return pack.Flush()[0];
        }
        var sw = Stopwatch.StartNew();
        var record = Guarded(job, BatchRecord? () => job.Kind switch
        {
            BatchJobKind.Optimize => Optimize(job, settings, BatchSeeds.For(settings.Seed, job.Id), backend),
            BatchJobKind.Allocate => Allocate(job, settings, BatchSeeds.For(settings.Seed, job.Id), backend),
            BatchJobKind.Lp => Lp(job),
            _ => Paths(job, backend),
        })!;
        // A failed optimize job still names the algorithm it was given, so that its summary variant is its siblings'.
        if (job.Kind == BatchJobKind.Optimize && record.Status == "failed" && record["algorithm"] is null && settings.Algorithm is { } algorithm)
            record = new BatchRecord(job.Id, "failed").Add("algorithm", algorithm).Add("error", record["error"] ?? MessagePackValue.Nil);
        return Finish(record, job, settings, backend, sw.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Runs <paramref name="work"/> and returns what it returns; bad input or an unreadable file becomes a `failed`
    /// record instead, and the batch goes on.
    /// </summary>
    internal static BatchRecord? Guarded(BatchJob job, Func<BatchRecord?> work)
    {
        try
        {
            return work();
        }
        catch (InvalidInputException e)
        {
            return new BatchRecord(job.Id, "failed").Add("error", e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new BatchRecord(job.Id, "failed").Add("error", $"{job.File}: {e.Message}");
        }
    }

    /// <summary>Appends what every record carries after the job's figures: where it came from and what produced it.</summary>
    internal static BatchRecord Finish(BatchRecord record, BatchJob job, BatchSettings settings, IComputeBackend backend, double seconds) =>
        record.Add("index", job.Index)
            .Add("kind", job.Kind.ToString().ToLowerInvariant())
            .Add("file", Path.GetFileName(job.File))
            .Add("input_sha256", InputHash(job))
            .Add("seed", BatchSeeds.For(settings.Seed, job.Id))
            .Add("backend", backend.Name)
            .Add("version", ProductVersion.Text)
            .Add("seconds", seconds);

    /// <summary>SHA-256 of the job's input: the file, or a stream scenario's own MessagePack encoding.</summary>
    private static string InputHash(BatchJob job)
    {
        try
        {
            if (job.Scenario is { } scenario)
            {
                return Convert.ToHexStringLower(SHA256.HashData(Io.Scenarios.ScenarioCodec.WriteWdn(scenario)));
            }
            using var stream = File.OpenRead(job.File);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    internal static Model.Scenario Load(BatchJob job) => job.Scenario ?? ScenarioFile.Load(job.File).Scenario;

    /// <summary>The record of a simulate job solved in lane <paramref name="lane"/>: a snapshot, demand case 0 (as `simulate FILE`).</summary>
    internal static BatchRecord SimulateRecord(BatchJob job, HydraulicBatch batch, int lane, bool designScenario)
    {
        var result = SnapshotResult.FromLane(batch, lane);
        var lowest = result.Nodes.Where(n => !n.FixedHead).MinBy(n => n.Pressure);
        return new BatchRecord(job.Id, result.Converged ? "ok" : "infeasible")
            .Add("case", batch.Network.CaseNames[0])
            .Add("converged", result.Converged)
            .Add("solver_status", result.StatusName)
            .Add("iterations", result.Iterations)
            .Add("relative_error", result.RelativeError)
            .Add("head_loss", batch.Network.HeadLoss.InpKeyword())
            .Add("omega", result.Omega)
            .Add("reynolds_viscosity", result.ReynoldsViscosity)
            .Add("min_pressure", lowest?.Pressure ?? double.NaN)
            .Add("min_pressure_node", lowest?.Id ?? "")
            .Add("total_demand", result.Nodes.Where(n => !n.FixedHead).Sum(n => n.Demand))
            .Add("warnings", MessagePackValue.FromArray(SnapshotWarnings.Of(batch.Network, batch, lane, result, designScenario)
                .Select(Warning).ToArray()));
    }

    /// <summary>
    /// The record of a simulate job on a network that runs through time (as `simulate FILE`): the lowest pressure of a
    /// connected junction over every report step and when, pump energy and cost, tank levels at the end, the quality
    /// range where the network simulates quality, and the run's warnings.
    /// </summary>
    internal static BatchRecord ExtendedPeriodRecord(BatchJob job, Model.Scenario scenario)
    {
        var run = Hydraulics.Eps.ExtendedPeriodSimulation.Run(scenario.Network, job.File);
        var net = run.Network;
        double lowest = double.PositiveInfinity, lowestTime = double.NaN;
        string lowestNode = "";
        double qMin = double.PositiveInfinity, qMax = double.NegativeInfinity;
        foreach (var step in run.Steps)
        {
            for (int j = 0; j < net.JunctionCount; j++)
            {
                if (step.Pressure[j] < lowest && step.Pressure[j] > -1e6) { lowest = step.Pressure[j]; lowestNode = net.NodeIds[j]; lowestTime = step.Time; }
                if (step.NodeQuality is { } q) { qMin = Math.Min(qMin, q[j]); qMax = Math.Max(qMax, q[j]); }
            }
        }
        bool converged = run.Warnings.All(w => Hydraulics.Eps.ExtendedPeriodSimulation.WarningCode(w) != "not_converged");
        var record = new BatchRecord(job.Id, converged ? "ok" : "infeasible")
            .Add("engine", "extended period")
            .Add("converged", converged)
            .Add("duration", net.Times.Duration)
            .Add("report_steps", run.Steps.Count)
            .Add("hydraulic_periods", run.Periods.Count)
            .Add("total_trials", run.TotalTrials)
            .Add("min_pressure", lowest)
            .Add("min_pressure_node", lowestNode)
            .Add("min_pressure_time", lowestTime)
            .Add("energy_kwh", run.Energy.KilowattHours.Sum())
            .Add("energy_cost", run.Energy.Cost.Sum())
            .Add("head_loss", net.Options.HeadLoss.InpKeyword())
            .Add("omega", net.Options.Omega);
        if (run.Steps.Count > 0 && net.TankCount > 0)
        {
            record.Add("final_tank_levels", MessagePackValue.FromArray(run.Steps[^1].TankLevel.Select(MessagePackValue.FromDouble).ToArray()));
        }
        if (qMin <= qMax) record.Add("min_quality", qMin).Add("max_quality", qMax);
        return record.Add("warnings", MessagePackValue.FromArray(run.Warnings.Select(w => Warning(new JsonWarning(Hydraulics.Eps.ExtendedPeriodSimulation.WarningCode(w), w, job.File))).ToArray()));
    }

    /// <summary>A warning as the verbs' JSON gives it: {code, message, where}.</summary>
    private static MessagePackValue Warning(JsonWarning w) => MessagePackValue.FromMap(
    [
        new(MessagePackValue.FromString("code"), MessagePackValue.FromString(w.Code)),
        new(MessagePackValue.FromString("message"), MessagePackValue.FromString(w.Message)),
        new(MessagePackValue.FromString("where"), w.Where is { } where ? MessagePackValue.FromString(where) : MessagePackValue.Nil),
    ]);

    /// <summary>Least-cost pipe sizing of a design scenario (as `optimize FILE --no-refine`), with the job's seed.</summary>
    private static BatchRecord Optimize(BatchJob job, BatchSettings settings, int seed, IComputeBackend backend)
    {
        var scenario = Load(job);
        var network = PipeSizingRun.Compile(scenario, job.File);
        string algorithm = (settings.Algorithm ?? scenario.Solver?.Algorithm ?? "de").ToLowerInvariant();
        var optimizer = new OptimizerSettings
        {
            Seed = (ulong)seed,
            MaxEvaluations = settings.Evaluations ?? scenario.Solver?.Evaluations ?? 20_000,
            Parameters = scenario.Solver?.ParametersFor(algorithm) ?? new Dictionary<string, double>(),
        };
        var outcome = PipeSizingRun.Execute(network, scenario.Design!, backend, algorithm, optimizer);
        var r = outcome.Result;
        var record = new BatchRecord(job.Id, r.FoundFeasible ? "ok" : "infeasible")
            .Add("algorithm", algorithm)
            .Add("evaluations", r.Evaluations)
            .Add("evaluations_budget", optimizer.MaxEvaluations) // with cache_hits: a run the cache ended early is told from a cut one
            .Add("cache_hits", r.CacheHits)
            .Add("evaluations_to_best", r.EvaluationsToBest)
            .Add("best_cost", r.FoundFeasible ? r.Best.Cost : double.NaN) // as `optimize --json`: null without a feasible design
            .Add("feasible", r.FoundFeasible)
            .Add("cost_unit", scenario.Design!.CostUnit)
            .Add("min_pressure_margin", outcome.MinPressureMargin)
            .Add("violation", outcome.Violation)
            .Add("head_loss", network.HeadLoss.InpKeyword())
            .Add("omega", network.Omega)
            .Add("accuracy", scenario.Network.Options.Accuracy)
            .Add("max_trials", scenario.Network.Options.MaxTrials)
            .Add("hydraulic_solves", outcome.Solves)
            .Add("stop_reason", r.StopReason.ToString())
            .Add("evaluations_per_second", r.WallTime.TotalSeconds > 0 ? r.Evaluations / r.WallTime.TotalSeconds : 0);
        // null where the scenario states none, and for a planned variant with scaled demands (a stream planned by an
        // older version still carries the unscaled scenario's cost).
        double? known = BatchPlan.DemandOf(job.Id) is { } m && m != 1.0 ? null : scenario.Design!.BestKnownCost;
        record.Add("best_known_cost", known is { } k ? MessagePackValue.FromDouble(k) : MessagePackValue.Nil);
        var design = outcome.Design.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new KeyValuePair<Io.Msgpack.MessagePackValue, Io.Msgpack.MessagePackValue>(
                Io.Msgpack.MessagePackValue.FromString(p.Key), Io.Msgpack.MessagePackValue.FromDouble(p.Value)))
            .ToList();
        var parameters = r.Settings.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new KeyValuePair<Io.Msgpack.MessagePackValue, Io.Msgpack.MessagePackValue>(
                Io.Msgpack.MessagePackValue.FromString(p.Key), Io.Msgpack.MessagePackValue.FromDouble(p.Value)))
            .ToList();
        return record.Add("parameters", Io.Msgpack.MessagePackValue.FromMap(parameters))
            .Add("design", Io.Msgpack.MessagePackValue.FromMap(design));
    }

    /// <summary>
    /// The source → plant → zone allocation LP of a scenario's supply block, certified; or the Lishui multi-source
    /// model of its graph_allocation block, optimized with the job's seed and its exact bound (as `allocate`).
    /// </summary>
    private static BatchRecord Allocate(BatchJob job, BatchSettings settings, int seed, IComputeBackend backend)
    {
        var scenario = Load(job);
        if (scenario.Supply is null && scenario.GraphAllocation is { } graph)
        {
            var model = MultiSourceModel.Compile(graph, backend, job.File);
            // The job's algorithm and budget as an optimize job takes them: the options, else the scenario's solver
            // block (where a manifest's variants put theirs), else the Lishui case's GA-COA-SA.
            string algorithm = (settings.Algorithm ?? scenario.Solver?.Algorithm ?? "gacoasa").ToLowerInvariant();
            var result = MultiSourceOptimization.Run(model, algorithm, (ulong)seed, settings.Evaluations ?? scenario.Solver?.Evaluations ?? 20_000);
            var cost = result.Cost;
            string[] terms = ["F1", "F2", "F3", "F4", "F5", "F6"];
            var breakdown = terms.Select((t, k) => new KeyValuePair<MessagePackValue, MessagePackValue>(
                MessagePackValue.FromString(t), MessagePackValue.FromDouble(cost.Annualized(k, cost.Terms[k])))).ToList();
            return new BatchRecord(job.Id, cost.Feasible ? "ok" : "infeasible")
                .Add("algorithm", algorithm)
                .Add("annual_cost", cost.Annual)
                .Add("cost_breakdown", MessagePackValue.FromMap(breakdown))
                .Add("lower_bound", result.Bound.LowerBound)
                .Add("gap", result.Bound.Gap(cost.Annual))
                .Add("certified", result.Bound.Certified)
                .Add("metaheuristic_cost", result.MetaheuristicCost)
                .Add("min_chlorine", cost.MinChlorine)
                .Add("supply_net", cost.SupplyNet * MultiSourceModel.FlowUnit)
                .Add("supply_gross", cost.SupplyGross * MultiSourceModel.FlowUnit);
        }
        if (scenario.Supply is null) throw new InvalidInputException("the scenario has no 'supply' block (sources, plants, zones, arcs)", job.File, field: "supply");
        return LpRecord(job, LpSolver.Solve(SupplyAllocationLp.Build(scenario.Supply, job.File).Model, exact: true));
    }

    /// <summary>An LP file (the JSON request, free MPS or CPLEX LP), solved and certified (as `lp`).</summary>
    private static BatchRecord Lp(BatchJob job) => job.Scenario is not null
        ? throw new InvalidInputException("lp jobs read LP files (.json request, .mps, .lp) from a folder, not scenarios", job.File, field: "--job")
        : LpRecord(job, LpSolver.Solve(LpModelFiles.Read(job.File), exact: true));

    private static BatchRecord LpRecord(BatchJob job, LpResult result)
    {
        // lp_status as `lp --json` names it (node_limit, not nodelimit): the record's own status only says "no answer".
        return new BatchRecord(job.Id, result.Status == LpStatus.Optimal ? "ok" : "infeasible")
            .Add("lp_status", result.StatusName)
            .Add("objective_value", result.Status == LpStatus.Optimal ? result.ObjectiveValue : double.NaN)
            .Add("objective_exact", result.ObjectiveExact?.ToString() ?? "")
            .Add("certified", result.Certified);
    }

    /// <summary>All-pairs shortest paths of a graph file or a scenario's graph_allocation block (as `paths`).</summary>
    private static BatchRecord Paths(BatchJob job, IComputeBackend backend)
    {
        var graph = job.Scenario is { } scenario ? RoutingGraphFiles.FromScenario(scenario, job.File) : RoutingGraphFiles.Load(job.File);
        int n = graph.NodeCount;
        var dist = graph.ToWeightMatrix<double>(job.File, job.Scenario is null ? "edges" : "graph_allocation.edges");
        bool ok = backend.AllPairsShortestPaths(dist, [], n); // the record reports distances only: no route matrix
        long reachable = dist.LongCount(double.IsFinite);
        double longest = dist.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        return new BatchRecord(job.Id, ok ? "ok" : "infeasible")
            .Add("n", n)
            .Add("negative_cycle", !ok)
            .Add("reachable_pairs", reachable)
            .Add("longest_route", longest);
    }
}
