using System.Globalization;
using System.Text;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Reports;

/// <summary>Writes a <see cref="LayoutsStudyResult"/> as CSV tables, SVG plots and a markdown summary.</summary>
public static class LayoutsStudyReport
{
    /// <summary>The paper's least costs (USD, conclusions): single-reservoir branched and two-reservoir looped.</summary>
    public const double PaperBranchedCost = 26_892, PaperLoopedCost = 30_861;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes every file into <paramref name="dir"/> (created if missing); returns the file names written.</summary>
    public static IReadOnlyList<string> WriteFiles(LayoutsStudyResult r, string dir)
    {
        Directory.CreateDirectory(dir);
        var files = new Dictionary<string, string>
        {
            ["headloss_vs_diameter.csv"] = HeadLossCsv(r),
            ["headloss_vs_diameter.svg"] = LayoutsStudySvg.Render(
                $"Head loss vs diameter, {r.HeadLossLayout} pipe {r.HeadLossPipe} (R² of quadratic {r.HeadLossFit.RSquared.ToString("F4", Inv)})",
                "internal diameter (m)", "head loss (m)",
                [("Hazen–Williams", r.HeadLoss.Select(h => (h.Diameter, h.HeadLoss)).ToList(), null),
                 ("2nd-degree fit", r.HeadLoss.Select(h => (h.Diameter, r.HeadLossFit.Evaluate(h.Diameter))).ToList(), r.HeadLossFit.Evaluate)]),
            ["reynolds_regimes.csv"] = RegimeCsv(r),
            ["pressure_vs_velocity.csv"] = PressureCsv(r),
            ["pressure_velocity_fits.csv"] = FitsCsv(r),
            ["pressure_vs_velocity.svg"] = LayoutsStudySvg.Render(
                $"Pressure at node {r.PressureNode} vs velocity in pipe {r.PressurePipe} ({r.PressureLayout})",
                "velocity (m/s)", "pressure (m)",
                r.PressureFits.Select(f => ((string Label, IReadOnlyList<(double X, double Y)> Points, Func<double, double>? Curve))(
                    $"D = {(f.Diameter * 1000).ToString("F1", Inv)} mm",
                    r.Pressure.Where(p => p.Diameter == f.Diameter && p.Converged).Select(p => (p.Velocity, p.Pressure)).ToList(),
                    f.Polynomial.Evaluate)).ToList()),
            ["costs.csv"] = CostsCsv(r),
            ["convergence.svg"] = ConvergenceSvg.Render("Three 11-node layouts: best cost vs evaluations",
                r.Costs.Select(c => new ConvergenceSvg.Series($"{c.Layout} {c.Algorithm}", c.History.Select(h => ((double)h.Evaluations, h.BestCost)).ToList())).ToList()),
            ["summary.md"] = Markdown(r),
        };
        foreach (var (name, text) in files) AtomicFile.WriteAllText(Path.Combine(dir, name), text);
        return files.Keys.ToList();
    }

    public static string HeadLossCsv(LayoutsStudyResult r)
    {
        var sb = new StringBuilder("label,diameter_m,flow_m3s,length_m,velocity_ms,head_loss_m,reynolds,quadratic_fit_m\n");
        foreach (var h in r.HeadLoss)
        {
            sb.Append(Csv(h.Label)).Append(',').AppendJoin(',', new[] { h.Diameter, h.Flow, h.Length, h.Velocity, h.HeadLoss, h.Reynolds, r.HeadLossFit.Evaluate(h.Diameter) }.Select(N)).Append('\n');
        }
        return sb.ToString();
    }

    public static string RegimeCsv(LayoutsStudyResult r)
    {
        var sb = new StringBuilder("layout,algorithm,pipe,diameter_m,flow_m3s,velocity_ms,reynolds,regime\n");
        foreach (var g in r.Regimes)
        {
            sb.Append($"{g.Layout},{g.Algorithm},{Csv(g.Pipe)},{N(g.Diameter)},{N(g.Flow)},{N(g.Velocity)},{N(g.Reynolds)},{g.Regime.ToString().ToLowerInvariant()}\n");
        }
        return sb.ToString();
    }

