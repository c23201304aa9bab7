using System.Text;
using WdnAccel.Core.Io;
using WdnAccel.Core.Lp;
using WdnAccel.Core.Model;
using WdnAccel.Core.Problems;

namespace WdnAccel.Core.Tests.Problems;

public class SupplyAllocationLpTests
{
    // The supply allocation guide (JAOT water distribution guide) numbers.
    private static readonly int[] SourceCap = [50, 40];
    private static readonly int[] PlantCap = [30, 25, 20];
    private static readonly int[] PlantCost = [8, 10, 12];
    private static readonly int[] ZoneDemand = [12, 8, 15, 10, 9, 11];
    private static readonly int[,] SpPump = { { 3, 5, 4 }, { 4, 3, 6 } };
    private static readonly int[,] PzPump = { { 2, 4, 3, 5, 6, 3 }, { 4, 2, 5, 3, 4, 5 }, { 3, 5, 2, 4, 3, 4 } };

    internal static SupplySpec SeedSpec() => new()
    {
        Sources = SourceCap.Select((c, s) => new SupplySource($"S{s + 1}", c)).ToList(),
        Plants = PlantCap.Select((c, p) => new SupplyPlant($"P{p + 1}", c, PlantCost[p])).ToList(),
        Zones = ZoneDemand.Select((d, z) => new SupplyZone($"Z{z + 1}", d)).ToList(),
        Arcs = Enumerable.Range(0, 2).SelectMany(s => Enumerable.Range(0, 3).Select(p => new SupplyArc($"S{s + 1}", $"P{p + 1}", SpPump[s, p])))
            .Concat(Enumerable.Range(0, 3).SelectMany(p => Enumerable.Range(0, 6).Select(z => new SupplyArc($"P{p + 1}", $"Z{z + 1}", PzPump[p, z]))))
            .ToList(),
    };

    internal static string RepoFile(string relative) => Path.Combine(RepoPaths.Root, relative);

    /// <summary>
    /// Independent oracle: successive shortest paths (Bellman–Ford on the residual graph) on the equivalent
    /// min-cost flow network super-source → sources → plants (through a capacity arc) → zones → sink.
    /// Integral data give an integral optimum, so plain integer arithmetic is exact.
    /// </summary>
    private static long MinCostFlowOracle()
    {
        int S = 2, P = 3, Z = 6;
        int src = 0, sink = 1, sBase = 2, pIn = sBase + S, pOut = pIn + P, zBase = pOut + P, n = zBase + Z;
        var to = new List<int>(); var cap = new List<long>(); var cost = new List<long>(); var head = new List<int>[n];
        for (int i = 0; i < n; i++) head[i] = [];
        void Edge(int a, int b, long c, long w)
        {
            head[a].Add(to.Count); to.Add(b); cap.Add(c); cost.Add(w);
            head[b].Add(to.Count); to.Add(a); cap.Add(0); cost.Add(-w);
        }
        const long Inf = long.MaxValue / 4;
        for (int s = 0; s < S; s++) Edge(src, sBase + s, SourceCap[s], 0);
        for (int s = 0; s < S; s++) for (int p = 0; p < P; p++) Edge(sBase + s, pIn + p, Inf, SpPump[s, p]);
        for (int p = 0; p < P; p++) Edge(pIn + p, pOut + p, PlantCap[p], 0);
        for (int p = 0; p < P; p++) for (int z = 0; z < Z; z++) Edge(pOut + p, zBase + z, Inf, PlantCost[p] + PzPump[p, z]);
        for (int z = 0; z < Z; z++) Edge(zBase + z, sink, ZoneDemand[z], 0);
        long need = ZoneDemand.Sum(), total = 0;
        while (need > 0)
        {
            var dist = Enumerable.Repeat(Inf, n).ToArray();
            var via = new int[n];
            dist[src] = 0;
            for (int round = 0; round < n; round++)
                for (int a = 0; a < n; a++)
                    if (dist[a] < Inf)
                        foreach (int e in head[a])
                            if (cap[e] > 0 && dist[a] + cost[e] < dist[to[e]]) { dist[to[e]] = dist[a] + cost[e]; via[to[e]] = e; }
            if (dist[sink] == Inf) throw new InvalidOperationException("demand cannot be met");
            long push = need;
            for (int v = sink; v != src; v = to[via[v] ^ 1]) push = Math.Min(push, cap[via[v]]);
            for (int v = sink; v != src; v = to[via[v] ^ 1]) { cap[via[v]] -= push; cap[via[v] ^ 1] += push; }
            total += push * dist[sink];
            need -= push;
        }
        return total;
    }

