using System.Globalization;
using System.Text;
using System.Text.Json;
using WdnAccel.Core.Lp;

namespace WdnAccel.Core.Problems;

/// <summary>
/// The supply allocation guide's report from a solved <see cref="SupplyAllocationLp"/>: total daily cost, plant throughput, each
/// zone's supply vs demand (as the guide's script prints them), plus the duals: marginal cost of demand per zone
/// (dual of demand_{z}: cost of one more unit delivered there) and value of capacity per plant (minus the dual of
/// plant_cap_{p}: saving from one more unit of capacity; nonzero marks a bottleneck). Exact where certified.
/// </summary>
public sealed class SupplyAllocationReport
{
    public required LpResult Result { get; init; }
    public required SupplyAllocationLp Problem { get; init; }
    public required IReadOnlyList<SupplyAllocationReportLine> Plants { get; init; }   // Value = throughput, Bound = capacity, Dual = value of capacity
    public required IReadOnlyList<SupplyAllocationReportLine> Zones { get; init; }    // Value = supplied, Bound = demand, Dual = marginal cost of demand
    public required IReadOnlyList<SupplyAllocationReportLine> Sources { get; init; }  // Value = used, Bound = capacity, Dual = value of source capacity

    public static SupplyAllocationReport From(SupplyAllocationLp problem, LpResult result)
    {
        var spec = problem.Spec;
        var m = problem.Model;
        bool optimal = result.Status == LpStatus.Optimal;
        (double, Rational?) Sum(IEnumerable<string> names)
        {
            double d = 0;
            Rational? e = result.SolutionExact is null ? null : Rational.Zero;
            foreach (var n in names)
            {
                int j = m.VariableIndex(n);
                if (j < 0 || !optimal) continue;
                d += result.Solution[j];
                if (e is { } acc) e = acc + result.SolutionExact![j];
            }
            return (d, e);
        }
        (double?, Rational?) Dual(string row, bool negate)
        {
            int i = m.ConstraintIndex(row);
            if (i < 0 || !optimal) return (null, null);
            Rational? e = result.DualsExact is { } de ? (negate ? -de[i] : de[i]) : null;
            double? d = result.Duals is { } dd ? (negate ? -dd[i] : dd[i]) : null;
            return (d, e);
        }
        var plants = spec.Plants.Select((p, pi) =>
        {
            var (t, te) = Sum(Enumerable.Range(0, spec.Zones.Count).Select(z => SupplyAllocationLp.PlantZone(pi, z)));
            var (d, de) = Dual($"plant_cap_{pi}", negate: true);
            return new SupplyAllocationReportLine(p.Id, t, te, p.Capacity, d, de);
        }).ToList();
        var zones = spec.Zones.Select((z, zi) =>
        {
            var (t, te) = Sum(Enumerable.Range(0, spec.Plants.Count).Select(p => SupplyAllocationLp.PlantZone(p, zi)));
            var (d, de) = Dual($"demand_{zi}", negate: false);
            return new SupplyAllocationReportLine(z.Id, t, te, z.Demand, d, de);
        }).ToList();
        var sources = spec.Sources.Select((s, si) =>
        {
            var (t, te) = Sum(Enumerable.Range(0, spec.Plants.Count).Select(p => SupplyAllocationLp.SourcePlant(si, p)));
            var (d, de) = Dual($"source_cap_{si}", negate: true);
            return new SupplyAllocationReportLine(s.Id, t, te, s.Capacity, d, de);
        }).ToList();
        return new SupplyAllocationReport { Result = result, Problem = problem, Plants = plants, Zones = zones, Sources = sources };
    }

    private static string F(double v, string format = "0.0") => v.ToString(format, CultureInfo.InvariantCulture);
    private static string G(double v) => (v + 0.0).ToString("G10", CultureInfo.InvariantCulture); // + 0.0: a zero dual prints as 0, not -0
    private static string Ex(Rational? e, double? d) => e is { } x ? (x.IsInteger ? x.ToString() : $"{G(x.ToDouble())} ({x})") : d is { } y ? G(y) : "n/a";