    public static string PressureCsv(LayoutsStudyResult r)
    {
        var sb = new StringBuilder("diameter_m,demand_multiplier,inflow_m3s,velocity_ms,pressure_m,converged\n");
        foreach (var p in r.Pressure)
        {
            sb.Append($"{N(p.Diameter)},{N(p.Multiplier)},{N(p.Inflow)},{N(p.Velocity)},{N(p.Pressure)},{(p.Converged ? "true" : "false")}\n");
        }
        return sb.ToString();
    }

    public static string FitsCsv(LayoutsStudyResult r)
    {
        var sb = new StringBuilder("diameter_m,model,coefficients,r_squared,rmse_m,points\n");
        foreach (var f in r.PressureFits)
        {
            foreach (var fit in new[] { f.Polynomial, f.Exponential })
            {
                sb.Append($"{N(f.Diameter)},{fit.Model},{string.Join(' ', fit.Coefficients.Select(N))},{N(fit.RSquared)},{N(fit.Rmse)},{fit.Points}\n");
            }
        }
        return sb.ToString();
    }

    public static string CostsCsv(LayoutsStudyResult r)
    {
        var sb = new StringBuilder("layout,algorithm,feasible,discrete_cost,split_pipe_cost,lp_certified,lp_is_lower_bound,min_pressure_m,min_pressure_node,evaluations,seconds\n");
        foreach (var c in r.Costs)
        {
            sb.Append($"{c.Layout},{c.Algorithm},{(c.Feasible ? "true" : "false")},{N(c.DiscreteCost)},{(c.SplitPipeCost is { } s ? N(s) : "")},{(c.LpCertified ? "true" : "false")},{(c.IsLowerBound ? "true" : "false")},{N(c.MinPressure)},{Csv(c.MinPressureNode)},{c.Evaluations},{N(c.Seconds)}\n");
        }
        return sb.ToString();
    }

