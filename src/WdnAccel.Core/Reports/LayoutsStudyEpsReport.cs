using System.Globalization;
using System.Text;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Reports;

/// <summary>Writes a <see cref="LayoutsStudyEpsResult"/> as CSV tables, SVG plots and a markdown summary (files named eps_*).</summary>
public static class LayoutsStudyEpsReport
{
    /// <summary>
    /// The paper's "design inflows" for D = 0.3 m (0.0212–0.205 m³/s) and 0.5 m (0.0589–0.5694 m³/s) are Q = v·πD²/4 at
    /// v = 0.30 and 2.90 m/s for both diameters (0.0212 / 0.0707 m² = 0.300 m/s, 0.5694 / 0.1963 m² = 2.900 m/s): a
    /// velocity band, not flows out of a network solve.
    /// </summary>
    public const double PaperVelocityLow = 0.30, PaperVelocityHigh = 2.90;

    /// <summary>The paper's R² of its 2nd-degree head loss vs diameter fit.</summary>
    public const double PaperHeadLossRSquared = 0.9638;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes every file into <paramref name="dir"/> (created if missing); returns the file names written.</summary>
    public static IReadOnlyList<string> WriteFiles(LayoutsStudyEpsResult r, string dir)
    {
        Directory.CreateDirectory(dir);
        var pipes = r.Pipes.ToList();
        var files = new Dictionary<string, string>
        {
            ["eps_costs.csv"] = CostsCsv(r),
            ["eps_hourly_pressure.csv"] = HourlyCsv(r),
            ["eps_pipes.csv"] = PipesCsv(r),
            ["eps_pump_choices.csv"] = PumpChoicesCsv(r),
            ["eps_fits.csv"] = FitsCsv(r),
            ["eps_hourly_pressure.svg"] = LayoutsStudySvg.Render("Lowest junction pressure by hour: 24-hour designs and snapshot designs", "hour", "lowest pressure (m)",
                [.. r.Layouts.SelectMany(l => new[] { ($"{l.Layout} 24-h design", l.Best), ($"{l.Layout} snapshot design", l.SnapshotDay) })
                    .Where(s => s.Item2 is not null)
                    .Select(s => ((string Label, IReadOnlyList<(double X, double Y)> Points, Func<double, double>? Curve))(s.Item1,
                        s.Item2!.Times.Zip(s.Item2.MinPressureByTime, (t, p) => (t / 3600.0, p)).ToList(), null)),
                 ("minimum pressure", [(0.0, Limit(r)), (r.Options.Multipliers.Count, Limit(r))], _ => Limit(r))]),
            ["eps_flow_vs_diameter.svg"] = LayoutsStudySvg.Render($"Peak-hour flow vs diameter, 24-hour designs (linear fit R² {F(r.FlowFit?.RSquared, "F4")})",
                "internal diameter (m)", "peak-hour flow (m³/s)",
                [.. r.Layouts.Select(l => ((string Label, IReadOnlyList<(double X, double Y)> Points, Func<double, double>? Curve))(l.Layout, l.Pipes.Select(p => (p.Diameter, p.PeakFlow)).ToList(), null)),
                 ("linear fit", pipes.Select(p => (p.Diameter, r.FlowFit?.Evaluate(p.Diameter) ?? double.NaN)).ToList(), r.FlowFit is { } ff ? ff.Evaluate : null)]),
            ["eps_headloss_vs_diameter.svg"] = LayoutsStudySvg.Render($"Peak-hour head loss vs diameter, 24-hour designs (quadratic fit R² {F(r.HeadLossFit?.RSquared, "F4")})",
                "internal diameter (m)", "peak-hour head loss (m)",
                [.. r.Layouts.Select(l => ((string Label, IReadOnlyList<(double X, double Y)> Points, Func<double, double>? Curve))(l.Layout, l.Pipes.Select(p => (p.Diameter, p.PeakHeadLoss)).ToList(), null)),
                 ("2nd-degree fit", pipes.Select(p => (p.Diameter, r.HeadLossFit?.Evaluate(p.Diameter) ?? double.NaN)).ToList(), r.HeadLossFit is { } hf ? hf.Evaluate : null)]),
            ["eps_convergence.svg"] = ConvergenceSvg.Render("Three 11-node layouts over 24 hours: best annual cost vs evaluations",
                r.Layouts.Select(l => new ConvergenceSvg.Series($"{l.Layout} ({l.Chosen.Pumps})", l.Result.History.Select(h => ((double)h.Evaluations, h.BestCost)).ToList())).ToList()),
            ["eps_summary.md"] = Markdown(r),
        };
        foreach (var (name, text) in files) AtomicFile.WriteAllText(Path.Combine(dir, name), text);
        return files.Keys.ToList();
    }

