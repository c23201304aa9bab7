using WdnAccel.Core.Lp;

namespace WdnAccel.Core.Tests.Lp;

/// <summary>The three families of <see cref="RandomLpInstances"/>.</summary>
public enum LpShape
{
    /// <summary>Sources → plants → zones supply LP (the allocation model), with free/negative-bounded adjustments.</summary>
    Transportation,
    /// <summary>MILP: fixed-charge arcs (flow ≤ capacity·y) and plants on/off with a minimum throughput.</summary>
    FixedCharge,
    /// <summary>Small general LP: random sparse rows (≤, ≥, =, ranges), random bounds, either sense.</summary>
    General,
}

/// <summary>One generated model and what produced it (shape, seed, size), for messages and MPS dumps.</summary>
public sealed record LpInstance(LpShape Shape, int Seed, string Description, LpModel Model)
{
    public override string ToString() => $"{Shape} seed {Seed} ({Description})";
}

/// <summary>
/// Seeded random LP/MILP instances in the shapes the allocation models use, shared by the OR-Tools
/// cross-check tests and the side-by-side benchmarks (linked into benchmarks/). Data are integers or cents
/// (k/100), so the exact model and the doubles handed to another solver describe the same problem up to the
/// rounding of a decimal to binary. <see cref="System.Random"/> with a seed is reproducible across runs.
/// </summary>
public static class RandomLpInstances
{
    /// <summary>An instance of <paramref name="shape"/> with sizes drawn from the seed (a few to ~60 variables).</summary>
    public static LpInstance Next(LpShape shape, int seed)
    {
        var rng = new Random(seed * 7919 + (int)shape);
        return shape switch
        {
            LpShape.Transportation => Transportation(seed, rng.Next(1, 5), rng.Next(1, 6), rng.Next(1, 9), rng),
            LpShape.FixedCharge => FixedCharge(seed, rng.Next(1, 4), rng.Next(1, 4), rng.Next(1, 6), rng),
            _ => General(seed, rng.Next(1, 25), rng.Next(0, 16), rng),
        };
    }

    private static Rational Cents(Random rng, int minCents, int maxCents) => new(rng.Next(minCents, maxCents + 1), 100);