    /// <summary>The markdown summary: what was computed, the main numbers, and how they relate to the paper's.</summary>
    public static string Markdown(LayoutsStudyResult r)
    {
        var sb = new StringBuilder();
        sb.Append("# The three 11-node layouts study (reconstructed layouts)\n\n");
        sb.Append("The layouts are RECONSTRUCTIONS (the paper's figure values are not in its text) and the PE-Xa unit costs are ");
        sb.Append("placeholders proportional to pipe mass, so costs are comparative only. See docs/layouts-study.md for every assumption.\n\n");
        sb.Append($"Optimizer budget: {r.Options.Evaluations:N0} evaluations per run, seed {r.Options.Seed}.\n\n");
        if (r.Options.Backend.Length > 0)
            sb.Append(CultureInfo.InvariantCulture, $"Settings: backend {r.Options.Backend}; {(double.IsNaN(r.Options.Omega) ? "hydraulic settings differ between the layouts (each scenario states its own)" : $"ω = {r.Options.Omega:G6}, GGA accuracy {r.Options.Accuracy}, max trials {r.Options.MaxTrials}")}; wdnaccel {r.Options.Version}.\n\n");

        sb.Append($"## 1. Head loss vs diameter ({r.HeadLossLayout}, pipe {r.HeadLossPipe}, L = {N(r.HeadLoss[0].Length)} m, Q = {N(r.HeadLoss[0].Flow)} m³/s)\n\n");
        sb.Append("| size | D (mm) | v (m/s) | h (m) | Re |\n|---|---|---|---|---|\n");
        foreach (var h in r.HeadLoss) sb.Append($"| {h.Label} | {(h.Diameter * 1000).ToString("F1", Inv)} | {h.Velocity.ToString("F3", Inv)} | {h.HeadLoss.ToString("G4", Inv)} | {h.Reynolds.ToString("F0", Inv)} |\n");
        var c = r.HeadLossFit.Coefficients;
        sb.Append($"\nQuadratic fit h = {c[0].ToString("G5", Inv)} + {c[1].ToString("G5", Inv)}·D + {c[2].ToString("G5", Inv)}·D² (D in m): R² = {r.HeadLossFit.RSquared.ToString("F4", Inv)} (paper: 0.9638 on its own data).\n\n");

        sb.Append("## 2. Reynolds regimes of the optimized designs\n\n| layout | algorithm | laminar | transitional | turbulent | Re min | Re max |\n|---|---|---|---|---|---|---|\n");
        foreach (var g in r.Regimes.GroupBy(g => (g.Layout, g.Algorithm)))
        {
            sb.Append($"| {g.Key.Layout} | {g.Key.Algorithm} | {g.Count(x => x.Regime == Hydraulics.FlowRegime.Laminar)} | {g.Count(x => x.Regime == Hydraulics.FlowRegime.Transitional)} | {g.Count(x => x.Regime == Hydraulics.FlowRegime.Turbulent)} | {g.Min(x => x.Reynolds).ToString("F0", Inv)} | {g.Max(x => x.Reynolds).ToString("F0", Inv)} |\n");
        }

        sb.Append($"\n## 3. Pressure vs velocity at node {r.PressureNode} (fed by pipe {r.PressurePipe}, {r.PressureLayout} optimized design)\n\n");
        sb.Append("| D (mm) | polynomial R² | polynomial RMSE (m) | exponential R² | exponential RMSE (m) | better |\n|---|---|---|---|---|---|\n");
        foreach (var f in r.PressureFits)
        {
            string better = f.Polynomial.Rmse <= f.Exponential.Rmse ? "polynomial" : "exponential";
            sb.Append($"| {(f.Diameter * 1000).ToString("F1", Inv)} | {f.Polynomial.RSquared.ToString("F4", Inv)} | {f.Polynomial.Rmse.ToString("G3", Inv)} | {f.Exponential.RSquared.ToString("F4", Inv)} | {f.Exponential.Rmse.ToString("G3", Inv)} | {better} |\n");
        }

        sb.Append("\n## 4. Least cost per layout\n\n| layout | algorithm | feasible | discrete cost | split-pipe LP | LP role | min pressure (m) |\n|---|---|---|---|---|---|---|\n");
        foreach (var k in r.Costs)
        {
            string role = k.SplitPipeCost is null ? "—" : k.IsLowerBound ? "proven lower bound (branched)" : "local refinement at fixed flows";
            sb.Append($"| {k.Layout} | {k.Algorithm} | {(k.Feasible ? "yes" : "no")} | {(double.IsFinite(k.DiscreteCost) ? k.DiscreteCost.ToString("F1", Inv) : "—")} | {(k.SplitPipeCost is { } s ? s.ToString("F1", Inv) : "—")} | {role} | {k.MinPressure.ToString("F3", Inv)} |\n");
        }
        var best = r.Costs.Where(k => k.Feasible).GroupBy(k => k.Layout).ToDictionary(g => g.Key, g => g.Min(k => k.DiscreteCost));
        if (best.Count > 0)
        {
            sb.Append("\nOrdering by least discrete cost: ").Append(string.Join(" < ", best.OrderBy(b => b.Value).Select(b => $"{b.Key} ({b.Value.ToString("F1", Inv)})"))).Append(".\n");
            if (best.TryGetValue("branched", out double br) && best.TryGetValue("looped", out double lo))
            {
                sb.Append($"The paper reports the branched layout cheapest (USD {PaperBranchedCost:N0}) and the two-reservoir looped one costliest (USD {PaperLoopedCost:N0}), ratio {(PaperLoopedCost / PaperBranchedCost).ToString("F3", Inv)}; ");
                sb.Append($"here looped/branched = {(lo / br).ToString("F3", Inv)}: {(lo > br ? "the same ordering" : "the opposite ordering")} for these reconstructed layouts and placeholder prices. Only the ordering is comparable, not the values.\n");
            }
        }
        return sb.ToString();
    }

    private static string N(double v) => double.IsFinite(v) ? v.ToString("R", Inv) : "";

    private static string Csv(string s) => Io.CsvField.Of(s);
}
