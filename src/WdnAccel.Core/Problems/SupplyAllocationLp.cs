using System.Globalization;
using WdnAccel.Core.Io;
using WdnAccel.Core.Lp;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Problems;

/// <summary>
/// The supply allocation guide's (JAOT guide) source→plant→zone allocation LP built from a <see cref="SupplySpec"/> exactly as
/// the guide's script builds it: variables sp_{s}_{p} and pz_{p}_{z} (0-based positions in the source, plant
/// and zone lists, in the guide's order) with lb 0; cost sp = pumping, pz = plant treatment + pumping (+ the
/// zone's quality premium, 0 in the seed); rows source_cap_{s} (≤), plant_cap_{p} (≤), plant_balance_{p}
/// (= 0) and demand_{z} (≥), in that order. Only arcs listed in the spec become variables; an arc capacity
/// becomes the variable's upper bound. A plant with a minimum throughput adds a binary on_{p} and rows
/// plant_min_{p}, plant_on_{p} after the guide's rows (solved by branch-and-bound). Values are taken as the shortest decimal that round-trips the double
/// (12.3 is 123/10), which is the number the scenario file wrote.
/// </summary>
public sealed class SupplyAllocationLp
{
    public SupplySpec Spec { get; }
    public LpModel Model { get; }

    private SupplyAllocationLp(SupplySpec spec, LpModel model)
    {
        Spec = spec;
        Model = model;
    }

    public static string SourcePlant(int s, int p) => $"sp_{s}_{p}";
    public static string PlantZone(int p, int z) => $"pz_{p}_{z}";

    /// <summary>The exact rational a scenario number stands for: its shortest round-trip decimal.</summary>
    public static Rational Exact(double value) => Rational.Parse(value.ToString("R", CultureInfo.InvariantCulture));

    public static SupplyAllocationLp Build(SupplySpec spec, string? file = null)
    {
        var (sp, pz) = Check(spec, file);
        int S = spec.Sources.Count, P = spec.Plants.Count, Z = spec.Zones.Count;

        var model = new LpModel { Name = "supply-allocation", Sense = LpSense.Minimize };
        for (int s = 0; s < S; s++)
            for (int p = 0; p < P; p++)
                if (sp[s, p] is { } arc)
                    model.AddVariable(SourcePlant(s, p), Rational.Zero, arc.Capacity is { } c ? Exact(c) : null, Exact(arc.PumpingCost));
        for (int p = 0; p < P; p++)
            for (int z = 0; z < Z; z++)
                if (pz[p, z] is { } arc)
                    model.AddVariable(PlantZone(p, z), Rational.Zero, arc.Capacity is { } c ? Exact(c) : null,
                        Exact(spec.Plants[p].TreatmentCost) + Exact(arc.PumpingCost) + Exact(spec.Zones[z].QualityPremium));

        LpTerm T(string name, Rational c) => new(model.VariableIndex(name), c);
        for (int s = 0; s < S; s++)
            model.AddConstraint($"source_cap_{s}",
                Enumerable.Range(0, P).Where(p => sp[s, p] is not null).Select(p => T(SourcePlant(s, p), 1)),
                LpRowSense.LessEqual, Exact(spec.Sources[s].Capacity));
        for (int p = 0; p < P; p++)
            model.AddConstraint($"plant_cap_{p}",
                Enumerable.Range(0, S).Where(s => sp[s, p] is not null).Select(s => T(SourcePlant(s, p), 1)),
                LpRowSense.LessEqual, Exact(spec.Plants[p].Capacity));
        for (int p = 0; p < P; p++)
            model.AddConstraint($"plant_balance_{p}",
                Enumerable.Range(0, S).Where(s => sp[s, p] is not null).Select(s => T(SourcePlant(s, p), 1))
                    .Concat(Enumerable.Range(0, Z).Where(z => pz[p, z] is not null).Select(z => T(PlantZone(p, z), -1))),
                LpRowSense.Equal, Rational.Zero);
        for (int z = 0; z < Z; z++)
            model.AddConstraint($"demand_{z}",
                Enumerable.Range(0, P).Where(p => pz[p, z] is not null).Select(p => T(PlantZone(p, z), 1)),
                LpRowSense.GreaterEqual, Exact(spec.Zones[z].Demand));
        // The supply allocation guide's "treatment plant minimum throughput (to avoid startup/shutdown cycling)": a plant either
        // runs between its minimum and its capacity or is off, modelled with a binary on_{p} (a MILP).
        for (int p = 0; p < P; p++)
        {
            if (spec.Plants[p].MinThroughput is not { } min || min <= 0) continue;
            int on = model.AddVariable($"on_{p}", Rational.Zero, Rational.One, Rational.Zero, isInteger: true);
            var inflow = Enumerable.Range(0, S).Where(s => sp[s, p] is not null).Select(s => T(SourcePlant(s, p), 1)).ToList();
            model.AddConstraint($"plant_min_{p}", inflow.Append(new LpTerm(on, -Exact(min))), LpRowSense.GreaterEqual, Rational.Zero);
            model.AddConstraint($"plant_on_{p}", inflow.Append(new LpTerm(on, -Exact(spec.Plants[p].Capacity))), LpRowSense.LessEqual, Rational.Zero);
        }
        return new SupplyAllocationLp(spec, model);
    }

