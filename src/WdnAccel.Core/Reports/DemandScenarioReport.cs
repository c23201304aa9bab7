using System.Globalization;
using System.Text;
using System.Text.Json;
using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Reports;

/// <summary>
/// A demand-scenario batch: per scenario its factor (or, with <paramref name="junctionIds"/>, its factor per junction in
/// that order and their base-demand-weighted mean), lowest pressure (where, when), tank levels at the end, pump energy
/// and cost, and the time it took.
/// </summary>
public sealed class DemandScenarioReport(EpsLaneOutcome<DemandScenario> outcome, string file, int seed, double spread,
    IReadOnlyList<string>? junctionIds = null)
{
    private bool PerJunction => junctionIds is not null;
    private string FactorText => PerJunction
        ? "one per junction and scenario, uniform in [1 - spread, 1 + spread], from (seed, scenario, junction); demand_factor is their mean weighted by base demand"
        : "one per scenario, uniform in [1 - spread, 1 + spread], on every junction demand";

    /// <summary>Hours the run spans (each scenario's own duration).</summary>
    private double RunHours => outcome.Candidates.Count > 0 ? outcome.CandidateHours / outcome.Candidates.Count : 0;
    private double PerDay(double cost) => RunHours > 0 ? cost * 24 / RunHours : 0;

    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("file", file);
        w.WriteNumber("scenarios", outcome.Candidates.Count);
        w.WriteNumber("seed", seed);
        w.WriteNumber("demand_spread", spread);
        w.WriteString("factor", FactorText);
        w.WriteBoolean("per_junction", PerJunction);
        if (junctionIds is not null) EpsLaneReport.WriteStrings(w, "junctions", junctionIds);
        w.WriteNumber("periods_per_scenario", outcome.Periods);
        EpsLaneReport.WriteRunJson(w, outcome, "scenario_hours_per_second", s =>
        {
            s.WriteNumber("seed", seed);
            s.WriteNumber("demand_spread", spread);
            s.WriteBoolean("per_junction", PerJunction);
            s.WriteString("factor", FactorText);
        });
        EpsLaneReport.WriteStrings(w, "notes", outcome.Notes);
        EpsLaneReport.WriteStrings(w, "tanks", outcome.TankIds);
        w.WriteStartArray("candidates");
        foreach (var c in outcome.Candidates)
        {
            w.WriteStartObject();
            w.WriteNumber("index", c.Index);
            w.WriteNumber("demand_factor", c.Factor);
            EpsLaneReport.WriteRunFields(w, c.MinPressure, c.MinPressureNode, c.MinPressureTime, c.FinalTankLevels,
                c.KilowattHours, c.EnergyCost, PerDay(c.EnergyCost), c.CutOffSteps, c.Converged);
            EpsLaneReport.WriteNumbers(w, "tank_level_change", c.TankLevelChange);
            if (c.JunctionFactors is { } f)
            {
                w.WriteNumber("junction_factor_min", f.Min());
                w.WriteNumber("junction_factor_max", f.Max());
                EpsLaneReport.WriteNumbers(w, "junction_factors", f);
            }
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
        sb.Append(inv, $"{file}: {c.Count} demand scenarios (factor per {(PerJunction ? "junction and " : "")}scenario in [{1 - spread:0.###}, {1 + spread:0.###}], seed {seed}, {outcome.Periods} pattern periods each) ");
        EpsLaneReport.AppendRunText(sb, outcome, "scenario");
        if (c.Count == 0) return sb.ToString();
        var connected = c.Where(x => x.Converged && x.CutOffSteps == 0).ToList();
        sb.Append(inv, $"  scenarios that converge with every junction connected to a source throughout: {connected.Count}; lowest pressure over them {(connected.Count > 0 ? connected.Min(x => x.MinPressure) : double.NaN):F2} .. {(connected.Count > 0 ? connected.Max(x => x.MinPressure) : double.NaN):F2} m\n");
        string tanks = EpsLaneReport.TankHeading(outcome.TankIds);
        sb.Append(inv, $"  the lowest pressures ({(PerJunction ? "mean factor weighted by base demand" : "factor")}, lowest pressure at node and time{tanks}, energy cost per day):\n");
        foreach (var x in c.OrderBy(x => x.MinPressure).ThenBy(x => x.Index).Take(5))
        {
            sb.Append(inv, $"    #{x.Index}: x{x.Factor:F3}, {x.MinPressure:F2} m at {x.MinPressureNode} {ExtendedPeriodSimulation.Clock(x.MinPressureTime)}");
            EpsLaneReport.AppendTanksAndDailyCost(sb, x.FinalTankLevels, PerDay(x.EnergyCost));
        }
        EpsLaneReport.AppendFailures(sb, c.Count(x => !x.Converged), c.Count(x => x.CutOffSteps > 0));
        return sb.ToString();
    }
}
