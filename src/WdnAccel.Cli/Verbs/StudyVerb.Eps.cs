using System.Text.Json;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Core.Problems;
using WdnAccel.Core.Reports;

namespace WdnAccel.Cli.Verbs;

/// <summary>`study layouts --eps`: the layouts over a 24-hour demand profile with pumps as decisions (docs/layouts-study.md).</summary>
public sealed partial class StudyVerb
{
    private ExitCode ExecuteEps(CommandContext context, IReadOnlyList<(string Layout, Scenario Scenario)> layouts, IComputeBackend backend)
    {
        var options = new LayoutsStudyEpsOptions
        {
            Evaluations = Evaluations, Seed = Seed, Threads = Threads,
            Backend = $"{backend.Name} ({backend.Description})", Version = ProductVersion.Text,
        };
        // A long run: progress goes to stderr in both modes (stdout stays the report or pure JSON).
        var result = LayoutsStudyEps.Run(layouts, backend, options, new SyncProgress(context.Error));
        IReadOnlyList<string> files = [];
        if (Out is not null) files = LayoutsStudyEpsReport.WriteFiles(result, Out);
        foreach (string file in files) context.Wrote(Path.Combine(Out!, file));
        if (Json) context.Out.WriteLine(context.Json(w => WriteEpsJson(w, result, backend.Name, files)));
        else context.Out.Write(LayoutsStudyEpsReport.Markdown(result));
        return result.Layouts.All(l => l.Feasible) ? ExitCode.Success : ExitCode.InfeasibleOrUnbounded;
    }

