using WdnAccel.Core.Model;
using WdnAccel.Core.Io;
using System.Globalization;
using System.Text;
using CommandLine;
using WdnAccel.Core.Lp;
using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Problems;
using WdnAccel.Core.Reports;

namespace WdnAccel.Cli.Verbs;

/// <summary>
/// `wdnaccel allocate SCENARIO`: the supply allocation guide's source→plant→zone allocation. Builds the LP from the scenario's
/// supply block exactly as the guide's script does, solves and certifies it, and prints the guide's report
/// (status, total daily cost, plant throughput, each zone's supply vs demand) plus the duals a planner reads
/// for bottlenecks: the marginal cost of demand per zone and the value of one more unit of plant capacity.
/// </summary>
[Example("Solve the supply allocation example exactly, with duals", "wdnaccel allocate data/scenarios/supply-allocation.json")]
[Example("Write its LP as CPLEX LP text for another solver", "wdnaccel allocate data/scenarios/supply-allocation.json --write-model supply.lp")]
[Example("Plan four seasons: what to build, which plants run, the bottlenecks", "wdnaccel allocate data/scenarios/supply-seasons.json")]
[Example("Optimize the Lishui 2030 allocation: annual cost F1–F6, chlorine, losses, with a proven lower bound", "wdnaccel allocate data/scenarios/lishui-2030.json")]
[Example("Price the paper's Plan 1 without optimizing", "wdnaccel allocate data/scenarios/lishui-2030.json --plan data/plans/lishui-2030-plan1.json")]
[Verb("allocate", HelpText = "Allocate water to demand: a scenario's `supply` block (the supply allocation guide's source→plant→zone LP, solved and certified, with duals; with periods, candidates, quality or head requirements, the seasonal planning MILP) or its `graph_allocation` block (the Lishui multi-source model: annual cost F1–F6, routes under the pressure rule, chlorine, losses; optimized with a proven lower bound, or a --plan priced).")]
public sealed class AllocateVerb : ExactSolveOptions, ICommand
{
    [Value(0, MetaName = "SCENARIO", Required = true, HelpText = "Scenario JSON with a 'supply' or a 'graph_allocation' block.")]
    public string Scenario { get; set; } = "";

    [Option("plan", HelpText = "graph_allocation: price this allocation plan (wdnaccel-allocation-plan JSON) instead of optimizing.")]
    public string? Plan { get; set; }

    [Option("algorithm", HelpText = $"graph_allocation: the metaheuristic that seeds the exact search ({OptimizerCatalog.NameList}; default {DefaultAlgorithm}).")]
    public string? Algorithm { get; set; }

    [Option("evaluations", HelpText = "graph_allocation: the metaheuristic's evaluation budget, at least 1 (default 20000).")]
    public long? Evaluations { get; set; }

    [Option("seed", HelpText = "graph_allocation: the metaheuristic's random seed (default 1).")]
    public ulong? Seed { get; set; }


    [Option("write-model", HelpText = "Also write the built LP to this file (.json in the supply allocation guide's request form, .mps or .lp).")]
    public string? WriteModel { get; set; }

    /// <summary>The first option given that sets the metaheuristic's search (refused where no search runs), or null.</summary>
    private string? SearchOption => Algorithm is not null ? "--algorithm" : Evaluations is not null ? "--evaluations" : Seed is not null ? "--seed" : null;

    /// <summary>The metaheuristic a graph_allocation block is optimized with when --algorithm is not given (the paper's).</summary>
    internal const string DefaultAlgorithm = "gacoasa";

    /// <summary>--algorithm, else the scenario's solver block's, as <see cref="OptimizerCatalog"/> names it (aliases and
    /// case resolved), else the default; as `optimize` chooses.</summary>
    internal string AlgorithmName(SolverSettings? solver) =>
        (Algorithm ?? solver?.Algorithm) is { } name ? OptimizerCatalog.Canonical(name) ?? name : DefaultAlgorithm;

    /// <summary>--out and the side files, checked (and compared with the inputs) by <see cref="Program"/> before the work.</summary>
    public override IEnumerable<(string Path, string Field)> OutputFiles => base.OutputFiles.Concat(WriteModel is null ? [] : [(WriteModel, "--write-model")]);