    private static double Limit(LayoutsStudyEpsResult r) => r.Layouts.Count > 0 ? r.Layouts[0].PressureLimit : double.NaN;

    public static string CostsCsv(LayoutsStudyEpsResult r)
    {
        var sb = new StringBuilder("layout,feasible,pumps,annual_cost,annual_pipes,annual_pumps,annual_energy,pipe_capital,pump_capital,kwh_per_day,"
            + "min_pressure_m,min_pressure_node,min_pressure_hour,snapshot_pipe_capital,snapshot_annual_cost_24h,snapshot_min_pressure_24h,snapshot_feasible_24h,snapshot_short_hours,evaluations,seconds\n");
        foreach (var l in r.Layouts)
        {
            var b = l.Best;
            var s = l.SnapshotDay;
            sb.Append($"{l.Layout},{Bool(l.Feasible)},{string.Join('+', b?.Pumps ?? [])},{N(b?.AnnualCost)},{N(b?.AnnualPipeCost)},{N(b?.AnnualPumpCost)},{N(b?.AnnualEnergyCost)},");
            sb.Append($"{N(b?.PipeCapital)},{N(b?.PumpCapital)},{N(b?.DailyKilowattHours)},{N(b?.MinPressure)},{b?.MinPressureAt.Node},{N(b?.MinPressureAt.Time / 3600.0)},");
            sb.Append($"{N(l.SnapshotCapital)},{N(s?.AnnualCost)},{N(s?.MinPressure)},{Bool(s?.Feasible == true)},{l.SnapshotShortTimes},{l.Evaluations},{N(l.Seconds)}\n");
        }
        return sb.ToString();
    }

    public static string HourlyCsv(LayoutsStudyEpsResult r)
    {
        var sb = new StringBuilder("layout,design,hour,multiplier,min_pressure_m,node\n");
        foreach (var l in r.Layouts)
        {
            foreach (var (name, e) in new[] { ("24h", l.Best), ("snapshot", l.SnapshotDay) })
            {
                if (e is null) continue;
                for (int t = 0; t < e.Times.Count; t++)
                {
                    long hour = e.Times[t] / 3600;
                    double m = r.Options.Multipliers[(int)(hour % r.Options.Multipliers.Count)];
                    sb.Append($"{l.Layout},{name},{hour},{N(m)},{N(e.MinPressureByTime[t])},{e.MinPressureNodeByTime[t]}\n");
                }
            }
        }
        return sb.ToString();
    }

    public static string PipesCsv(LayoutsStudyEpsResult r)
    {
        var sb = new StringBuilder("layout,pipe,length_m,snapshot_diameter_m,diameter_m,peak_flow_m3s,peak_velocity_ms,peak_head_loss_m\n");
        foreach (var p in r.Pipes)
        {
            sb.Append($"{p.Layout},{p.Pipe},{N(p.Length)},{N(p.SnapshotDiameter)},{N(p.Diameter)},{N(p.PeakFlow)},{N(p.PeakVelocity)},{N(p.PeakHeadLoss)}\n");
        }
        return sb.ToString();
    }

    public static string PumpChoicesCsv(LayoutsStudyEpsResult r)
    {
        var sb = new StringBuilder("layout,pumps,chosen,feasible,annual_cost,pump_capital,annual_pumps,break_even_pump_capital,evaluations,seconds\n");
        foreach (var l in r.Layouts)
        {
            foreach (var c in l.Choices)
            {
                sb.Append($"{l.Layout},{c.Pumps},{Bool(ReferenceEquals(c, l.Chosen))},{Bool(c.Result.FoundFeasible)},{N(c.AnnualCost)},{N(c.PumpCapital)},{N(c.AnnualPumpCost)},");
                sb.Append($"{N(c.BreakEvenPumpCapital(l.Chosen.AnnualCost, r.Options.Cost.PumpFactor))},{c.Result.Evaluations},{N(c.Result.WallTime.TotalSeconds)}\n");
            }
        }
        return sb.ToString();
    }