    [Fact]
    public void SeedOptimumMatchesIndependentMinCostFlowAndHandValue()
    {
        var lp = SupplyAllocationLp.Build(SeedSpec());
        var r = LpSolver.Solve(lp.Model);
        Assert.Equal(LpStatus.Optimal, r.Status);
        Assert.True(r.Certified, r.CertificateFailure);
        Assert.Equal(new Rational(MinCostFlowOracle()), r.ObjectiveExact);
        // By hand: plants cost 11, 13, 16 per ML delivered before plant→zone pumping; P1 and P2 fill up, P3
        // serves 10 ML: 2 ML to Z5 (+2 each over P1) and 8 ML to Z3 (+4), total 953 (all at P1 prices) + 36.
        Assert.Equal(new Rational(989), r.ObjectiveExact);
        var report = SupplyAllocationReport.From(lp, r);
        Assert.Equal([30.0, 25.0, 10.0], report.Plants.Select(p => p.Value));
        Assert.Equal(ZoneDemand.Select(d => (double)d), report.Zones.Select(z => z.Value));
        // P3 has spare capacity, so its capacity is worth nothing; the full plants are bottlenecks.
        Assert.Equal(Rational.Zero, report.Plants[2].DualExact);
        Assert.True(report.Plants[0].DualExact > Rational.Zero);
    }

    [Fact]
    public void ZoneMarginalCostsMatchResolvingWithOneMoreUnit()
    {
        var spec = SeedSpec();
        var baseCost = LpSolver.Solve(SupplyAllocationLp.Build(spec).Model).ObjectiveExact!.Value;
        var r = LpSolver.Solve(SupplyAllocationLp.Build(spec).Model);
        for (int z = 0; z < spec.Zones.Count; z++)
        {
            // Finite difference with a small exact step stays within the current basis's range.
            var zones = spec.Zones.Select((zz, i) => i == z ? zz with { Demand = zz.Demand + 0.5 } : zz).ToList();
            var bumped = LpSolver.Solve(SupplyAllocationLp.Build(spec with { Zones = zones }).Model).ObjectiveExact!.Value;
            Assert.Equal(r.DualExact($"demand_{z}"), (bumped - baseCost) / new Rational(1, 2));
        }
    }

    [Fact]
    public void BundledScenarioReproducesTheSeedRequestExactly()
    {
        var scenario = WdnAccel.Core.Io.ScenarioFile.Load(RepoFile("data/scenarios/supply-allocation.json")).Scenario;
        var built = SupplyAllocationLp.Build(scenario.Supply!).Model;
        var seed = LpJsonReader.Read(RepoFile("data/lp/supply-allocation-request.json"));
        Assert.Equal(seed.Variables.Select(v => (v.Name, v.Lower, v.Upper, v.Cost)), built.Variables.Select(v => (v.Name, v.Lower, v.Upper, v.Cost)));
        Assert.Equal(seed.Constraints.Select(c => (c.Name, c.Lower, c.Upper)), built.Constraints.Select(c => (c.Name, c.Lower, c.Upper)));
        for (int i = 0; i < seed.Constraints.Count; i++)
            Assert.Equal(seed.Constraints[i].Terms, built.Constraints[i].Terms);
    }

    [Fact]
    public void BundledScenarioHoldsTheGuidesTable()
    {
        // The scenario file against the guide's printed lists (the arrays above), value by value, so a mistyped
        // capacity, demand or pumping cost in data/ cannot hide behind the request file it is compared with below.
        var spec = WdnAccel.Core.Io.ScenarioFile.Load(RepoFile("data/scenarios/supply-allocation.json")).Scenario.Supply!;
        var guide = SeedSpec();
        Assert.Equal(guide.Sources, spec.Sources);
        Assert.Equal(guide.Plants, spec.Plants);
        Assert.Equal(guide.Zones, spec.Zones);
        Assert.Equal(guide.Arcs.OrderBy(a => a.From).ThenBy(a => a.To), spec.Arcs.OrderBy(a => a.From).ThenBy(a => a.To));
    }

    [Fact]
    public void PlantMinimumThroughputMatchesOnOffEnumeration()
    {
        // P3 may only run at 15 ML/day or more (the LP optimum used 10); P2 at 20 or more.
        var spec = SeedSpec();
        spec = spec with { Plants = [spec.Plants[0], spec.Plants[1] with { MinThroughput = 20 }, spec.Plants[2] with { MinThroughput = 15 }] };
        var lp = SupplyAllocationLp.Build(spec);
        var r = LpSolver.Solve(lp.Model);
        Assert.True(r.Certified, r.CertificateFailure);

        // Oracle: every on/off pattern as a continuous LP with the throughput window fixed by bounds on rows.
        Rational? best = null;
        for (int mask = 0; mask < 4; mask++)
        {
            var m = SupplyAllocationLp.Build(SeedSpec()).Model;
            var windows = new[] { (Plant: 1, Min: 20, Cap: 25, On: (mask & 1) != 0), (Plant: 2, Min: 15, Cap: 20, On: (mask & 2) != 0) };
            foreach (var w in windows)
            {
                var inflow = Enumerable.Range(0, 2).Select(s => new LpTerm(m.VariableIndex(SupplyAllocationLp.SourcePlant(s, w.Plant)), 1));
                if (w.On) m.AddRange($"window_{w.Plant}", inflow, w.Min, w.Cap);
                else m.AddConstraint($"off_{w.Plant}", inflow, LpRowSense.LessEqual, 0);
            }
            var sub = LpSolver.Solve(m);
            if (sub.Status == LpStatus.Optimal && (best is null || sub.ObjectiveExact < best)) best = sub.ObjectiveExact;
        }
        Assert.Equal(best, r.ObjectiveExact);
        Assert.True(r.ObjectiveExact > new Rational(989));
        var p3 = SupplyAllocationReport.From(lp, r).Plants[2].ValueExact!.Value;
        Assert.True(p3.IsZero || p3 >= 15);
    }

