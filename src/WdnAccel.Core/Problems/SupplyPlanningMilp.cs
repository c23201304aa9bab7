using System.Globalization;
using System.Text.RegularExpressions;
using WdnAccel.Core.Io;
using WdnAccel.Core.Lp;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Problems;

/// <summary>
/// Supply planning on the supply allocation guide's source → plant → zone network, to the letter of the guide's
/// list (seasonal availability, which plants operate, what to build, quality, pressure), as one exact MILP:
/// <list type="bullet">
/// <item>per period t (days d_t): flows f on every arc; source capacities and zone demands of that period;</item>
/// <item>plants: capacity (plus chosen upgrades), balance, on/off binaries where a plant has a minimum throughput, a
/// fixed cost per day on, or a start-up cost (start-ups counted cyclically, the year repeating);</item>
/// <item>candidates: a binary y per upgrade or new link, its capital cost annualized by the capital-recovery factor
/// i(1+i)^n/((1+i)^n − 1); a new link carries at most its capacity × y; at most one candidate of a group (sizes of
/// one main) is built;</item>
/// <item>quality: a plant→zone arc exists only when the plant's quality class reaches the zone's; arcs add their own
/// premium per unit (plant × zone) to the zone's;</item>
/// <item>pressure: lifting a zone's required head above a plant's outlet head costs ρgH/η per m³ at the energy price;</item>
/// <item>storage: a source with a reservoir carries unused water to the next period (level L_t − L_{t−1} + d_t·use ≤
/// d_t·yield, 0 ≤ L_t ≤ storage, the year repeating); without one, use ≤ yield each day.</item>
/// </list>
/// The objective is per year when periods are given (Σ d_t · daily costs + annual capital), per day otherwise.
/// </summary>
public sealed class SupplyPlanningMilp
{
    public SupplySpec Spec { get; }
    public LpModel Model { get; }
    public IReadOnlyList<SupplyPeriod> Periods { get; }

    /// <summary>Arcs in order: the spec's, then each new-link candidate's (its index in <see cref="Candidates"/>).</summary>
    public IReadOnlyList<(string From, string To, int Candidate)> Arcs { get; }

    /// <summary>Variable index of f[t, arc] (−1: the arc is excluded, e.g. by quality).</summary>
    public int[,] Flow { get; }

    /// <summary>Variable index of on[t, plant] (−1: the plant is always available).</summary>
    public int[,] On { get; }

    /// <summary>Variable index of each candidate's build binary.</summary>
    public int[] BuildVariable { get; }

    /// <summary>Row index of the capacity rows a planner may relax: source[t, s], plant[t, p].</summary>
    public int[,] SourceRow { get; }
    public int[,] PlantRow { get; }

    /// <summary>What a source row's right-hand side is in units of daily capacity (d_t for a row with storage, else 1).</summary>
    public double[,] SourceRowScale { get; private init; } = new double[0, 0];

    public double CapitalRecoveryFactor { get; }

    /// <summary>Objective per year (periods given) or per day (the guide's single day).</summary>
    public string ObjectiveUnit => Spec.Periods.Count > 0 ? $"{Spec.CostUnit}/year" : $"{Spec.CostUnit}/day";

    private SupplyPlanningMilp(SupplySpec spec, LpModel model, IReadOnlyList<SupplyPeriod> periods, List<(string From, string To, int Candidate)> arcs,
        int[,] flow, int[,] on, int[] build, int[,] sourceRow, int[,] plantRow, double crf)
    {
        Spec = spec; Model = model; Periods = periods; Arcs = arcs; Flow = flow; On = on; BuildVariable = build;
        SourceRow = sourceRow; PlantRow = plantRow; CapitalRecoveryFactor = crf;
    }

