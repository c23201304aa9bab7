using System.Globalization;
using CommandLine;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;

namespace WdnAccel.Cli.Verbs;

[Example("Element counts, units, demand and design block of New York tunnels", "wdnaccel info data/networks/NYT.inp")]
[Verb("info", HelpText = "Summarize a scenario: element counts (valves, controls, rules and quality sources included), units, total demand, run length, decision pipes and catalog, problem blocks.")]
public sealed class InfoVerb : CommonOptions, ICommand
{
    [Value(0, MetaName = "FILE", Required = true, HelpText = "Scenario or network file (.inp, .json, .wdn).")]
    public string File { get; set; } = "";

    [Option("ignore-unsupported", HelpText = CommonOptions.IgnoreUnsupportedHelp)]
    public bool IgnoreUnsupported { get; set; }

    public ExitCode Execute(CommandContext context)
    {
        var loaded = ScenarioFile.Load(File, IgnoreUnsupported);
        var s = loaded.Scenario;
        var net = s.Network;
        double totalDemand = net.Junctions.Sum(net.SnapshotDemand);
        double totalLength = net.Pipes.Sum(p => p.Length);
        var blocks = new[] { ("design", s.Design is not null), ("supply", s.Supply is not null), ("graph_allocation", s.GraphAllocation is not null), ("solver", s.Solver is not null) }
            .Where(b => b.Item2).Select(b => b.Item1).ToArray();
        foreach (var warning in loaded.Warnings) context.Warn(warning, "input", File); // stderr, and the JSON's "warnings"
        Emit(context, w =>
            {
                w.WriteStartObject();
                w.WriteString("file", File);
                w.WriteString("name", s.Name);
                w.WriteString("title", net.Title);
                w.WriteNumber("junctions", net.Junctions.Count);
                w.WriteNumber("reservoirs", net.Reservoirs.Count);
                w.WriteNumber("tanks", net.Tanks.Count);
                w.WriteNumber("pipes", net.Pipes.Count);
                w.WriteNumber("pumps", net.Pumps.Count);
                w.WriteNumber("valves", net.Valves.Count);
                w.WriteNumber("emitters", net.Junctions.Count(j => j.EmitterCoefficient > 0));
                w.WriteNumber("controls", net.Controls.Count);
                w.WriteNumber("rules", net.Rules.Count);
                w.WriteNumber("quality_sources", net.Sources.Count);
                w.WriteNumber("curves", net.Curves.Count);
                w.WriteNumber("patterns", net.Patterns.Count);
                w.WriteNumber("demand_cases", net.EffectiveDemandCases.Count);
                w.WriteString("flow_units", net.Options.FlowUnits.ToString());
                w.WriteString("headloss", net.Options.HeadLoss.InpKeyword());
                w.WriteNumber("omega", net.Options.Omega);
                w.WriteString("demand_model", net.Options.DemandModel == DemandModel.PressureDriven ? "PDA" : "DDA");
                w.WriteNumber("duration", net.Times.Duration);
                w.WriteString("quality", net.Quality.Mode.ToString().ToLowerInvariant());
                w.WriteNumber("total_demand", totalDemand);
                w.WriteNumber("total_pipe_length", totalLength);
                w.WriteStartArray("blocks");
                foreach (var b in blocks) w.WriteStringValue(b);
                w.WriteEndArray();
                if (s.Solver is { } sv)
                {
                    w.WriteStartObject("solver");
                    if (sv.Algorithm is { } a) w.WriteString("algorithm", a); else w.WriteNull("algorithm");
                    if (sv.Evaluations is { } e) w.WriteNumber("evaluations", e); else w.WriteNull("evaluations");
                    if (sv.Seed is { } seed) w.WriteNumber("seed", seed); else w.WriteNull("seed");
                    w.WriteStartObject("parameters");
                    foreach (var (k, v) in sv.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteNumber(k, v);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }
                if (s.Design is { } d)
                {
                    w.WriteStartObject("design");
                    w.WriteNumber("decision_pipes", d.DecisionPipes.Count);
                    w.WriteNumber("min_pressure", d.MinPressure);
                    w.WriteStartArray("catalog");
                    foreach (var e in d.Catalog)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("diameter", e.Diameter);
                        w.WriteNumber("unit_cost", e.UnitCost);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteNumber("search_space_log10", d.DecisionPipes.Count * Math.Log10(Math.Max(1, d.Catalog.Count)));
                    if (d.MinHead is { Count: > 0 } minHead)
                    {
                        w.WriteStartObject("min_head");
                        foreach (var (node, head) in minHead.OrderBy(h => h.Key, StringComparer.Ordinal)) w.WriteNumber(node, head);
                        w.WriteEndObject();
                    }
                    if (d.MaxPressure is { } maxP) w.WriteNumber("max_pressure", maxP);
                    if (d.MinVelocity is { } minV) w.WriteNumber("min_velocity", minV);
                    if (d.MaxVelocity is { } maxV) w.WriteNumber("max_velocity", maxV);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            },
            o => WriteText(o, loaded, totalDemand, totalLength));
        return ExitCode.Success;
    }

    private void WriteText(TextWriter o, LoadedScenario loaded, double totalDemand, double totalLength)
    {
        var s = loaded.Scenario;
        var net = s.Network;
        var inv = CultureInfo.InvariantCulture;
        double perUnit = Units.FlowToSi(net.Options.FlowUnits);
        o.WriteLine($"{File}: {s.Name}{(net.Title.Length > 0 ? " — " + net.Title.Split('\n')[0] : "")}");
        // An allocation-only scenario (a supply or graph_allocation block and no pipes) has no hydraulics to describe.
        bool hydraulic = net.Junctions.Count + net.Reservoirs.Count + net.Tanks.Count + net.Pipes.Count + net.Pumps.Count > 0 || (s.Supply is null && s.GraphAllocation is null);
        if (hydraulic)
        {
            o.WriteLine($"  nodes      {net.Junctions.Count} junctions, {net.Reservoirs.Count} reservoirs, {net.Tanks.Count} tanks");
            o.WriteLine($"  links      {net.Pipes.Count} pipes ({totalLength.ToString("N1", inv)} m), {net.Pumps.Count} pumps, {net.Valves.Count} valves");
            o.WriteLine($"  units      flows in {net.Options.FlowUnits} in the source file; SI inside");
            o.WriteLine($"  head loss  {(net.Options.HeadLoss == HeadLossModel.HazenWilliams ? $"Hazen–Williams, ω = {net.Options.Omega.ToString("G6", inv)}" : net.Options.HeadLoss.DisplayName())}");
            o.WriteLine($"  demand     {totalDemand.ToString("G6", inv)} m³/s = {(totalDemand / perUnit).ToString("G6", inv)} {net.Options.FlowUnits} ({net.EffectiveDemandCases.Count} loading case(s))");
            int emitters = net.Junctions.Count(j => j.EmitterCoefficient > 0);
            if (net.Times.Duration > 0 || net.Controls.Count + net.Rules.Count + emitters > 0 || net.Options.DemandModel == DemandModel.PressureDriven)
            {
                o.WriteLine($"  run        {(net.Times.Duration / 3600).ToString("G6", inv)} h in {(net.Times.HydraulicStep / 3600).ToString("G6", inv)} h steps, " +
                    $"{net.Controls.Count} controls, {net.Rules.Count} rules, {emitters} emitters, {(net.Options.DemandModel == DemandModel.PressureDriven ? "pressure-driven" : "demand-driven")} demand");
            }
            if (net.Quality.Mode != QualityMode.None)
            {
                string what = net.Quality.Mode switch
                {
                    QualityMode.Chemical => $"{net.Quality.ChemicalName} ({net.Quality.MassUnits}/L)",
                    QualityMode.Trace => $"trace from node {net.Quality.TraceNodeId}",
                    _ => "water age",
                };
                o.WriteLine($"  quality    {what}, {net.Sources.Count} source(s)");
            }
        }
        if (s.Design is { } design)
        {
            o.WriteLine($"  design     {design.DecisionPipes.Count} decision pipes, {design.Catalog.Count} sizes, min pressure {design.MinPressure.ToString(inv)} m, search space 10^{(design.DecisionPipes.Count * Math.Log10(Math.Max(1, design.Catalog.Count))).ToString("F1", inv)}");
            o.WriteLine($"  catalog    {string.Join(", ", design.Catalog.Select(e => $"{(e.Diameter * 1000).ToString("G5", inv)} mm @ {e.UnitCost.ToString("G6", inv)}"))} ({design.CostUnit}/m)");
            if (design.MinHead is { Count: > 0 } minHead)
                o.WriteLine($"  min heads  {string.Join("; ", minHead.GroupBy(h => h.Value).OrderBy(g => g.Key).Select(g => $"≥ {g.Key.ToString("G6", inv)} m at {string.Join(", ", g.Select(h => h.Key).Order(StringComparer.Ordinal))}"))} (total head)");
            if (design.MaxPressure is { } maxP) o.WriteLine($"  max press. {maxP.ToString(inv)} m");
            if (design.MinVelocity is not null || design.MaxVelocity is not null)
                o.WriteLine($"  velocity   {design.MinVelocity?.ToString(inv) ?? "0"} – {design.MaxVelocity?.ToString(inv) ?? "∞"} m/s");
            if (design.BestKnownCost is { } best) o.WriteLine($"  best known {best.ToString("N0", inv)} {design.CostUnit}{(design.BestKnownSource is null ? "" : $" ({design.BestKnownSource})")}");
        }
        if (s.Supply is { } supply) o.WriteLine($"  supply     {supply.Sources.Count} sources, {supply.Plants.Count} plants, {supply.Zones.Count} zones, {supply.Arcs.Count} arcs");
        if (s.Solver is { } solver)
            o.WriteLine($"  solver     {solver.Algorithm ?? "(no algorithm)"}, {(solver.Evaluations is { } e ? e.ToString("N0", inv) + " evaluations" : "default budget")}, seed {solver.Seed?.ToString(inv) ?? "default"}" +
                (solver.Parameters.Count > 0 ? $"; {string.Join(", ", solver.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.ToString("R", inv)}"))}" : ""));
        if (s.GraphAllocation is { } g)
        {
            int Count(GraphNodeKind kind) => g.Nodes.Count(n => n.Kind == kind);
            o.WriteLine($"  graph      {g.Nodes.Count} nodes ({Count(GraphNodeKind.Demand)} demand units, {Count(GraphNodeKind.Supply)} plants, {Count(GraphNodeKind.Intermediate)} junctions, {Count(GraphNodeKind.PumpStation)} pumping stations), {g.Edges.Count} roads ({g.Edges.Count(e => e.Planned)} planned{(g.IncludePlanned ? ", included" : ", left out")})");
            var plants = g.Nodes.Where(n => n.Kind == GraphNodeKind.Supply).Select(n => $"{n.Name ?? n.Id} {n.SupplyBound.ToString("N0", inv)}");
            o.WriteLine($"  plants     {string.Join("; ", plants)} (m³/d)");
            o.WriteLine($"  demand     {g.Nodes.Where(n => n.Kind == GraphNodeKind.Demand).Sum(n => n.Demand).ToString("N0", inv)} m³/d lower bound over the units; {g.Losses.Count} loss entries; annuity {g.Annuity}; costs in {g.CurrencyUnit}");
        }
    }
}