    /// <summary>
    /// Sources → plants → zones. Variables sp_s_p (some with arc capacities), pz_p_z, and per plant an
    /// adjustment adj_p (storage drawn down or built up) that is free, bounded on both sides with a negative
    /// lower bound, or [−a, +∞). Rows: source_cap_s (≤), plant_cap_p (≤ on inflow), plant_balance_p
    /// (inflow + adj − outflow = 0, equality), demand_z (≥ or =). About one instance in six asks for more than
    /// the sources hold (infeasible); an adjustment paid to build up storage (negative cost below every
    /// delivery cost) makes some unbounded. With <paramref name="rng"/> null the features are fixed for
    /// benchmarks: feasible, bounded, every variable ≥ 0 except bounded adjustments.
    /// </summary>
    public static LpInstance Transportation(int seed, int sources, int plants, int zones, Random? rng = null)
    {
        bool randomFeatures = rng is not null;
        rng ??= new Random(seed);
        var m = new LpModel { Name = $"transport-{sources}x{plants}x{zones}-{seed}" };
        var sp = new int[sources, plants];
        var pz = new int[plants, zones];
        var adj = new int[plants];
        var sourceCap = new int[sources];
        var plantCap = new int[plants];
        var demand = new int[zones];
        for (int s = 0; s < sources; s++) sourceCap[s] = rng.Next(20, 120);
        for (int p = 0; p < plants; p++) plantCap[p] = rng.Next(20, 100);
        int capacity = Math.Min(sourceCap.Sum(), plantCap.Sum());
        for (int z = 0; z < zones; z++) demand[z] = rng.Next(5, 40);
        // Scale demand to a share of what can flow: mostly below it, sometimes (random instances) above it.
        double share = randomFeatures && rng.Next(6) == 0 ? 1.3 + rng.NextDouble() : 0.3 + 0.6 * rng.NextDouble();
        int total = demand.Sum();
        for (int z = 0; z < zones; z++) demand[z] = Math.Max(1, (int)Math.Round(demand[z] * share * capacity / total));

        for (int s = 0; s < sources; s++)
            for (int p = 0; p < plants; p++)
            {
                Rational? cap = rng.Next(4) == 0 ? new Rational(rng.Next(10, 60)) : null;
                sp[s, p] = m.AddVariable($"sp_{s}_{p}", Rational.Zero, cap, Cents(rng, 50, 2000));
            }
        for (int p = 0; p < plants; p++)
            for (int z = 0; z < zones; z++)
                pz[p, z] = m.AddVariable($"pz_{p}_{z}", Rational.Zero, null, Cents(rng, 50, 2000));
        bool unboundedBait = randomFeatures && rng.Next(8) == 0;
        for (int p = 0; p < plants; p++)
        {
            int a = rng.Next(0, 15);
            int kind = randomFeatures ? rng.Next(4) : 1;
            (Rational? lo, Rational? up) = kind switch
            {
                0 => ((Rational?)null, (Rational?)null),                 // free
                1 => (new Rational(-a), new Rational(rng.Next(0, 10))),   // [−a, b]
                2 => (new Rational(-a), null),                            // [−a, +∞)
                _ => (Rational.Zero, Rational.Zero),                      // fixed at 0
            };
            // A charge on drawing down / building up storage; a free, charged adjustment stays bounded (adj ≥ −inflow).
            // The bait pays for building up storage more than any delivery costs: unbounded when adj_0 may grow.
            Rational cost = unboundedBait && p == 0 ? -Cents(rng, 2100, 3000) : Cents(rng, 0, 300);
            adj[p] = m.AddVariable($"adj_{p}", lo, up, cost);
        }
        for (int s = 0; s < sources; s++)
            m.AddConstraint($"source_cap_{s}", Enumerable.Range(0, plants).Select(p => new LpTerm(sp[s, p], 1)), LpRowSense.LessEqual, sourceCap[s]);
        for (int p = 0; p < plants; p++)
            m.AddConstraint($"plant_cap_{p}", Enumerable.Range(0, sources).Select(s => new LpTerm(sp[s, p], 1)), LpRowSense.LessEqual, plantCap[p]);
        for (int p = 0; p < plants; p++)
        {
            var terms = Enumerable.Range(0, sources).Select(s => new LpTerm(sp[s, p], 1))
                .Append(new LpTerm(adj[p], 1))
                .Concat(Enumerable.Range(0, zones).Select(z => new LpTerm(pz[p, z], -1)));
            m.AddConstraint($"plant_balance_{p}", terms, LpRowSense.Equal, 0);
        }
        for (int z = 0; z < zones; z++)
        {
            var sense = randomFeatures && rng.Next(3) == 0 ? LpRowSense.Equal : LpRowSense.GreaterEqual;
            m.AddConstraint($"demand_{z}", Enumerable.Range(0, plants).Select(p => new LpTerm(pz[p, z], 1)), sense, demand[z]);
        }
        return new LpInstance(LpShape.Transportation, seed, $"{sources} sources, {plants} plants, {zones} zones, {m.Variables.Count} variables", m);
    }

