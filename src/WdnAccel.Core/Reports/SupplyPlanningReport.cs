using System.Globalization;
using System.Text;
using System.Text.Json;
using WdnAccel.Core.Io;
using WdnAccel.Core.Lp;
using WdnAccel.Core.Problems;

namespace WdnAccel.Core.Reports;

/// <summary>
/// What `allocate` reports for a planning scenario: the exact objective, what to build and what each decision is
/// worth, per period the flows on every arc (the scenario's ids), each plant on or off with its throughput and each
/// zone served, the bottleneck ranking, and for an infeasible plan the zone and period that cannot be served.
/// </summary>
public sealed class SupplyPlanningReport(SupplyPlanning.Outcome outcome)
{
    private SupplyPlanningMilp Milp => outcome.Milp;
    private bool Optimal => outcome.Result.Status == LpStatus.Optimal;
    private double[] X => outcome.Result.SolutionExact?.Select(v => v.ToDouble()).ToArray() ?? outcome.Result.Solution;
    private bool IsMilp => Milp.Model.Variables.Any(v => v.IsInteger);

    private double Flow(int t, int a) => Milp.Flow[t, a] < 0 ? 0 : Clean(X[Milp.Flow[t, a]]);
    private static double Clean(double v) => Math.Abs(v) < 1e-12 ? 0 : v;

    private double Throughput(int t, int p)
    {
        string id = Milp.Spec.Plants[p].Id;
        return Enumerable.Range(0, Milp.Arcs.Count).Where(a => Milp.Arcs[a].To == id).Sum(a => Flow(t, a));
    }

    private bool PlantOn(int t, int p) => Milp.On[t, p] < 0 ? Throughput(t, p) > 0 : X[Milp.On[t, p]] > 0.5;