    private static void WriteEpsJson(Utf8JsonWriter w, LayoutsStudyEpsResult r, string backend, IReadOnlyList<string> files)
    {
        var o = r.Options;
        w.WriteStartObject();
        w.WriteString("study", "layouts");
        w.WriteString("mode", "eps");
        w.WriteString("note", "layouts reconstructed; pipe and pump prices are placeholders (cost units, read as USD for the energy price): costs are comparative only");
        w.WriteNumber("evaluations", o.Evaluations);
        w.WriteNumber("seed", o.Seed);
        w.WriteString("algorithm", o.Algorithm);
        w.WriteString("backend", backend);
        w.WriteString("backend_description", o.Backend);
        w.WriteString("version", o.Version);

        w.WriteStartObject("assumptions");
        w.WriteStartArray("multipliers");
        foreach (var m in o.Multipliers) w.WriteNumberValue(m);
        w.WriteEndArray();
        w.WriteNumber("peak_hour", r.PeakTime / 3600);
        w.WriteStartArray("pumps");
        foreach (var p in o.Pumps)
        {
            w.WriteStartObject();
            w.WriteString("label", p.Label);
            w.WriteNumber("design_flow", p.DesignFlow);
            w.WriteNumber("design_head", p.DesignHead);
            w.WriteNumber("capital_cost", p.CapitalCost);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("interest_rate", o.Cost.InterestRate);
        w.WriteNumber("pipe_life_years", o.Cost.PipeLife);
        w.WriteNumber("pump_life_years", o.Cost.PumpLife);
        w.WriteNumber("pipe_crf", o.Cost.PipeFactor);
        w.WriteNumber("pump_crf", o.Cost.PumpFactor);
        w.WriteNumber("energy_price_per_kwh", o.Cost.EnergyPrice);
        w.WriteNumber("pump_efficiency_percent", o.Cost.PumpEfficiency);
        w.WriteNumber("days_per_year", o.Cost.DaysPerYear);
        w.WriteEndObject();

        w.WriteStartArray("layouts");
        foreach (var l in r.Layouts)
        {
            w.WriteStartObject();
            w.WriteString("layout", l.Layout);
            w.WriteBoolean("feasible", l.Feasible);
            w.WriteNumber("evaluations", l.Evaluations);
            WriteDay(w, "design", l.Best);
            w.WriteStartObject("diameters");
            foreach (var (id, d) in l.Design) w.WriteNumber(id, d);
            w.WriteEndObject();
            w.WriteStartArray("pump_choices");
            foreach (var c in l.Choices)
            {
                w.WriteStartObject();
                w.WriteString("pumps", c.Pumps);
                w.WriteBoolean("chosen", ReferenceEquals(c, l.Chosen));
                w.WriteBoolean("feasible", c.Result.FoundFeasible);
                w.WriteNumberOrNull("annual_cost", c.AnnualCost);
                w.WriteNumber("pump_capital", c.PumpCapital);
                w.WriteNumber("annual_pumps", c.AnnualPumpCost);
                w.WriteNumberOrNull("break_even_pump_capital", c.BreakEvenPumpCapital(l.Chosen.AnnualCost, o.Cost.PumpFactor));
                w.WriteNumber("evaluations", c.Result.Evaluations);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("snapshot");
            w.WriteBoolean("feasible_at_snapshot", l.SnapshotFeasible);
            w.WriteNumberOrNull("pipe_capital", l.SnapshotCapital);
            w.WriteBoolean("feasible_24h", l.SnapshotDay?.Feasible == true);
            w.WriteNumber("hours_below_minimum", l.SnapshotShortTimes);
            WriteDay(w, "day", l.SnapshotDay);
            w.WriteStartObject("diameters");
            foreach (var (id, d) in l.SnapshotDesign) w.WriteNumber(id, d);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartArray("pipes");
            foreach (var p in l.Pipes)
            {
                w.WriteStartObject();
                w.WriteString("pipe", p.Pipe);
                w.WriteNumber("length", p.Length);
                w.WriteNumberOrNull("snapshot_diameter", p.SnapshotDiameter);
                w.WriteNumber("diameter", p.Diameter);
                w.WriteNumber("peak_flow", p.PeakFlow);
                w.WriteNumber("peak_velocity", p.PeakVelocity);
                w.WriteNumber("peak_head_loss", p.PeakHeadLoss);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        if (r.FlowFit is { } ff) WriteFit(w, "peak_flow_vs_diameter_linear_fit", ff);
        else w.WriteNull("peak_flow_vs_diameter_linear_fit");
        if (r.HeadLossFit is { } hf) WriteFit(w, "peak_head_loss_vs_diameter_quadratic_fit", hf);
        else w.WriteNull("peak_head_loss_vs_diameter_quadratic_fit");
        w.WriteStartObject("paper");
        w.WriteNumber("branched_cost_usd", LayoutsStudyReport.PaperBranchedCost);
        w.WriteNumber("looped_cost_usd", LayoutsStudyReport.PaperLoopedCost);
        w.WriteNumber("head_loss_r_squared", LayoutsStudyEpsReport.PaperHeadLossRSquared);
        w.WriteNumber("design_velocity_low", LayoutsStudyEpsReport.PaperVelocityLow);
        w.WriteNumber("design_velocity_high", LayoutsStudyEpsReport.PaperVelocityHigh);
        w.WriteEndObject();
        w.WriteStartArray("files");
        foreach (var f in files) w.WriteStringValue(f);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A design's day: cost split, pumps, lowest pressure per report time; null when there is none.</summary>
    private static void WriteDay(Utf8JsonWriter w, string name, DiurnalDesignEvaluation? e)
    {
        if (e is null) { w.WriteNull(name); return; }
        w.WriteStartObject(name);
        w.WriteBoolean("feasible", e.Feasible);
        w.WriteBoolean("solved", e.Solved);
        w.WriteStartArray("pumps");
        foreach (var p in e.Pumps) w.WriteStringValue(p);
        w.WriteEndArray();
        w.WriteNumber("annual_cost", e.AnnualCost);
        w.WriteNumber("annual_pipes", e.AnnualPipeCost);
        w.WriteNumber("annual_pumps", e.AnnualPumpCost);
        w.WriteNumber("annual_energy", e.AnnualEnergyCost);
        w.WriteNumber("pipe_capital", e.PipeCapital);
        w.WriteNumber("pump_capital", e.PumpCapital);
        w.WriteNumber("kwh_per_day", e.DailyKilowattHours);
        w.WriteNumberOrNull("min_pressure", e.MinPressure);
        w.WriteString("min_pressure_node", e.MinPressureAt.Node);
        w.WriteNumber("min_pressure_hour", e.MinPressureAt.Time / 3600.0);
        w.WriteNumber("violation", e.Violation);
        w.WriteStartArray("hourly_min_pressure");
        for (int t = 0; t < e.Times.Count; t++)
        {
            w.WriteStartObject();
            w.WriteNumber("hour", e.Times[t] / 3600.0);
            w.WriteNumber("min_pressure", e.MinPressureByTime[t]);
            w.WriteString("node", e.MinPressureNodeByTime[t]);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