    /// <summary>
    /// The block's checks (ids, numbers, arcs that are source→plant or plant→zone, no arc twice), shared with the
    /// planning model; returns the arcs by (source, plant) and (plant, zone) position.
    /// </summary>
    internal static (SupplyArc?[,] SourcePlant, SupplyArc?[,] PlantZone) Check(SupplySpec spec, string? file)
    {
        Validate(spec, file);
        var src = spec.Sources.Select((s, i) => (s.Id, i)).ToDictionary(t => t.Id, t => t.i, StringComparer.Ordinal);
        var plant = spec.Plants.Select((p, i) => (p.Id, i)).ToDictionary(t => t.Id, t => t.i, StringComparer.Ordinal);
        var zone = spec.Zones.Select((z, i) => (z.Id, i)).ToDictionary(t => t.Id, t => t.i, StringComparer.Ordinal);
        int S = spec.Sources.Count, P = spec.Plants.Count, Z = spec.Zones.Count;
        var sp = new SupplyArc?[S, P];
        var pz = new SupplyArc?[P, Z];
        for (int a = 0; a < spec.Arcs.Count; a++)
        {
            var arc = spec.Arcs[a];
            string field = $"supply.arcs[{a}]";
            if (src.TryGetValue(arc.From, out int s) && plant.TryGetValue(arc.To, out int p))
            {
                if (sp[s, p] is not null) throw new InvalidInputException($"duplicate arc {arc.From}→{arc.To}", file, null, field);
                sp[s, p] = arc;
            }
            else if (plant.TryGetValue(arc.From, out int p2) && zone.TryGetValue(arc.To, out int z))
            {
                if (pz[p2, z] is not null) throw new InvalidInputException($"duplicate arc {arc.From}→{arc.To}", file, null, field);
                pz[p2, z] = arc;
            }
            else
                throw new InvalidInputException($"arc {arc.From}→{arc.To} is neither source→plant nor plant→zone (unknown id or wrong direction)", file, null, field);
        }

        return (sp, pz);
    }

    private static void Validate(SupplySpec spec, string? file)
    {
        if (spec.Sources.Count == 0 || spec.Plants.Count == 0 || spec.Zones.Count == 0)
            throw new InvalidInputException("the supply block needs at least one source, plant and zone", file, null, "supply");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        void Id(string id, string field)
        {
            if (string.IsNullOrEmpty(id)) throw new InvalidInputException("empty id", file, null, field);
            if (!ids.Add(id)) throw new InvalidInputException($"duplicate id '{id}'", file, null, field);
        }
        void NonNegative(double v, string field)
        {
            if (!double.IsFinite(v) || v < 0) throw new InvalidInputException($"expected a finite number ≥ 0, found {v.ToString(CultureInfo.InvariantCulture)}", file, null, field);
        }
        for (int i = 0; i < spec.Sources.Count; i++) { Id(spec.Sources[i].Id, $"supply.sources[{i}].id"); NonNegative(spec.Sources[i].Capacity, $"supply.sources[{i}].capacity"); }
        for (int i = 0; i < spec.Plants.Count; i++)
        {
            var p = spec.Plants[i];
            Id(p.Id, $"supply.plants[{i}].id");
            NonNegative(p.Capacity, $"supply.plants[{i}].capacity");
            if (!double.IsFinite(p.TreatmentCost)) throw new InvalidInputException("treatment cost is not finite", file, null, $"supply.plants[{i}].treatment_cost");
            if (p.MinThroughput is { } mt && (!double.IsFinite(mt) || mt < 0 || mt > p.Capacity))
                throw new InvalidInputException($"minimum throughput must lie in [0, capacity], found {mt.ToString(CultureInfo.InvariantCulture)}", file, null, $"supply.plants[{i}].min_throughput");
        }
        for (int i = 0; i < spec.Zones.Count; i++)
        {
            Id(spec.Zones[i].Id, $"supply.zones[{i}].id");
            NonNegative(spec.Zones[i].Demand, $"supply.zones[{i}].demand");
            if (!double.IsFinite(spec.Zones[i].QualityPremium)) throw new InvalidInputException("quality premium is not finite", file, null, $"supply.zones[{i}].quality_premium");
        }
        for (int i = 0; i < spec.Arcs.Count; i++)
        {
            if (!double.IsFinite(spec.Arcs[i].PumpingCost)) throw new InvalidInputException("pumping cost is not finite", file, null, $"supply.arcs[{i}].pumping_cost");
            if (spec.Arcs[i].Capacity is { } c) NonNegative(c, $"supply.arcs[{i}].capacity");
        }
    }
}