    public void WriteJson(Utf8JsonWriter w)
    {
        var r = outcome.Result;
        w.WriteString("status", r.StatusName);
        w.WriteString("flow_unit", Milp.Spec.FlowUnit);
        w.WriteString("objective_unit", Milp.ObjectiveUnit);
        if (Optimal)
        {
            w.WriteNumber("objective_value", r.ObjectiveExact?.ToDouble() ?? r.ObjectiveValue);
            if (r.ObjectiveExact is { } exact) w.WriteString("objective_exact", exact.ToString());
        }
        else w.WriteNull("objective_value");
        w.WriteBoolean("certified", r.Certified);
        w.WriteNumber("branch_and_bound_nodes", r.Nodes);
        w.WriteStartArray("build");
        foreach (var d in outcome.Decisions.Where(d => d.Built)) w.WriteStringValue(d.Candidate);
        w.WriteEndArray();
        w.WriteStartArray("decisions");
        foreach (var d in outcome.Decisions)
        {
            w.WriteStartObject();
            w.WriteString("candidate", d.Candidate);
            w.WriteBoolean("built", d.Built);
            w.WriteNumber("annual_capital", d.AnnualCapital);
            if (d.Worth is { } worth) w.WriteNumber("worth", worth); else w.WriteNull("worth");
            w.WriteString("meaning", d.Meaning);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("periods");
        if (Optimal)
        {
            for (int t = 0; t < Milp.Periods.Count; t++)
            {
                var period = Milp.Periods[t];
                w.WriteStartObject();
                w.WriteString("id", period.Id);
                w.WriteNumber("days", period.Days);
                w.WriteStartArray("arcs");
                for (int a = 0; a < Milp.Arcs.Count; a++)
                {
                    if (Milp.Flow[t, a] < 0) continue;
                    w.WriteStartObject();
                    w.WriteString("from", Milp.Arcs[a].From);
                    w.WriteString("to", Milp.Arcs[a].To);
                    w.WriteNumber("flow", Flow(t, a));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("plants");
                for (int p = 0; p < Milp.Spec.Plants.Count; p++)
                {
                    w.WriteStartObject();
                    w.WriteString("id", Milp.Spec.Plants[p].Id);
                    w.WriteBoolean("on", PlantOn(t, p));
                    w.WriteNumber("throughput", Throughput(t, p));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("zones");
                foreach (var zone in Milp.Spec.Zones)
                {
                    w.WriteStartObject();
                    w.WriteString("id", zone.Id);
                    w.WriteNumber("served", Enumerable.Range(0, Milp.Arcs.Count).Where(a => Milp.Arcs[a].To == zone.Id).Sum(a => Flow(t, a)));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
        }
        w.WriteEndArray();
        w.WriteString("duals_from", IsMilp ? "the final LP with the integer decisions (build, on/off) fixed at the optimum" : "the LP");
        w.WriteStartArray("bottlenecks");
        foreach (var b in outcome.Bottlenecks.Where(b => b.SavingPerUnit > 0))
        {
            w.WriteStartObject();
            w.WriteString("kind", b.Kind);
            w.WriteString("id", b.Id);
            w.WriteNumber("saving_per_unit", b.SavingPerUnit);
            if (b.HoldsUpTo is { } up) w.WriteNumber("holds_up_to", up); else w.WriteNull("holds_up_to");
            w.WriteString("meaning", b.Meaning);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("unservable");
        foreach (var u in outcome.Unservable) w.WriteStringValue(u);
        w.WriteEndArray();
        w.WriteStartObject("settings");
        w.WriteNumber("interest_rate", Milp.Spec.InterestRate);
        w.WriteNumber("life_years", Milp.Spec.LifeYears);
        w.WriteNumber("capital_recovery_factor", Milp.CapitalRecoveryFactor);
        w.WriteNumber("pump_efficiency", Milp.Spec.PumpEfficiency);
        w.WriteNumber("energy_price", Milp.Spec.EnergyPrice);
        w.WriteString("version", ProductVersion.Text);
        w.WriteEndObject();
    }

    public string ToText()
    {
        var inv = CultureInfo.InvariantCulture;
        var r = outcome.Result;
        var sb = new StringBuilder();
        sb.Append(inv, $"Status: {r.StatusName}{(r.Certified ? " (certified exactly)" : "")}\n");
        foreach (var u in outcome.Unservable) sb.Append("  ").Append(u).Append('\n');
        if (!Optimal) return sb.ToString();
        sb.Append(inv, $"Cost: {(r.ObjectiveExact?.ToDouble() ?? r.ObjectiveValue):N2} {Milp.ObjectiveUnit} (capital at {Milp.Spec.InterestRate:P1} over {Milp.Spec.LifeYears:G4} years, factor {Milp.CapitalRecoveryFactor:F5})\n");
        foreach (var d in outcome.Decisions) sb.Append(inv, $"  {d.Candidate}: {d.Meaning}\n");
        for (int t = 0; t < Milp.Periods.Count; t++)
        {
            var period = Milp.Periods[t];
            sb.Append(inv, $"{period.Id} ({period.Days:G4} days):");
            for (int p = 0; p < Milp.Spec.Plants.Count; p++)
                sb.Append(inv, $"  {Milp.Spec.Plants[p].Id} {(PlantOn(t, p) ? Throughput(t, p).ToString("F2", inv) : "off")}");
            sb.Append('\n');
            for (int a = 0; a < Milp.Arcs.Count; a++)
                if (Flow(t, a) > 0) sb.Append(inv, $"    {Milp.Arcs[a].From} → {Milp.Arcs[a].To}: {Flow(t, a):F2} {Milp.Spec.FlowUnit}\n");
        }
        sb.Append(IsMilp ? "Bottlenecks (exact duals of the final LP with build and on/off fixed):\n" : "Bottlenecks (exact duals):\n");
        foreach (var b in outcome.Bottlenecks.Where(b => b.SavingPerUnit > 0)) sb.Append("  ").Append(b.Meaning).Append('\n');
        return sb.ToString();
    }
}