    [Fact]
    public void DecimalScenarioValuesStayExact()
    {
        var spec = SeedSpec();
        spec = spec with { Zones = spec.Zones.Select(z => z with { Demand = z.Demand + 0.1 }).ToList() };
        var model = SupplyAllocationLp.Build(spec).Model;
        Assert.Equal(Rational.Parse("12.1"), model.Constraints[model.ConstraintIndex("demand_0")].Lower);
    }

    [Fact]
    public void ShortageIsInfeasibleWithCheckedCertificate()
    {
        var spec = SeedSpec();
        spec = spec with { Zones = spec.Zones.Select(z => z with { Demand = z.Demand * 2 }).ToList() }; // 130 > 75 plant capacity
        var r = LpSolver.Solve(SupplyAllocationLp.Build(spec).Model);
        Assert.Equal(LpStatus.Infeasible, r.Status);
        Assert.True(r.Certified, r.CertificateFailure);
    }

    [Fact]
    public void BadSpecsAreRejectedWithTheField()
    {
        var spec = SeedSpec();
        var e1 = Assert.Throws<InvalidInputException>(() => SupplyAllocationLp.Build(spec with { Arcs = [.. spec.Arcs, new SupplyArc("Z1", "P1", 1)] }, "s.json"));
        Assert.Contains("supply.arcs[24]", e1.Message);
        var e2 = Assert.Throws<InvalidInputException>(() => SupplyAllocationLp.Build(spec with { Zones = [.. spec.Zones, new SupplyZone("Z7", double.NaN)] }));
        Assert.Contains("supply.zones[6].demand", e2.Message);
        var e3 = Assert.Throws<InvalidInputException>(() => SupplyAllocationLp.Build(spec with { Plants = [spec.Plants[0] with { MinThroughput = 50 }, .. spec.Plants.Skip(1)] }));
        Assert.Contains("supply.plants[0].min_throughput", e3.Message);
        var e4 = Assert.Throws<InvalidInputException>(() => SupplyAllocationLp.Build(spec with { Sources = [.. spec.Sources, new SupplySource("P1", 4)] }));
        Assert.Contains("duplicate id", e4.Message);
    }

    [Theory]
    [InlineData("{\"format\":\"other\",\"version\":1,\"supply\":{}}", "format", 1)]
    [InlineData("{\"format\":\"wdnaccel-scenario\",\"version\":1,\"supply\":{\"sources\":[{\"id\":\"S1\",\"capacity\":-5}],\"plants\":[],\"zones\":[],\"arcs\":[]}}", "supply.sources[0].capacity", 1)]
    [InlineData("{\"format\":\"wdnaccel-scenario\",\"version\":1,\"supply\":{\"sources\":[{\"id\":\"S1\",\"capacity\":\"lots\"}],\"plants\":[],\"zones\":[],\"arcs\":[]}}", "supply.sources[0].capacity", 1)]
    [InlineData("{\"format\":\"wdnaccel-scenario\",\"version\":1,\n\"supply\":{\"sources\":[{\"id\":7,\"capacity\":5}],\"plants\":[],\"zones\":[],\"arcs\":[]}}", "supply.sources[0].id", 2)]
    [InlineData("{\"format\":\"wdnaccel-scenario\",\"version\":1,\"supply\":{\"sources\":[{\"id\":\"S1\",\"capacity\":5}],\"plants\":[],\"zones\":[]", "", null)]
    public void BrokenScenarioNamesFileLineAndField(string json, string field, int? line)
    {
        var e = Assert.Throws<InvalidInputException>(() => WdnAccel.Core.Io.Scenarios.ScenarioCodec.ReadJson(json, "scn.json"));
        Assert.Contains(field, e.Message);
        Assert.Equal("scn.json", e.File);
        if (line is not null) Assert.Equal(line, e.Line);
    }

    [Fact]
    public void UnknownArcEndIsReportedByTheValidator()
    {
        var spec = SeedSpec() with { Arcs = [new SupplyArc("S1", "PX", 1)] };
        var problems = ScenarioValidator.Validate(new Scenario { Supply = spec });
        Assert.Contains(problems, p => p.Location == "supply.arcs[0]" && p.Message.Contains("'PX'"));
    }
}