    /// <summary>m³ in one unit of volume of the flow unit, for lifting energy; null when the unit is not known.</summary>
    public static double? CubicMetresPerUnit(string flowUnit) => flowUnit.Trim().ToLowerInvariant() switch
    {
        "ml/day" or "ml/d" => 1000,
        "m3/day" or "m3/d" or "m³/d" or "m³/day" => 1,
        "mgd" => 3785.411784,
        _ => null,
    };

    public static SupplyPlanningMilp Build(SupplySpec spec, string? file = null)
    {
        SupplyAllocationLp.Check(spec, file); // the guide's checks: ids, numbers, arcs
        var periods = spec.Periods.Count > 0 ? spec.Periods : [new SupplyPeriod("day", 1)];
        double yearScale = spec.Periods.Count > 0 ? 1 : 1.0 / 365;
        double i = spec.InterestRate, n = spec.LifeYears, g = Math.Pow(1 + i, n);
        double crf = i == 0 ? 1 / n : i * g / (g - 1);
        var source = Index(spec.Sources.Select(s => s.Id));
        var plant = Index(spec.Plants.Select(p => p.Id));
        var zone = Index(spec.Zones.Select(z => z.Id));
        CheckPeriodsAndCandidates(spec, source, plant, zone, file);

        var arcs = spec.Arcs.Select(a => (From: a.From, To: a.To, Candidate: -1)).ToList();
        for (int c = 0; c < spec.Candidates.Count; c++)
            if (spec.Candidates[c].From is { } from) arcs.Add((from, spec.Candidates[c].To!, c));
        double? cubicMetres = CubicMetresPerUnit(spec.FlowUnit);
        if (cubicMetres is null && spec.Zones.Any(z => z.RequiredHead is not null))
            throw new InvalidInputException($"lifting to a zone's required head needs a known flow unit (ML/day, m3/day, MGD), not '{spec.FlowUnit}'", file, field: "supply.flow_unit");

        var model = new LpModel { Name = "supply-planning", Sense = LpSense.Minimize };
        int T = periods.Count, P = spec.Plants.Count, S = spec.Sources.Count, Z = spec.Zones.Count;
        var build = new int[spec.Candidates.Count];
        for (int c = 0; c < build.Length; c++)
            build[c] = model.AddVariable($"build_{Name(spec.Candidates[c].Id)}", Rational.Zero, Rational.One,
                R(crf * spec.Candidates[c].CapitalCost * yearScale), isInteger: true);

        // Alternatives (the sizes of one main or upgrade): at most one of a group is built.
        foreach (var group in Enumerable.Range(0, build.Length).Where(c => spec.Candidates[c].Group is not null).GroupBy(c => spec.Candidates[c].Group!))
        {
            if (group.Count() > 1)
                model.AddConstraint($"group_{Name(group.Key)}", group.Select(c => new LpTerm(build[c], Rational.One)), LpRowSense.LessEqual, Rational.One);
        }

        var flow = new int[T, arcs.Count];
        var on = new int[T, P];
        var sourceRow = new int[T, S];
        var sourceScale = new double[T, S];
        var plantRow = new int[T, P];
        for (int t = 0; t < T; t++)
        {
            double days = periods[t].Days;
            string tn = Name(periods[t].Id);
            for (int a = 0; a < arcs.Count; a++)
            {
                var (from, to, c) = arcs[a];
                flow[t, a] = -1;
                double unitCost;
                double? capacity = null;
                if (source.ContainsKey(from))
                {
                    unitCost = c < 0 ? spec.Arcs[a].PumpingCost : spec.Candidates[c].PumpingCost;
                    if (c < 0) capacity = spec.Arcs[a].Capacity;
                }
                else
                {
                    var p = spec.Plants[plant[from]];
                    var z = spec.Zones[zone[to]];
                    if (p.Quality < z.RequiredQuality) continue; // the plant's water does not reach the zone's class
                    double pumping = c < 0 ? spec.Arcs[a].PumpingCost : spec.Candidates[c].PumpingCost;
                    double premium = z.QualityPremium + (c < 0 ? spec.Arcs[a].QualityPremium : 0);
                    unitCost = p.TreatmentCost + pumping + premium + LiftCost(spec, p, z, cubicMetres);
                    if (c < 0) capacity = spec.Arcs[a].Capacity;
                }
                flow[t, a] = model.AddVariable($"f_{tn}_{Name(from)}_{Name(to)}{(c >= 0 ? "_" + Name(spec.Candidates[c].Id) : "")}", Rational.Zero, capacity is { } cap ? R(cap) : null, R(unitCost * days));
            }
            for (int p = 0; p < P; p++)
            {
                var pl = spec.Plants[p];
                bool switched = pl.MinThroughput is > 0 || pl.FixedCost > 0 || pl.StartupCost > 0;
                on[t, p] = switched ? model.AddVariable($"on_{tn}_{Name(pl.Id)}", Rational.Zero, Rational.One, R(pl.FixedCost * days), isInteger: true) : -1;
            }
        }

        // Reservoir levels at the end of each period, for sources with storage.
        var level = new int[]?[S];
        for (int s = 0; s < S; s++)
        {
            if (!(spec.Sources[s].Storage > 0) || T < 2) continue;
            level[s] = Enumerable.Range(0, T).Select(t => model.AddVariable($"level_{Name(periods[t].Id)}_{Name(spec.Sources[s].Id)}",
                Rational.Zero, R(spec.Sources[s].Storage))).ToArray();
        }
        LpTerm F(int t, int a, double coefficient = 1) => new(flow[t, a], R(coefficient));
        IEnumerable<int> ArcsWhere(Func<(string From, string To, int Candidate), bool> test) =>
            Enumerable.Range(0, arcs.Count).Where(a => test(arcs[a]));
        for (int t = 0; t < T; t++)
        {
            string tn = Name(periods[t].Id);
            for (int s = 0; s < S; s++)
            {
                string id = spec.Sources[s].Id;
                double cap = periods[t].SourceCapacity.TryGetValue(id, out var c) ? c : spec.Sources[s].Capacity;
                var use = ArcsWhere(a => a.From == id).Where(a => flow[t, a] >= 0).Select(a => F(t, a)).ToList();
                if (level[s] is { } l && T > 1)
                {
                    // Over the period: d_t·use + L_t − L_{t−1} ≤ d_t·yield (exact in days, so the row is scaled by d_t).
                    double d = periods[t].Days;
                    var terms = use.Select(u => new LpTerm(u.Variable, u.Coefficient * R(d))).Append(new LpTerm(l[t], Rational.One)).Append(new LpTerm(l[(t + T - 1) % T], Rational.MinusOne));
                    sourceRow[t, s] = model.AddConstraint($"source_cap_{tn}_{Name(id)}", terms, LpRowSense.LessEqual, R(d) * R(cap));
                    sourceScale[t, s] = d;
                }
                else
                {
                    sourceRow[t, s] = model.AddConstraint($"source_cap_{tn}_{Name(id)}", use, LpRowSense.LessEqual, R(cap));
                    sourceScale[t, s] = 1;
                }
            }
            for (int p = 0; p < P; p++)
            {
                var pl = spec.Plants[p];
                var inflow = ArcsWhere(a => a.To == pl.Id).Where(a => flow[t, a] >= 0).Select(a => F(t, a)).ToList();
                var upgrades = Enumerable.Range(0, spec.Candidates.Count).Where(c => spec.Candidates[c].Plant == pl.Id).ToList();
                plantRow[t, p] = model.AddConstraint($"plant_cap_{tn}_{Name(pl.Id)}",
                    inflow.Concat(upgrades.Select(c => new LpTerm(build[c], R(-spec.Candidates[c].Capacity)))), LpRowSense.LessEqual, R(pl.Capacity));
                model.AddConstraint($"plant_balance_{tn}_{Name(pl.Id)}",
                    inflow.Concat(ArcsWhere(a => a.From == pl.Id).Where(a => flow[t, a] >= 0).Select(a => F(t, a, -1))), LpRowSense.Equal, Rational.Zero);
                if (on[t, p] >= 0)
                {
                    double most = pl.Capacity + upgrades.Sum(c => spec.Candidates[c].Capacity);
                    model.AddConstraint($"plant_on_{tn}_{Name(pl.Id)}", inflow.Append(new LpTerm(on[t, p], R(-most))), LpRowSense.LessEqual, Rational.Zero);
                    if (pl.MinThroughput is { } min && min > 0)
                        model.AddConstraint($"plant_min_{tn}_{Name(pl.Id)}", inflow.Append(new LpTerm(on[t, p], R(-min))), LpRowSense.GreaterEqual, Rational.Zero);
                    if (pl.StartupCost > 0 && T > 1)
                    {
                        // start ≥ on_t − on_{t−1}, the year repeating (the last period precedes the first).
                        int start = model.AddVariable($"start_{tn}_{Name(pl.Id)}", Rational.Zero, Rational.One, R(pl.StartupCost));
                        int previous = on[(t + T - 1) % T, p];
                        model.AddConstraint($"plant_start_{tn}_{Name(pl.Id)}",
                            [new LpTerm(start, Rational.One), new LpTerm(on[t, p], Rational.MinusOne), new LpTerm(previous, Rational.One)], LpRowSense.GreaterEqual, Rational.Zero);
                    }
                }
            }
            for (int z = 0; z < Z; z++)
            {
                var zn = spec.Zones[z];
                double need = periods[t].Demand.TryGetValue(zn.Id, out var d) ? d : zn.Demand * periods[t].DemandFactor;
                model.AddConstraint($"demand_{tn}_{Name(zn.Id)}",
                    ArcsWhere(a => a.To == zn.Id).Where(a => flow[t, a] >= 0).Select(a => F(t, a)), LpRowSense.GreaterEqual, R(need));
            }
            for (int a = 0; a < arcs.Count; a++)
            {
                if (arcs[a].Candidate is var c and >= 0 && flow[t, a] >= 0)
                    model.AddConstraint($"link_{tn}_{Name(spec.Candidates[c].Id)}",
                        [F(t, a), new LpTerm(build[c], R(-spec.Candidates[c].Capacity))], LpRowSense.LessEqual, Rational.Zero);
            }
        }
        return new SupplyPlanningMilp(spec, model, periods, arcs, flow, on, build, sourceRow, plantRow, crf) { SourceRowScale = sourceScale };
    }