    /// <summary>
    /// Fixed-charge supply MILP. Plants p with a binary on_p (fixed cost when on; minimum throughput
    /// min_p·on_p ≤ inflow ≤ cap_p·on_p), source → plant flows, and plant → zone arcs each with a binary
    /// build decision y_p_z (fixed cost; flow ≤ arc capacity·y). Occasionally an integer number of pump
    /// modules (0..3, 15 units each) adds capacity at one plant. Demands are ≥ or =; some instances ask for
    /// more than can be built (infeasible), and equality demands below every plant's minimum throughput make
    /// some LP-feasible but integer-infeasible. No instance is unbounded. Binaries: plants + plants·zones.
    /// With <paramref name="rng"/> null the features are fixed for benchmarks (feasible, ≥ demands).
    /// </summary>
    public static LpInstance FixedCharge(int seed, int sources, int plants, int zones, Random? rng = null)
    {
        bool randomFeatures = rng is not null;
        rng ??= new Random(seed);
        var m = new LpModel { Name = $"fixedcharge-{sources}x{plants}x{zones}-{seed}" };
        var sourceCap = Enumerable.Range(0, sources).Select(_ => rng.Next(40, 150)).ToArray();
        var plantCap = Enumerable.Range(0, plants).Select(_ => rng.Next(30, 100)).ToArray();
        var plantMin = plantCap.Select(c => randomFeatures && rng.Next(3) == 0 ? 0 : rng.Next(5, c / 2)).ToArray();
        var demand = Enumerable.Range(0, zones).Select(_ => rng.Next(3, 30)).ToArray();
        int capacity = Math.Min(sourceCap.Sum(), plantCap.Sum());
        double share = randomFeatures && rng.Next(8) == 0 ? 1.2 + rng.NextDouble() : 0.2 + 0.6 * rng.NextDouble();
        int total = demand.Sum();
        for (int z = 0; z < zones; z++) demand[z] = Math.Max(1, (int)Math.Round(demand[z] * share * capacity / total));
        bool tinyEqualDemand = randomFeatures && rng.Next(10) == 0;
        if (tinyEqualDemand)
        {
            // One zone, demand strictly below every plant's minimum throughput, delivered exactly: the LP
            // relaxation runs a plant at a fraction; no integer plan exists when every minimum is positive.
            for (int p = 0; p < plants; p++) plantMin[p] = Math.Max(plantMin[p], 6);
            for (int z = 0; z < zones; z++) demand[z] = z == 0 ? 5 : 0;
        }

        var sp = new int[sources, plants];
        for (int s = 0; s < sources; s++)
            for (int p = 0; p < plants; p++)
                sp[s, p] = m.AddVariable($"sp_{s}_{p}", Rational.Zero, null, Cents(rng, 50, 1500));
        var pz = new int[plants, zones];
        var y = new int[plants, zones];
        for (int p = 0; p < plants; p++)
            for (int z = 0; z < zones; z++)
            {
                pz[p, z] = m.AddVariable($"pz_{p}_{z}", Rational.Zero, null, Cents(rng, 50, 1500));
                y[p, z] = m.AddVariable($"y_{p}_{z}", Rational.Zero, Rational.One, rng.Next(20, 400), isInteger: true);
            }
        var on = new int[plants];
        for (int p = 0; p < plants; p++) on[p] = m.AddVariable($"on_{p}", Rational.Zero, Rational.One, rng.Next(50, 800), isInteger: true);
        int modules = -1, modulePlant = -1;
        if (randomFeatures && rng.Next(4) == 0)
        {
            modulePlant = rng.Next(plants);
            modules = m.AddVariable("modules", Rational.Zero, new Rational(3), rng.Next(30, 200), isInteger: true);
        }

        for (int s = 0; s < sources; s++)
            m.AddConstraint($"source_cap_{s}", Enumerable.Range(0, plants).Select(p => new LpTerm(sp[s, p], 1)), LpRowSense.LessEqual, sourceCap[s]);
        for (int p = 0; p < plants; p++)
        {
            var inflow = Enumerable.Range(0, sources).Select(s => new LpTerm(sp[s, p], 1)).ToList();
            // inflow ≤ cap·on (+ 15·modules at the module plant); inflow ≥ min·on.
            var cap = inflow.Append(new LpTerm(on[p], -plantCap[p]));
            if (p == modulePlant) cap = cap.Append(new LpTerm(modules, -15));
            m.AddConstraint($"plant_on_{p}", cap, LpRowSense.LessEqual, 0);
            m.AddConstraint($"plant_min_{p}", inflow.Append(new LpTerm(on[p], -plantMin[p])), LpRowSense.GreaterEqual, 0);
            m.AddConstraint($"plant_balance_{p}", inflow.Concat(Enumerable.Range(0, zones).Select(z => new LpTerm(pz[p, z], -1))), LpRowSense.Equal, 0);
            for (int z = 0; z < zones; z++)
            {
                int arcCap = rng.Next(10, 80);
                m.AddConstraint($"arc_{p}_{z}", [new LpTerm(pz[p, z], 1), new LpTerm(y[p, z], -arcCap)], LpRowSense.LessEqual, 0);
            }
        }
        for (int z = 0; z < zones; z++)
        {
            var sense = tinyEqualDemand || (randomFeatures && rng.Next(4) == 0) ? LpRowSense.Equal : LpRowSense.GreaterEqual;
            m.AddConstraint($"demand_{z}", Enumerable.Range(0, plants).Select(p => new LpTerm(pz[p, z], 1)), sense, demand[z]);
        }
        int binaries = plants + plants * zones;
        return new LpInstance(LpShape.FixedCharge, seed,
            $"{sources} sources, {plants} plants, {zones} zones, {binaries} binaries{(modules >= 0 ? " + modules" : "")}, {m.Variables.Count} variables", m);
    }