    public ExitCode Execute(CommandContext context)
    {
        CheckOptions();
        var scenario = ScenarioFile.Load(Scenario).Scenario;
        if (scenario.Supply is null && scenario.GraphAllocation is { } graph)
        {
            // Options of the supply block's LP that the Lishui model has no use for are refused, not dropped.
            string? unused = WriteModel is not null ? "--write-model" : NoExact ? "--no-exact" : null;
            if (unused is not null)
                throw new InvalidInputException($"{unused} applies to a 'supply' block's LP; this scenario's graph_allocation block is priced and optimized by its own model (its bound is always certified exactly)", Scenario, field: unused);
            // A priced plan runs no search: the search's options would be dropped.
            string? search = Plan is null ? null : SearchOption;
            if (search is not null)
                throw new InvalidInputException($"{search} sets the search for the least-cost allocation, and --plan prices a given plan instead: leave out one or the other", Scenario, field: search);
            var multi = MultiSourceAllocation.Run(this, context, graph, scenario.Solver);
            EmitReport(context, scenario.Name, multi.WriteJson, multi.ToText);
            return multi.Cost.Feasible ? ExitCode.Success : ExitCode.InfeasibleOrUnbounded;
        }
        if (Plan is not null) throw new InvalidInputException("--plan prices a graph_allocation plan; this scenario has a 'supply' block", Scenario, field: "--plan");
        string? graphOnly = SearchOption;
        if (graphOnly is not null)
            throw new InvalidInputException($"{graphOnly} sets the metaheuristic of a graph_allocation block; a 'supply' block is solved exactly, with no search to set", Scenario, field: graphOnly);
        if (scenario.Supply is null) throw new InvalidInputException("the scenario has neither a 'supply' block (sources, plants, zones, arcs) nor a 'graph_allocation' block", Scenario, field: "supply");
        var problems = ScenarioValidator.Validate(scenario).Where(p => p.Location.StartsWith("supply", StringComparison.Ordinal)).ToList();
        if (problems.Count > 0) throw new InvalidInputException($"{problems.Count} problem(s) in the supply block, first: {problems[0]}", Scenario, field: "supply");
        if (scenario.Supply.IsPlanning)
        {
            var plan = SupplyPlanning.Solve(scenario.Supply, Scenario, SolveOptions());
            if (WriteModel is not null) context.WriteSideFile(WriteModel, LpModelFiles.WriteFor(plan.Milp.Model, WriteModel), "--write-model");
            var planReport = new SupplyPlanningReport(plan);
            LpVerb.WarnUnproven(context, plan.Result, NoExact, MaxNodes);
            EmitReport(context, scenario.Name, planReport.WriteJson, () => planReport.ToText() + LpVerb.SettingsLine(NoExact));
            return LpVerb.ExitCodeOf(plan.Result);
        }
        var lp = SupplyAllocationLp.Build(scenario.Supply, Scenario);
        if (WriteModel is not null)
            context.WriteSideFile(WriteModel, LpModelFiles.WriteFor(lp.Model, WriteModel), "--write-model");
        var result = LpSolver.Solve(lp.Model, SolveOptions());
        var report = SupplyAllocationReport.From(lp, result);
        LpVerb.WarnUnproven(context, result, NoExact, MaxNodes);
        LpVerb.Emit(context, Json, Out, () => context.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("scenario", scenario.Name);
            w.WriteString("flow_unit", lp.Spec.FlowUnit);
            w.WriteString("cost_unit", lp.Spec.CostUnit);
            LpJsonWriter.WriteResultProperties(w, result);
            if (result.Status == LpStatus.Optimal) report.WriteJson(w);
            w.WriteString("version", ProductVersion.Text);
            w.WriteEndObject();
        }) + Environment.NewLine, () => report.ToText() + LpVerb.SettingsLine(NoExact));
        return LpVerb.ExitCodeOf(result);
    }

    /// <summary>
    /// Every option's value checked before the scenario is read, as `optimize` checks its own: the metaheuristic's name
    /// and budget, and the exact solver's limits (which the supply block uses), whichever block the scenario has.
    /// </summary>
    private void CheckOptions()
    {
        if (Algorithm is not null && OptimizerCatalog.NotLeastCost(Algorithm, "is multi-objective and cannot seed the allocation's exact search") is { } why)
            throw new InvalidInputException(why, field: "--algorithm");
        ArgumentChecks.AtLeast(Evaluations, 1, "--evaluations");
        _ = SolveOptions();
    }

    /// <summary>A report as JSON (with the scenario's name first and the version last) or text, with --out as lp writes it.</summary>
    private void EmitReport(CommandContext context, string scenarioName, Action<System.Text.Json.Utf8JsonWriter> body, Func<string> text) =>
        LpVerb.Emit(context, Json, Out, () => context.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("scenario", scenarioName);
            body(w);
            w.WriteString("version", ProductVersion.Text);
            w.WriteEndObject();
        }) + Environment.NewLine, text);
}