    /// <summary>
    /// Cost per unit volume of lifting to the zone's required head from the plant's outlet head: ρ·g·H/η per m³
    /// (1000 kg/m³ · 9.81 m/s² · H m / η J = 9.81·H/(3600·η) kWh) at the energy price; 0 when either head is not given.
    /// </summary>
    public static double LiftCost(SupplySpec spec, SupplyPlant plant, SupplyZone zone, double? cubicMetresPerUnit)
    {
        if (plant.Head is not { } from || zone.RequiredHead is not { } to || cubicMetresPerUnit is not { } m3) return 0;
        double lift = Math.Max(0, to - from);
        return m3 * 1000 * 9.81 * lift / spec.PumpEfficiency / 3.6e6 * spec.EnergyPrice;
    }

    private static Rational R(double v) => SupplyAllocationLp.Exact(v);

    private static Dictionary<string, int> Index(IEnumerable<string> ids) =>
        ids.Select((id, k) => (id, k)).ToDictionary(t => t.id, t => t.k, StringComparer.Ordinal);

    /// <summary>An id as it may stand in an LP variable or row name (MPS allows no spaces).</summary>
    private static string Name(string id) => Regex.Replace(id, "[^A-Za-z0-9_.]", "_");

    private static void CheckPeriodsAndCandidates(SupplySpec spec, Dictionary<string, int> source, Dictionary<string, int> plant, Dictionary<string, int> zone, string? file)
    {
        var periodIds = new HashSet<string>(StringComparer.Ordinal);
        for (int t = 0; t < spec.Periods.Count; t++)
        {
            var p = spec.Periods[t];
            string at = $"supply.periods[{t}]";
            if (string.IsNullOrEmpty(p.Id) || !periodIds.Add(p.Id)) throw new InvalidInputException($"empty or duplicate period id '{p.Id}'", file, field: at + ".id");
            if (!(p.Days > 0) || !double.IsFinite(p.Days)) throw new InvalidInputException($"days must be a finite number > 0, got {p.Days}", file, field: at + ".days");
            foreach (var id in p.SourceCapacity.Keys)
                if (!source.ContainsKey(id)) throw new InvalidInputException($"unknown source '{id}'", file, field: at + ".source_capacity");
            foreach (var id in p.Demand.Keys)
                if (!zone.ContainsKey(id)) throw new InvalidInputException($"unknown zone '{id}'", file, field: at + ".demand");
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int c = 0; c < spec.Candidates.Count; c++)
        {
            var k = spec.Candidates[c];
            string at = $"supply.candidates[{c}]";
            if (string.IsNullOrEmpty(k.Id) || !ids.Add(k.Id)) throw new InvalidInputException($"empty or duplicate candidate id '{k.Id}'", file, field: at + ".id");
            bool upgrade = k.Plant is not null, link = k.From is not null || k.To is not null;
            if (upgrade == link) throw new InvalidInputException("a candidate is either a plant upgrade (`plant`) or a new link (`from` and `to`)", file, field: at);
            if (upgrade && !plant.ContainsKey(k.Plant!)) throw new InvalidInputException($"unknown plant '{k.Plant}'", file, field: at + ".plant");
            if (link && !(k.From is not null && k.To is not null && (source.ContainsKey(k.From) && plant.ContainsKey(k.To) || plant.ContainsKey(k.From) && zone.ContainsKey(k.To))))
                throw new InvalidInputException($"link {k.From}→{k.To} is neither source→plant nor plant→zone", file, field: at);
            if (link && spec.Arcs.Any(a => a.From == k.From && a.To == k.To)) throw new InvalidInputException($"link {k.From}→{k.To} exists already; a parallel new link is not supported", file, field: at);
            if (link && spec.Candidates.Take(c).Any(o => o.From == k.From && o.To == k.To && (o.Group is null || o.Group != k.Group)))
                throw new InvalidInputException($"another candidate builds link {k.From}→{k.To}: give both the same `group` (sizes of one link, at most one built)", file, field: at);
        }
        if (!(spec.PumpEfficiency is > 0 and <= 1)) throw new InvalidInputException($"pump efficiency must be in (0, 1], got {spec.PumpEfficiency}", file, field: "supply.pump_efficiency");
        if (!double.IsFinite(spec.InterestRate) || spec.InterestRate < 0) throw new InvalidInputException("interest rate must be ≥ 0", file, field: "supply.interest_rate");
        for (int z = 0; z < spec.Zones.Count; z++)
        {
            var zn = spec.Zones[z];
            bool served = spec.Arcs.Any(a => a.To == zn.Id && plant.TryGetValue(a.From, out int p) && spec.Plants[p].Quality >= zn.RequiredQuality)
                || spec.Candidates.Any(k => k.To == zn.Id && k.From is { } f && plant.TryGetValue(f, out int p) && spec.Plants[p].Quality >= zn.RequiredQuality);
            if (!served && spec.Periods.Select(t => t.Demand.TryGetValue(zn.Id, out var d) ? d : zn.Demand * t.DemandFactor).DefaultIfEmpty(zn.Demand).Max() > 0)
                throw new InvalidInputException($"zone '{zn.Id}' needs quality class {zn.RequiredQuality}, and no plant linked to it reaches that class", file, field: $"supply.zones[{z}]");
        }
    }
}