    /// <summary>The seed's printed report, then the certificate line and the dual analysis.</summary>
    public string ToText()
    {
        var r = Result;
        var spec = Problem.Spec;
        var sb = new StringBuilder();
        sb.AppendLine($"Status: {r.StatusName}");
        if (r.Status != LpStatus.Optimal)
        {
            sb.AppendLine($"certified: {(r.Certified ? "true" : "false")}");
            if (r.FarkasMultipliers is { } y)
            {
                sb.AppendLine("infeasibility certificate (Farkas row multipliers):");
                for (int i = 0; i < y.Length; i++) if (!y[i].IsZero) sb.AppendLine($"  {Problem.Model.Constraints[i].Name}: {y[i]}");
            }
            return sb.ToString();
        }
        sb.AppendLine($"Total daily cost: {spec.CostUnit}{F(r.ObjectiveValue, "N0")}");
        for (int p = 0; p < Plants.Count; p++)
            if (Plants[p].Value > 0) sb.AppendLine($"  Plant {p + 1}: {F(Plants[p].Value)} {spec.FlowUnit}");
        for (int z = 0; z < Zones.Count; z++)
            sb.AppendLine($"  Zone {z + 1}: {F(Zones[z].Value)} {Unit(spec.FlowUnit)} (demand: {G(Zones[z].Bound)})");
        sb.AppendLine(r.ObjectiveExact is { } oe
            ? $"Exact total: {oe} {spec.CostUnit}/day, certified: {(r.Certified ? "true" : "false")}"
            : "Exact total: not computed (--no-exact)");
        if (r.DualsExact is null && r.Duals is null)
        {
            sb.AppendLine("Duals: not reported (the plant on/off model is an integer program; LP duals do not apply).");
            for (int p = 0; p < Plants.Count; p++)
                sb.AppendLine($"  Plant {p + 1} ({Plants[p].Id}): {(Plants[p].Value > 0 ? "on" : "off")}, {F(Plants[p].Value)} of {G(Plants[p].Bound)}");
            return sb.ToString();
        }
        sb.AppendLine($"Marginal cost of demand ({spec.CostUnit} per extra {Unit(spec.FlowUnit)} delivered):");
        for (int z = 0; z < Zones.Count; z++) sb.AppendLine($"  Zone {z + 1} ({Zones[z].Id}): {Ex(Zones[z].DualExact, Zones[z].Dual)}");
        sb.AppendLine($"Value of capacity ({spec.CostUnit} saved per extra {Unit(spec.FlowUnit)} of capacity):");
        for (int p = 0; p < Plants.Count; p++)
        {
            var pl = Plants[p];
            bool full = pl.ValueExact is { } te ? te == SupplyAllocationLp.Exact(pl.Bound) : pl.Value >= pl.Bound - 1e-9;
            sb.AppendLine($"  Plant {p + 1} ({pl.Id}): {Ex(pl.DualExact, pl.Dual)}  [{F(pl.Value)} of {G(pl.Bound)}{(full ? ", at capacity" : "")}]");
        }
        for (int s = 0; s < Sources.Count; s++)
        {
            var so = Sources[s];
            sb.AppendLine($"  Source {s + 1} ({so.Id}): {Ex(so.DualExact, so.Dual)}  [{F(so.Value)} of {G(so.Bound)}]");
        }
        return sb.ToString();
    }

    /// <summary>The "ML/day" flow unit reads "ML" per zone line, as in the guide.</summary>
    private static string Unit(string flowUnit) => flowUnit.EndsWith("/day", StringComparison.Ordinal) ? flowUnit[..^4] : flowUnit;

    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteNumber("total_daily_cost", Result.ObjectiveValue);
        void Lines(string name, IReadOnlyList<SupplyAllocationReportLine> lines, string value, string bound, string dual)
        {
            w.WriteStartArray(name);
            foreach (var l in lines)
            {
                w.WriteStartObject();
                w.WriteString("id", l.Id);
                w.WriteNumber(value, l.Value);
                if (l.ValueExact is { } ve) w.WriteString(value + "_exact", ve.ToString());
                w.WriteNumber(bound, l.Bound);
                if (l.Dual is { } d) w.WriteNumber(dual, d + 0.0);
                if (l.DualExact is { } de) w.WriteString(dual + "_exact", de.ToString());
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        Lines("plants", Plants, "throughput", "capacity", "value_of_capacity");
        Lines("zones", Zones, "supplied", "demand", "marginal_cost_of_demand");
        Lines("sources", Sources, "used", "capacity", "value_of_capacity");
        WriteArcs(w);
    }

    /// <summary>
    /// "arcs": one entry per arc of the supply block, named by the block's own ids: `from`, `to`, the LP variable that
    /// carries it, `flow` (and `flow_exact` where certified), `unit_cost_exact` (pumping, plus treatment and quality
    /// premium on plant → zone arcs) and `reduced_cost_exact` (what one more unit on an unused arc would add).
    /// </summary>
    private void WriteArcs(Utf8JsonWriter w)
    {
        var spec = Problem.Spec;
        var m = Problem.Model;
        bool optimal = Result.Status == LpStatus.Optimal;
        static int Index(List<string> ids, string id) => ids.IndexOf(id);
        var sources = spec.Sources.Select(x => x.Id).ToList();
        var plants = spec.Plants.Select(x => x.Id).ToList();
        var zones = spec.Zones.Select(x => x.Id).ToList();
        w.WriteStartArray("arcs");
        foreach (var arc in spec.Arcs)
        {
            int s = Index(sources, arc.From), p = Index(plants, arc.From);
            string variable = s >= 0 ? SupplyAllocationLp.SourcePlant(s, Index(plants, arc.To)) : SupplyAllocationLp.PlantZone(p, Index(zones, arc.To));
            int j = m.VariableIndex(variable);
            if (j < 0) continue;
            w.WriteStartObject();
            w.WriteString("from", arc.From);
            w.WriteString("to", arc.To);
            w.WriteString("variable", variable);
            if (optimal)
            {
                w.WriteNumber("flow", Result.Solution[j]);
                if (Result.SolutionExact is { } se) w.WriteString("flow_exact", se[j].ToString());
                if (Result.ReducedCostsExact is { } rc) w.WriteString("reduced_cost_exact", rc[j].ToString());
            }
            w.WriteString("unit_cost_exact", m.Variables[j].Cost.ToString());
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