    /// <summary>
    /// A general LP: <paramref name="n"/> variables with random bounds ([0, ∞), [l, u] with l possibly
    /// negative, (−∞, u], free, fixed), <paramref name="rows"/> sparse rows with integer or half coefficients in
    /// −6..6 and senses ≤, ≥, = or a range, minimise or maximise. Most right-hand sides are set around a random
    /// point inside the bounds, so the LP is feasible; one row in five (in some instances) gets an arbitrary
    /// right-hand side, which may make it infeasible. Unbounded cases arise from the infinite bounds; one
    /// instance in three has every bound finite.
    /// </summary>
    public static LpInstance General(int seed, int n, int rows, Random rng)
    {
        var m = new LpModel { Name = $"general-{n}x{rows}-{seed}", Sense = rng.Next(2) == 0 ? LpSense.Minimize : LpSense.Maximize };
        var point = new Rational[n];
        bool boxed = rng.Next(3) == 0; // every bound finite: never unbounded
        for (int j = 0; j < n; j++)
        {
            int a = rng.Next(-10, 11), b = a + rng.Next(0, 15);
            (Rational? lo, Rational? up) = (boxed ? 3 + rng.Next(5) % 2 * 4 : rng.Next(8)) switch
            {
                0 or 1 or 2 => ((Rational?)Rational.Zero, (Rational?)null),
                3 or 4 => (new Rational(a), new Rational(b)),
                5 => (null, new Rational(b)),
                6 => (null, null),
                _ => (new Rational(a), new Rational(a)),
            };
            // A point inside the bounds (used for right-hand sides).
            point[j] = lo is { } l ? (up is { } u ? l + new Rational(rng.Next(0, 101), 100) * (u - l) : l + rng.Next(0, 6))
                : up is { } u2 ? u2 - rng.Next(0, 6) : new Rational(rng.Next(-5, 6));
            var cost = rng.Next(5) == 0 ? Rational.Zero : new Rational(rng.Next(-20, 21), rng.Next(2) == 0 ? 1 : 4);
            m.AddVariable($"x{j}", lo, up, cost);
        }
        bool arbitraryRhs = rng.Next(3) == 0;
        for (int i = 0; i < rows; i++)
        {
            var terms = new List<LpTerm>();
            for (int j = 0; j < n; j++)
            {
                if (rng.NextDouble() > Math.Max(0.25, 3.0 / n)) continue;
                int c = rng.Next(-6, 7);
                if (c == 0) c = 1;
                terms.Add(new LpTerm(j, rng.Next(4) == 0 ? new Rational(c, 2) : new Rational(c)));
            }
            if (terms.Count == 0) terms.Add(new LpTerm(rng.Next(n), 1));
            var act = terms.Aggregate(Rational.Zero, (sum, t) => sum + t.Coefficient * point[t.Variable]);
            Rational rhs = arbitraryRhs && rng.Next(5) == 0 ? new Rational(rng.Next(-30, 31)) : act;
            switch (rng.Next(7))
            {
                case 0 or 1 or 2: m.AddConstraint($"r{i}", terms, LpRowSense.LessEqual, rhs + rng.Next(0, 10)); break;
                case 3 or 4: m.AddConstraint($"r{i}", terms, LpRowSense.GreaterEqual, rhs - rng.Next(0, 10)); break;
                case 5: m.AddConstraint($"r{i}", terms, LpRowSense.Equal, rhs); break;
                default: m.AddRange($"r{i}", terms, rhs - rng.Next(0, 8), rhs + rng.Next(0, 8)); break;
            }
        }
        return new LpInstance(LpShape.General, seed, $"{n} variables, {rows} rows, {m.Sense}", m);
    }
}
