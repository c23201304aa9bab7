using System.Globalization;
using System.Text;
using System.Text.Json;
using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Reports;

/// <summary>
/// A batch of designs through time, random catalog designs or those of a design file (<paramref name="source"/>): per
/// design its pipe cost (null for a file's designs and for random designs of a --catalog without prices,
/// <paramref name="catalogPriced"/> false), lowest pressure (where, when), tank levels at the end and pump energy.
/// </summary>
public sealed class EpsDesignReport(EpsLaneOutcome<EpsDesign> outcome, string file, int seed, IReadOnlyList<string> decisionPipes, double minPressure,
    DesignList? source = null, bool catalogPriced = true)
{
    /// <summary>Whether designs have a pipe cost: random designs of a catalog with prices (a design block's).</summary>
    private bool Priced => source is null && catalogPriced;

    private double RunHours => outcome.Candidates.Count > 0 ? outcome.CandidateHours / outcome.Candidates.Count : 0;
    /// <summary>A network without a duration: each design is one solve at time zero, with no day to cost.</summary>
    private bool AtTimeZero => outcome.CandidateHours == 0;
    private double PerDay(double cost) => RunHours > 0 ? cost * 24 / RunHours : AtTimeZero ? double.NaN : 0;
    private bool Feasible(EpsDesign d) => d.Converged && d.CutOffSteps == 0 && d.MinPressure >= minPressure;

    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("file", file);
        w.WriteNumber("designs", outcome.Candidates.Count);
        w.WriteNumber("seed", seed);
        w.WriteNumber("min_pressure_required", minPressure);
        w.WriteNumber("feasible", outcome.Candidates.Count(Feasible));
        w.WriteNumber("periods_per_design", outcome.Periods);
        w.WriteString("designs_from", source is null ? "random catalog designs" : "file");
        w.WriteBoolean("pipe_costs_known", Priced);
        if (source is not null)
        {
            w.WriteString("designs_file", source.Path);
            w.WriteString("designs_file_diameter_unit", source.Unit.Name);
        }
        EpsLaneReport.WriteRunJson(w, outcome, "design_hours_per_second", s =>
        {
            s.WriteNumber("seed", seed);
            if (source is not null) s.WriteString("designs_file", source.Path);
        });
        EpsLaneReport.WriteStrings(w, "notes", outcome.Notes);
        EpsLaneReport.WriteStrings(w, "decision_pipes", decisionPipes);
        EpsLaneReport.WriteStrings(w, "tanks", outcome.TankIds);
        w.WriteStartArray("candidates");
        foreach (var c in outcome.Candidates)
        {
            w.WriteStartObject();
            w.WriteNumber("index", c.Index);
            if (c.Id is not null) w.WriteString("id", c.Id);
            EpsLaneReport.WriteNumbers(w, "diameters", c.Diameters);
            if (Priced) w.WriteNumberOrNull("pipe_cost", c.PipeCost);
            else w.WriteNull("pipe_cost");
            EpsLaneReport.WriteRunFields(w, c.MinPressure, c.MinPressureNode, c.MinPressureTime, c.FinalTankLevels,
                c.KilowattHours, c.EnergyCost, PerDay(c.EnergyCost), c.CutOffSteps, c.Converged);
            w.WriteBoolean("feasible", Feasible(c));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public string ToText()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var c = outcome.Candidates;
        string span = AtTimeZero ? "at time zero" : $"{outcome.Periods} pattern periods each";
        if (source is null) sb.Append(inv, $"{file}: {c.Count} random catalog designs of {decisionPipes.Count} pipes (seed {seed}, {span}) ");
        else sb.Append(inv, $"{file}: {c.Count} designs of {source.Path} ({decisionPipes.Count} pipes named, diameter unit {source.Unit.Name}; {span}) ");
        EpsLaneReport.AppendRunText(sb, outcome, "design");
        string tanks = EpsLaneReport.TankHeading(outcome.TankIds);
        // A file's designs and a --catalog carry no prices: the cheapest to run (energy per day) instead of the cheapest to build.
        bool priced = Priced;
        if (AtTimeZero)
        {
            // One solve per design: the cheapest to build, or without prices those with the most pressure to spare.
            if (source is null && !priced) sb.Append("  the catalog has no prices (--catalog): no pipe costs; designs ranked by their lowest pressure\n");
            sb.Append(inv, $"  designs that keep every junction supplied at >= {minPressure:0.##} m at time zero: {c.Count(Feasible)}; {(priced ? "the cheapest (pipe cost, " : "the highest lowest pressures (")}lowest pressure at node):\n");
            foreach (var x in c.Where(Feasible).OrderBy(x => priced ? x.PipeCost : -x.MinPressure).ThenBy(x => x.Index).Take(5))
                sb.Append(inv, $"    {EpsLaneReport.Label(x.Index, x.Id)}: {(priced ? $"{x.PipeCost:N0}, " : "")}{x.MinPressure:F2} m at {x.MinPressureNode}\n");
            EpsLaneReport.AppendFailures(sb, c.Count(x => !x.Converged), c.Count(x => x.CutOffSteps > 0));
            return sb.ToString();
        }
        if (source is null && !priced) sb.Append("  the catalog has no prices (--catalog): no pipe costs; designs ranked by energy cost per day\n");
        sb.Append(inv, $"  designs that keep every junction supplied at >= {minPressure:0.##} m at every report step: {c.Count(Feasible)}; the cheapest {(priced ? "" : "to run ")}({(priced ? "pipe cost, " : "")}lowest pressure at node and time{tanks}, energy cost per day):\n");
        foreach (var x in c.Where(Feasible).OrderBy(x => priced ? x.PipeCost : PerDay(x.EnergyCost)).ThenBy(x => x.Index).Take(5))
        {
            sb.Append(inv, $"    {EpsLaneReport.Label(x.Index, x.Id)}: {(priced ? $"{x.PipeCost:N0}, " : "")}{x.MinPressure:F2} m at {x.MinPressureNode} {ExtendedPeriodSimulation.Clock(x.MinPressureTime)}");
            EpsLaneReport.AppendTanksAndDailyCost(sb, x.FinalTankLevels, PerDay(x.EnergyCost));
        }
        EpsLaneReport.AppendFailures(sb, c.Count(x => !x.Converged), c.Count(x => x.CutOffSteps > 0));
        return sb.ToString();
    }
}
