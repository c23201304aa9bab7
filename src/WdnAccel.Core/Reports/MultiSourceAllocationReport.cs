using System.Globalization;
using System.Text;
using System.Text.Json;
using WdnAccel.Core.Io;
using WdnAccel.Core.Problems;

namespace WdnAccel.Core.Reports;

/// <summary>
/// What `allocate` reports for the Lishui case's model: the plan (net and gross flows per plant and unit), its annual
/// cost with F1–F6 per plant and per route, supplies, chlorine, the units' lower bounds, and for an optimized plan
/// the proven lower bound and gap. Flows in m³/d in JSON (the model's 10⁴ m³/d in the text tables).
/// </summary>
public sealed record MultiSourceAllocationReport(
    MultiSourceModel Model, AllocationPlan Plan, AllocationCost Cost, string Source, MultiSourceBound? Bound, string Settings)
{
    /// <summary>The metaheuristic's own plan cost when the plan was optimized, for its gap to the bound.</summary>
    public double? MetaheuristicCost { get; init; }

    /// <summary>
    /// The search that optimized the plan (null for a priced --plan): stated as `algorithm`, `seed` and `evaluations` in
    /// JSON, so that a run without --seed can be repeated from its report alone (the seed came from the solver block or
    /// the default).
    /// </summary>
    public (string Algorithm, ulong Seed, long Evaluations)? Search { get; init; }

    private static readonly string[] TermNames = ["F1", "F2", "F3", "F4", "F5", "F6"];
    private static readonly string[] TermMeaning =
        ["production", "lifting energy", "network construction", "pumping stations", "water plants", "intake"];

    private double Annual(int term, double value) => Cost.Annualized(term, value);

    public string Status => Cost.Feasible ? "feasible" : "infeasible";

    public void WriteJson(Utf8JsonWriter w)
    {
        const double ToCubicMetresPerDay = MultiSourceModel.FlowUnit;
        w.WriteString("status", Status);
        w.WriteString("plan", Plan.Name);
        w.WriteString("source", Source);
        w.WriteNumber("annual_cost", Cost.Annual);
        w.WriteString("currency_unit", Model.Spec.CurrencyUnit);
        w.WriteString("flow_unit", "m3/d");
        w.WriteStartObject("cost_breakdown");
        for (int t = 0; t < 6; t++) w.WriteNumber(TermNames[t], Annual(t, Cost.Terms[t]));
        w.WriteEndObject();
        w.WriteStartObject("capital_costs");
        for (int t = 2; t < 6; t++) w.WriteNumber(TermNames[t], Cost.Terms[t]);
        w.WriteEndObject();
        w.WriteNumber("annuity_factor", Cost.AnnuityFactor);
        w.WriteString("annuity", Model.Spec.Annuity);
        w.WriteNumberOrNull("min_chlorine", Cost.MinChlorine);
        w.WriteNumber("supply_net", Cost.SupplyNet * ToCubicMetresPerDay);
        w.WriteNumber("supply_gross", Cost.SupplyGross * ToCubicMetresPerDay);
        if (Bound is { } b)
        {
            w.WriteBoolean("certified", b.Certified);
            w.WriteNumberOrNull("lower_bound", b.LowerBound); // null where no allocation is feasible (+∞)
            w.WriteBoolean("no_feasible_allocation", b.NoFeasibleAllocation);
            w.WriteNumberOrNull("gap", b.Gap(Cost.Annual));
            w.WriteNumber("bound_nodes", b.Nodes);
            w.WriteString("bound_method", b.Method);
            if (MetaheuristicCost is { } h)
            {
                w.WriteNumberOrNull("metaheuristic_cost", h);
                w.WriteNumberOrNull("metaheuristic_gap", double.IsFinite(h) ? b.Gap(h) : double.NaN);
            }
        }
        else
        {
            w.WriteBoolean("certified", false);
            w.WriteNull("lower_bound");
            w.WriteNull("gap");
        }
        w.WriteStartArray("units");
        for (int j = 0; j < Model.Units.Count; j++)
        {
            w.WriteStartObject();
            w.WriteString("id", Model.Units[j].Id);
            w.WriteNumber("demand_min", Model.DemandMin[j] * ToCubicMetresPerDay);
            w.WriteNumber("served", Cost.Served[j] * ToCubicMetresPerDay);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("plants");
        for (int i = 0; i < Model.Plants.Count; i++)
        {
            w.WriteStartObject();
            w.WriteString("id", Model.Plants[i].Id);
            if (Model.Plants[i].Name is { } name) w.WriteString("name", name);
            w.WriteNumber("production", Cost.Production[i] * ToCubicMetresPerDay);
            w.WriteNumber("capacity", Cost.Capacity[i] * ToCubicMetresPerDay);
            w.WriteStartObject("cost_breakdown");
            for (int t = 0; t < 6; t++) w.WriteNumber(TermNames[t], Annual(t, Cost.PerPlant[i, t]));
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("routes");
        for (int i = 0; i < Model.Plants.Count; i++)
        {
            for (int j = 0; j < Model.Units.Count; j++)
            {
                var route = Model.Routes[i, j];
                double net = Plan.Net[i, j];
                w.WriteStartObject();
                w.WriteString("plant", route.Plant);
                w.WriteString("unit", route.Unit);
                w.WriteNumber("net", net * ToCubicMetresPerDay);
                w.WriteNumber("gross", Cost.Gross[i, j] * ToCubicMetresPerDay);
                w.WriteBoolean("routable", route.Feasible);
                if (route.Reason is { } reason) w.WriteString("reason", reason);
                w.WriteStartArray("path");
                foreach (var id in route.Nodes) w.WriteStringValue(id);
                w.WriteEndArray();
                w.WriteNumberOrNull("length_km", route.LengthKm);
                w.WriteNumber("loss", route.Loss);
                w.WriteBoolean("lifted", route.Lifted);
                if (route.LiftedAt is { } at) w.WriteString("lifted_at", at);
                w.WriteNumber("lift_head", route.LiftHead);
                w.WriteNumber("chlorine", route.Chlorine);
                if (route.RechlorinatedAt is { } r) w.WriteString("rechlorinated_at", r);
                w.WriteStartObject("cost_breakdown");
                w.WriteNumber("F2", Cost.RouteLifting[i, j]);
                w.WriteNumber("F3", Annual(2, Cost.RouteNetwork[i, j]));
                w.WriteEndObject();
                w.WriteEndObject();
            }
        }
        w.WriteEndArray();
        w.WriteStartArray("problems");
        foreach (var p in Cost.Problems) w.WriteStringValue(p);
        w.WriteEndArray();
        w.WriteStartObject("parameters");
        foreach (var (name, value) in Model.Parameters.All) w.WriteNumber(name, value);
        w.WriteEndObject();
        w.WriteString("settings", Settings);
        if (Search is { } search)
        {
            w.WriteString("algorithm", search.Algorithm);
            w.WriteNumber("seed", search.Seed);
            w.WriteNumber("evaluations", search.Evaluations);
        }
    }

    public string ToText()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        string unit = Model.Spec.CurrencyUnit;
        sb.Append(inv, $"{Plan.Name}: {Status}, {Source}\n");
        sb.Append(inv, $"  annual cost   {Cost.Annual:N2} {unit}/year (annuity {Model.Spec.Annuity} {Cost.AnnuityFactor:F5})\n");
        if (Bound is { NoFeasibleAllocation: true } none)
            sb.Append(inv, $"  lower bound   none: no allocation meets every demand and limit (branch and bound, {none.Nodes} nodes)\n");
        else if (Bound is { } b)
            sb.Append(inv, $"  lower bound   {b.LowerBound:N2} {unit}/year, gap {b.Gap(Cost.Annual):P3} ({(b.Certified ? "certified exactly" : "not certified")}; {b.Method}, {b.Nodes} nodes)\n");
        if (MetaheuristicCost is { } mh && Bound is { NoFeasibleAllocation: false } bb)
            sb.Append(double.IsFinite(mh) ? string.Create(inv, $"  metaheuristic {mh:N2} {unit}/year, gap {bb.Gap(mh):P3} to the bound\n") : "  metaheuristic found no feasible plan\n");
        for (int t = 0; t < 6; t++) sb.Append(inv, $"  {TermNames[t]} {TermMeaning[t],-22} {Annual(t, Cost.Terms[t]),12:N2}\n");
        sb.Append(inv, $"  supply        {Cost.SupplyNet:F4} net, {Cost.SupplyGross:F4} gross (10^4 m³/d); lowest chlorine {Cost.MinChlorine:F3} mg/L\n");
        sb.Append("  unit   need     ");
        foreach (var plant in Model.Plants) sb.Append(inv, $"{plant.Id,9}");
        sb.Append("    total\n");
        for (int j = 0; j < Model.Units.Count; j++)
        {
            sb.Append(inv, $"  {Model.Units[j].Id,-5}{Model.DemandMin[j],8:F4} ");
            for (int i = 0; i < Model.Plants.Count; i++) sb.Append(inv, $"{Plan.Net[i, j],9:F4}");
            sb.Append(inv, $"{Cost.Served[j],9:F4}\n");
        }
        foreach (var p in Cost.Problems) sb.Append("  problem: ").Append(p).Append('\n');
        sb.Append("  settings      ").Append(Settings).Append('\n');
        return sb.ToString();
    }
}