    public static string FitsCsv(LayoutsStudyEpsResult r)
    {
        var sb = new StringBuilder("analysis,model,coefficients,r_squared,rmse,points\n");
        foreach (var (name, fit) in new[] { ("peak_flow_vs_diameter", r.FlowFit), ("peak_head_loss_vs_diameter", r.HeadLossFit) })
        {
            if (fit is null) continue;
            sb.Append($"{name},{fit.Model},{string.Join(' ', fit.Coefficients.Select(c => N(c)))},{N(fit.RSquared)},{N(fit.Rmse)},{fit.Points}\n");
        }
        return sb.ToString();
    }

    /// <summary>The markdown summary: assumptions, the designs, the snapshot comparison, the paper comparison.</summary>
    public static string Markdown(LayoutsStudyEpsResult r)
    {
        var o = r.Options;
        var c = o.Cost;
        var sb = new StringBuilder();
        sb.Append("# The three 11-node layouts over 24 hours, pumps as decisions\n\n");
        sb.Append("RECONSTRUCTED layouts, PLACEHOLDER pipe and pump prices (cost units, read as USD for the energy price): costs are comparative only. ");
        sb.Append("See docs/layouts-study.md (\"24-hour design with pumps\") for every assumption.\n\n");
        sb.Append($"- Demand: every junction × hourly multiplier ({o.Multipliers.Count} h, mean {o.Multipliers.Average().ToString("F3", Inv)}, ");
        sb.Append($"peak {o.Multipliers.Max().ToString("F3", Inv)} at hour {r.PeakTime / 3600}, low {o.Multipliers.Min().ToString("F3", Inv)}); the day's mean inflow is the paper's 1.15 m³/h.\n");
        sb.Append($"- Pumps per source: none or {string.Join(", ", o.Pumps.Select(p => $"{p.Label} ({(p.DesignFlow * 3600).ToString("G4", Inv)} m³/h at {p.DesignHead.ToString("G4", Inv)} m, capital {p.CapitalCost.ToString("G6", Inv)})"))}.\n");
        sb.Append($"- Annual cost = {c.PipeFactor.ToString("F5", Inv)} × pipe capital (CRF {(c.InterestRate * 100).ToString("G4", Inv)} %, {c.PipeLife} y) + {c.PumpFactor.ToString("F5", Inv)} × pump capital (CRF, {c.PumpLife} y) ");
        sb.Append($"+ {c.DaysPerYear} × the day's energy at {c.EnergyPrice.ToString("G4", Inv)} per kWh, efficiency {c.PumpEfficiency.ToString("G4", Inv)} %.\n");
        sb.Append($"- Feasible: every junction ≥ {Limit(r).ToString("G4", Inv)} m at every report time (hours 0–{o.Multipliers.Count}). Optimizer: {o.Algorithm}, {o.Evaluations:N0} evaluations per run (one run per pump choice, pipes only; and the snapshot design's run), seed {o.Seed}.\n");
        if (o.Backend.Length > 0) sb.Append($"- Settings: backend {o.Backend}; each layout's ω, GGA accuracy and trials as its scenario states them; wdnaccel {o.Version}.\n");
        sb.Append('\n');

        sb.Append("## Least annual cost per layout (24-hour design)\n\n| layout | feasible | pumps | annual cost | pipes | pumps | energy | kWh/day | lowest pressure (m, node, hour) |\n|---|---|---|---|---|---|---|---|---|\n");
        foreach (var l in r.Layouts)
        {
            var b = l.Best;
            if (b is null) { sb.Append($"| {l.Layout} | no | — | — | — | — | — | — | — |\n"); continue; }
            sb.Append($"| {l.Layout} | {(l.Feasible ? "yes" : "no")} | {string.Join('+', b.Pumps)} | {b.AnnualCost.ToString("F2", Inv)} | {b.AnnualPipeCost.ToString("F2", Inv)} | {b.AnnualPumpCost.ToString("F2", Inv)} | ");
            sb.Append($"{b.AnnualEnergyCost.ToString("F2", Inv)} | {b.DailyKilowattHours.ToString("F3", Inv)} | {b.MinPressure.ToString("F3", Inv)} ({b.MinPressureAt.Node}, {b.MinPressureAt.Time / 3600}) |\n");
        }

        sb.Append("\n## The snapshot designs over the same day (no pump)\n\n| layout | pipe capital | annual cost | lowest pressure over 24 h (m, node, hour) | report times (hours) below the minimum | feasible over 24 h |\n|---|---|---|---|---|---|\n");
        foreach (var l in r.Layouts)
        {
            var s = l.SnapshotDay;
            if (s is null) { sb.Append($"| {l.Layout} | — (no feasible snapshot design) | — | — | — | — |\n"); continue; }
            sb.Append($"| {l.Layout} | {l.SnapshotCapital.ToString("F1", Inv)} | {s.AnnualCost.ToString("F2", Inv)} | {s.MinPressure.ToString("F3", Inv)} ({s.MinPressureAt.Node}, {s.MinPressureAt.Time / 3600}) | {l.SnapshotShortTimes} of {s.Times.Count} | {(s.Feasible ? "yes" : "no")} |\n");
        }
        sb.Append("\nPipe capital, 24-hour design vs snapshot design: ");
        sb.Append(string.Join("; ", r.Layouts.Where(l => l.Best is not null && l.SnapshotDay is not null)
            .Select(l => $"{l.Layout} {l.Best!.PipeCapital.ToString("F1", Inv)} vs {l.SnapshotCapital.ToString("F1", Inv)} (×{(l.Best.PipeCapital / l.SnapshotCapital).ToString("F3", Inv)})"))).Append(".\n");

        sb.Append("\n## Diameters (internal, mm): snapshot design → 24-hour design\n\n");
        foreach (var l in r.Layouts.Where(l => l.Pipes.Count > 0))
        {
            sb.Append($"- {l.Layout}: ").Append(string.Join(", ", l.Pipes.Select(p =>
                $"{p.Pipe} {(p.SnapshotDiameter * 1000).ToString("F1", Inv)}{(p.SnapshotDiameter == p.Diameter ? "" : "→" + (p.Diameter * 1000).ToString("F1", Inv))}"))).Append('\n');
        }

        sb.Append("\n## Lowest pressure by hour (m)\n\n| hour | multiplier |");
        foreach (var l in r.Layouts) sb.Append($" {l.Layout} 24-h | {l.Layout} snapshot |");
        sb.Append("\n|---|---|").Append(string.Concat(Enumerable.Repeat("---|---|", r.Layouts.Count))).Append('\n');
        int times = r.Layouts.Max(l => Math.Max(l.Best?.Times.Count ?? 0, l.SnapshotDay?.Times.Count ?? 0));
        for (int t = 0; t < times; t++)
        {
            sb.Append($"| {t} | {o.Multipliers[t % o.Multipliers.Count].ToString("F3", Inv)} |");
            foreach (var l in r.Layouts) sb.Append($" {At(l.Best, t)} | {At(l.SnapshotDay, t)} |");
            sb.Append('\n');
        }

        sb.Append("\n## Least annual cost per pump choice (one run over the pipe sizes each)\n\n");
        sb.Append("Break-even: the pump capital at which the choice would tie with the cheapest one (negative: its pipes and energy alone cost more).\n\n");
        sb.Append("| layout | pumps | annual cost | pump capital | break-even pump capital |\n|---|---|---|---|---|\n");
        foreach (var l in r.Layouts)
        {
            foreach (var choice in l.Choices.OrderBy(x => double.IsNaN(x.AnnualCost) ? double.PositiveInfinity : x.AnnualCost))
            {
                double even = choice.BreakEvenPumpCapital(l.Chosen.AnnualCost, c.PumpFactor);
                sb.Append($"| {l.Layout} | {choice.Pumps}{(ReferenceEquals(choice, l.Chosen) ? " (chosen)" : "")} | {(choice.Result.FoundFeasible ? choice.AnnualCost.ToString("F2", Inv) : "none feasible")} | ");
                sb.Append($"{choice.PumpCapital.ToString("F0", Inv)} | {(double.IsNaN(even) ? "—" : even.ToString("F0", Inv))} |\n");
            }
        }

        sb.Append("\n## Comparison with the paper\n\n");
        var best = r.Layouts.Where(l => l.Feasible).ToDictionary(l => l.Layout, l => l.Best!.AnnualCost);
        if (best.Count > 0)
        {
            sb.Append("Ordering by least annual cost: ").Append(string.Join(" < ", best.OrderBy(b => b.Value).Select(b => $"{b.Key} ({b.Value.ToString("F2", Inv)})"))).Append(". ");
            if (best.TryGetValue("branched", out double br) && best.TryGetValue("looped", out double lo))
            {
                sb.Append($"The paper has branched cheapest (USD {LayoutsStudyReport.PaperBranchedCost:N0}) and looped dearest (USD {LayoutsStudyReport.PaperLoopedCost:N0}, ratio {(LayoutsStudyReport.PaperLoopedCost / LayoutsStudyReport.PaperBranchedCost).ToString("F3", Inv)}); ");
                sb.Append($"here looped/branched = {(lo / br).ToString("F3", Inv)}: {(lo > br ? "the same ordering" : "the opposite ordering")}.\n\n");
            }
            else sb.Append('\n');
        }
        var pipes = r.Pipes.ToList();
        if (pipes.Count > 0)
        {
            sb.Append($"Peak hour {r.PeakTime / 3600}: pipe flows {pipes.Min(p => p.PeakFlow).ToString("G3", Inv)}–{pipes.Max(p => p.PeakFlow).ToString("G3", Inv)} m³/s, ");
            sb.Append($"velocities {pipes.Min(p => p.PeakVelocity).ToString("F3", Inv)}–{pipes.Max(p => p.PeakVelocity).ToString("F3", Inv)} m/s over {pipes.Count} pipes. ");
            sb.Append($"The paper's design inflows (0.0212–0.205 m³/s at D = 0.3 m, 0.0589–0.5694 m³/s at D = 0.5 m) are v·πD²/4 at v = {PaperVelocityLow.ToString("F2", Inv)}–{PaperVelocityHigh.ToString("F2", Inv)} m/s.\n\n");
            sb.Append("| diameter (mm) | pipes | peak flow min–max (m³/s) | peak velocity min–max (m/s) |\n|---|---|---|---|\n");
            foreach (var g in pipes.GroupBy(p => p.Diameter).OrderBy(g => g.Key))
            {
                sb.Append($"| {(g.Key * 1000).ToString("F1", Inv)} | {g.Count()} | {g.Min(p => p.PeakFlow).ToString("G3", Inv)}–{g.Max(p => p.PeakFlow).ToString("G3", Inv)} | {g.Min(p => p.PeakVelocity).ToString("F3", Inv)}–{g.Max(p => p.PeakVelocity).ToString("F3", Inv)} |\n");
            }
            sb.Append($"\nLinear fit of peak flow on diameter: {FitText(r.FlowFit)}. ");
            sb.Append($"2nd-degree fit of peak head loss on diameter: {FitText(r.HeadLossFit)} (paper: R² = {PaperHeadLossRSquared.ToString("F4", Inv)}).\n");
        }
        return sb.ToString();
    }

    private static string At(Problems.DiurnalDesignEvaluation? e, int t) =>
        e is not null && t < e.MinPressureByTime.Count ? e.MinPressureByTime[t].ToString("F3", Inv) : "—";

    private static string FitText(LayoutsStudyFit? fit) => fit is null ? "not enough distinct diameters"
        : $"{string.Join(" + ", fit.Coefficients.Select((c, k) => c.ToString("G5", Inv) + (k == 0 ? "" : k == 1 ? "·D" : $"·D^{k}")))}, R² = {fit.RSquared.ToString("F4", Inv)} ({fit.Points} pipes)";

    private static string F(double? v, string format) => v is { } x && double.IsFinite(x) ? x.ToString(format, Inv) : "n/a";

    private static string N(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("R", Inv) : "";

    private static string Bool(bool b) => b ? "true" : "false";
}
