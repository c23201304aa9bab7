using WdnAccel.Core.Graphs;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Core.Problems;
using WdnAccel.Kernels.Scalar;

namespace WdnAccel.Core.Tests.Problems;

/// <summary>
/// The Lishui case's multi-source allocation model (Zhang et al. 2025, Water 17(1):61): hand-computed cost terms,
/// annuity factors, the pressure rule and the chlorine steps on small graphs, and the paper's own tables.
/// </summary>
public class MultiSourceAllocationTests
{
    private static MultiSourceModel Compile(GraphAllocationSpec spec) => MultiSourceModel.Compile(spec, new ScalarBackend());

    private static (GraphAllocationSpec Spec, MultiSourceModel Model) Lishui(string year, string? plan = null)
    {
        var spec = ScenarioFile.Load(RepoPaths.Data("scenarios", $"lishui-{year}.json")).Scenario.GraphAllocation!;
        if (plan is not null) spec = AllocationPlanFile.Load(RepoPaths.Data("plans", plan)).Apply(spec, plan);
        return (spec, Compile(spec));
    }

    private static AllocationCost Price(string year, string plan)
    {
        var (_, model) = Lishui(year, plan);
        return AllocationCostModel.Evaluate(model, AllocationPlanFile.Load(RepoPaths.Data("plans", plan)).ToPlan(model, plan));
    }

    [Fact]
    public void Annuity_factors_at_7_percent_over_30_years()
    {
        // (A/P, 7 %, 30) = 0.07·1.07³⁰ / (1.07³⁰ − 1) = 0.080586; (A/F, 7 %, 30) = 0.07 / (1.07³⁰ − 1) = 0.010586.
        var p = AllocationParameters.Of(new GraphAllocationSpec { Nodes = [], Edges = [] });
        Assert.Equal(0.0805864, p.AnnuityFactor("capital_recovery"), 6);
        Assert.Equal(0.0105864, p.AnnuityFactor("sinking_fund"), 6);
        Assert.Throws<InvalidInputException>(() => p.AnnuityFactor("present_worth"));
    }

    /// <summary>Plant P (elevation 10) → 2 km road → unit U (elevation 20); optional pumping station S halfway.</summary>
    private static GraphAllocationSpec Tiny(double loss, bool viaPump, double decayPerKm = 0.05, double difficulty = 0)
    {
        GraphNode[] nodes = viaPump
            ? [new("P", GraphNodeKind.Supply, 10, 1, Capacity: 200_000) { ExistingCapacity = 50_000, IntakeDistance = 5, IntakeDifficulty = 0.5, ProductionCost = 0.4 },
               new("S", GraphNodeKind.PumpStation, 12, 1), new("U", GraphNodeKind.Demand, 20, 2, Demand: 100_000)]
            : [new("P", GraphNodeKind.Supply, 10, 1, Capacity: 200_000) { ExistingCapacity = 50_000, IntakeDistance = 5, IntakeDifficulty = 0.5, ProductionCost = 0.4 },
               new("U", GraphNodeKind.Demand, 20, 1, Demand: 100_000)];
        GraphEdge[] edges = viaPump
            ? [new("P", "S", 1000) { Difficulty = difficulty }, new("S", "U", 1000) { Difficulty = difficulty }]
            : [new("P", "U", 2000) { Difficulty = difficulty }];
        return new GraphAllocationSpec
        {
            Nodes = nodes, Edges = edges, Losses = [new SupplyLoss("P", "U", loss)], Annuity = "capital_recovery",
            Parameters = new Dictionary<string, double> { ["chlorine_decay"] = decayPerKm },
        };
    }

    [Fact]
    public void Every_cost_term_matches_a_hand_computation()
    {
        // 10 (10⁴ m³/d) delivered with 20 % loss: 12.5 leave the plant, q = 12.5e4 / 86400 = 1.446759 m³/s.
        var model = Compile(Tiny(loss: 0.2, viaPump: true, difficulty: 1));
        var net = new double[1, 1];
        net[0, 0] = 10;
        var cost = AllocationCostModel.Evaluate(model, new AllocationPlan("hand", net));
        double gross = 12.5, q = gross * 1e4 / 86400;
        Assert.True(cost.Feasible, string.Join("; ", cost.Problems));
        Assert.Equal(gross, cost.SupplyGross, 12);
        Assert.Equal(365 * 0.4 * gross, cost.Terms[0], 9);                                  // F1
        double head = (20 - 12) + 28;                                                       // unit above the pumping station + service head
        Assert.Equal(1.05 * 9.81 * q * head * 8760 * 0.6 / 1e4, cost.Terms[1], 9);          // F2
        Assert.Equal((300 + 100) * 2 * Math.Pow(q, 0.5728), cost.Terms[2], 9);               // F3: two hard 1-km roads
        Assert.Equal(200 * gross, cost.Terms[3], 9);                                         // F4: the lifted flow
        Assert.Equal(1000 * (gross - 5), cost.Terms[4], 9);                                  // F5: beyond the existing 5
        Assert.Equal((30 + 10 * 0.5) * (gross - 5) * 5, cost.Terms[5], 9);                   // F6
        double c = 0.07 * Math.Pow(1.07, 30) / (Math.Pow(1.07, 30) - 1);
        Assert.Equal(cost.Terms[0] + cost.Terms[1] + c * (cost.Terms[2] + cost.Terms[3] + cost.Terms[4] + cost.Terms[5]), cost.Annual, 9);
        Assert.Equal(10, cost.Served[0], 12);
    }

    [Fact]
    public void A_zero_loss_pair_is_lifted_even_without_a_pumping_station_on_its_route()
    {
        var model = Compile(Tiny(loss: 0, viaPump: false));
        var route = model.Routes[0, 0];
        Assert.True(route.Lifted);
        Assert.Equal("P", route.LiftedAt);
        Assert.Equal(20 - 10 + 28, route.LiftHead, 12);
        Assert.False(Compile(Tiny(loss: 0.1, viaPump: false)).Routes[0, 0].Lifted);
    }

    [Fact]
    public void Chlorine_falls_with_distance_is_restored_at_the_last_pumping_station_or_the_pair_is_refused()
    {
        // C = 0.5·e^(−k·d): over 2 km at k = 0.5/km, 0.184 mg/L, fine.
        var direct = Compile(Tiny(0.1, viaPump: false, decayPerKm: 0.5)).Routes[0, 0];
        Assert.Equal(0.5 * Math.Exp(-0.5 * 2), direct.Chlorine, 12);
        Assert.Null(direct.RechlorinatedAt);
        // At k = 1.2/km: 0.045 mg/L after 2 km, below 0.05; re-chlorinated at S, 1 km before U: 0.151 mg/L.
        var boosted = Compile(Tiny(0.1, viaPump: true, decayPerKm: 1.2)).Routes[0, 0];
        Assert.Equal("S", boosted.RechlorinatedAt);
        Assert.Equal(0.5 * Math.Exp(-1.2 * 1), boosted.Chlorine, 12);
        Assert.True(boosted.Feasible);
        // At k = 2.5/km even the last kilometre from S leaves 0.041 mg/L: x = 0 for this pair.
        var refused = Compile(Tiny(0.1, viaPump: true, decayPerKm: 2.5)).Routes[0, 0];
        Assert.False(refused.Feasible);
        Assert.Contains("re-chlorinating at pumping station S", refused.Reason);
        // No pumping station to re-chlorinate at: refused, and said so.
        var none = Compile(Tiny(0.1, viaPump: false, decayPerKm: 1.2)).Routes[0, 0];
        Assert.Contains("no pumping station on the route", none.Reason);
    }

    public static TheoryData<string> PaperPlans() => ["lishui-2030-plan1.json", "lishui-2030-plan2.json", "lishui-2030-plan3.json"];

    [Theory]
    [MemberData(nameof(PaperPlans))]
    public void Every_pair_the_paper_supplies_is_routable_under_the_pressure_rule_and_the_chlorine_limit(string plan)
    {
        var (_, model) = Lishui("2030", plan);
        var allocation = AllocationPlanFile.Load(RepoPaths.Data("plans", plan)).ToPlan(model, plan);
        for (int i = 0; i < model.Plants.Count; i++)
            for (int j = 0; j < model.Units.Count; j++)
                if (allocation.Net[i, j] > 0)
                    Assert.True(model.Routes[i, j].Feasible, $"{model.Plants[i].Id} → {model.Units[j].Id}: {model.Routes[i, j].Reason}");
        var cost = AllocationCostModel.Evaluate(model, allocation);
        Assert.True(cost.Feasible, string.Join("; ", cost.Problems));
        Assert.True(cost.MinChlorine >= 0.05);
    }

    [Fact]
    public void Under_the_old_rule_where_plants_do_not_climb_shuige_could_not_reach_the_medium_units()
    {
        // Shuige (14) is a low-class plant; units 9, 11, 12 are medium and 10 high. The paper's Plan 1 has 14 → 9.
        var (spec, model) = Lishui("2030");
        int shuige = model.Plants.ToList().FindIndex(p => p.Id == "14");
        foreach (var unit in new[] { "9", "10", "11", "12" })
            Assert.True(model.Routes[shuige, model.Units.ToList().FindIndex(u => u.Id == unit)].Feasible, unit);
        Assert.Equal(GraphNodeKind.Supply, spec.Nodes.Single(n => n.Id == "14").Kind);
        Assert.False(SupplyGraphBuilder.MayFlow(new GraphNode("j", GraphNodeKind.Intermediate, PressureZone: 1), new GraphNode("u", GraphNodeKind.Demand, PressureZone: 2)));
    }

    [Theory]
    [InlineData("2023")]
    [InlineData("2030")]
    public void The_difficult_roads_are_table_4s_roads_3_10_and_19(string year)
    {
        // Table 4, flattened four (road, difficulty) pairs a row for roads 1–9, 10–18, 19–27, 28–34: row 1 reads
        // "1 0 10 1 19 1 28 0", row 3 "3 1 12 0 21 0 30 0", every other entry 0. Table 1 makes road 3 the edge 2–3,
        // road 10 the edge 8–2 and road 19 the edge 16–19 (road 11, 9–11, was once marked by mistake).
        var (spec, _) = Lishui(year);
        var hard = spec.Edges.Where(e => e.Difficulty != 0).Select(e => $"{e.From}-{e.To}:{e.Difficulty}").OrderBy(s => s, StringComparer.Ordinal);
        Assert.Equal(["16-19:1", "2-3:1", "8-2:1"], hard);
        Assert.Equal(34, spec.Edges.Count);
        // The paper gives difficulty 1 to the roads that cross the river: these three are exactly the roads joining
        // Tianning's side {1, 2, 4, 5, 13, 19} to the rest, so without them the graph falls in two.
        var easy = spec.Edges.Where(e => e.Difficulty == 0 && (spec.IncludePlanned || !e.Planned)).ToList();
        var side = new HashSet<string> { "13" };
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach (var e in easy)
                if (side.Contains(e.From) != side.Contains(e.To)) grew |= side.Add(e.From) | side.Add(e.To);
        }
        Assert.Equal(["1", "13", "19", "2", "4", "5"], side.OrderBy(s => s, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("lishui-2030-plan1.json", 43.8709)]
    [InlineData("lishui-2030-plan2.json", 45.9151)]
    [InlineData("lishui-2030-plan3.json", 47.3953)]
    public void Gross_supply_with_the_loss_table_matches_the_papers_totals(string plan, double paperGross)
    {
        // Tables 9–11 print the supply "with pipeline loss": net / (1 − Table 5's loss), summed. Not fitted.
        Assert.InRange(Price("2030", plan).SupplyGross, paperGross - 1e-3, paperGross + 1e-3);
    }

    [Fact]
    public void The_plans_rank_as_in_table_12_and_the_base_year_optimization_saves_as_the_paper_says()
    {
        double p1 = Price("2030", "lishui-2030-plan1.json").Annual, p2 = Price("2030", "lishui-2030-plan2.json").Annual, p3 = Price("2030", "lishui-2030-plan3.json").Annual;
        // Production costs were fitted to Table 12's totals (6202.15, 5701.53, 5924.55), an exact solve rounded to
        // 0.0001 yuan/m³, which moves a total by at most 0.00005 · 365 · 47 ≈ 0.9: a consistency check of the fit (it
        // fails when something the plans are priced with changes and the fit is not redone), not evidence.
        Assert.InRange(p1, 6202.15 - 1, 6202.15 + 1);
        Assert.InRange(p2, 5701.53 - 1, 5701.53 + 1);
        Assert.InRange(p3, 5924.55 - 1, 5924.55 + 1);
        Assert.True(p2 < p3 && p3 < p1);
        // The base year was not part of the fit: the paper's optimized 2023 allocation must come out cheaper than the current one.
        double current = Price("2023", "lishui-2023-current.json").Annual, optimized = Price("2023", "lishui-2023-paper-optimized.json").Annual;
        Assert.True(optimized < current, $"{optimized} vs {current}");
    }

    [Fact]
    public void The_exact_optimum_is_bounded_certified_and_no_dearer_than_the_papers_plan_on_the_same_plants()
    {
        var (_, model) = Lishui("2030");
        var result = MultiSourceOptimization.Run(model, "gacoasa", seed: 1, evaluations: 4000);
        Assert.True(result.Cost.Feasible, string.Join("; ", result.Cost.Problems));
        Assert.True(result.Bound.Certified);
        Assert.True(result.Bound.LowerBound <= result.Cost.Annual * (1 + 1e-9));
        Assert.True(result.Bound.Gap(result.Cost.Annual) < 1e-4);
        Assert.True(result.Bound.LowerBound <= result.MetaheuristicCost);
        // The paper's Plan 2 allocation uses the same plants: the optimum can only be cheaper.
        Assert.True(result.Cost.Annual <= Price("2030", "lishui-2030-plan2.json").Annual);
        Assert.Equal(result.Cost.Annual, AllocationCostModel.Evaluate(model, result.Plan).Annual, 9);
    }

    [Fact]
    public void On_a_two_plant_case_the_bound_matches_a_fine_enumeration()
    {
        // Two plants share one unit of 10: cost is concave in the split, so the best split is found by enumerating.
        var spec = new GraphAllocationSpec
        {
            Nodes =
            [
                new GraphNode("A", GraphNodeKind.Supply, 0, 1, Capacity: 80_000) { ExistingCapacity = 80_000, ProductionCost = 0.30 },
                new GraphNode("B", GraphNodeKind.Supply, 0, 1, Capacity: 80_000) { ExistingCapacity = 80_000, ProductionCost = 0.25 },
                new GraphNode("U", GraphNodeKind.Demand, 0, 1, Demand: 100_000),
            ],
            Edges = [new GraphEdge("A", "U", 3000), new GraphEdge("B", "U", 9000)],
            Losses = [new SupplyLoss("A", "U", 0.05), new SupplyLoss("B", "U", 0.15)],
        };
        var model = Compile(spec);
        double best = double.PositiveInfinity;
        for (int k = 0; k <= 100_000; k++)
        {
            double a = 10.0 * k / 100_000;
            var net = new double[2, 1];
            net[0, 0] = a;
            net[1, 0] = 10 - a;
            var cost = AllocationCostModel.Evaluate(model, new AllocationPlan("grid", net));
            if (cost.Feasible) best = Math.Min(best, cost.Annual);
        }
        var exact = MultiSourceBranchAndBound.Solve(model, null);
        Assert.True(exact.Bound.Certified);
        Assert.True(exact.Bound.LowerBound <= best + 1e-9);
        Assert.Equal(best, exact.Cost.Annual, 3);
    }

    [Fact]
    public void Unknown_parameters_and_plan_entries_are_refused_naming_the_field()
    {
        var spec = Tiny(0.1, viaPump: false) with { Parameters = new Dictionary<string, double> { ["electricty_price"] = 1 } };
        var e = Assert.Throws<InvalidInputException>(() => Compile(spec));
        Assert.Equal("graph_allocation.parameters.electricty_price", e.Field);
        Assert.Contains("electricity_price", e.Message);
        var bad = Tiny(0.1, viaPump: false) with { Losses = [new SupplyLoss("P", "U", 1.0)] };
        Assert.Equal("graph_allocation.losses[0].loss", Assert.Throws<InvalidInputException>(() => Compile(bad)).Field);
    }

    [Fact]
    public void Every_parameter_is_documented_with_its_default()
    {
        string doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "multi-source-allocation.md"));
        foreach (var (name, value, _) in AllocationParameters.Known)
            Assert.Contains($"| `{name}` | {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} |", doc);
    }

    [Fact]
    public void The_papers_loss_table_ranks_as_our_route_lengths_do()
    {
        // The paper models loss as a function of supply distance only; routes we derive from Table 2's coordinates
        // and the pressure rule must order the pairs as Table 5's losses do. Not fitted: a wrong route breaks it.
        var (_, model) = Lishui("2030");
        var pairs = model.Routes.Cast<SupplyRoute>().Where(r => r.Feasible && r.Loss > 0).ToList();
        Assert.True(pairs.Count >= 25);
        static double[] Ranks(IReadOnlyList<double> v)
        {
            var order = Enumerable.Range(0, v.Count).OrderBy(i => v[i]).ToArray();
            var r = new double[v.Count];
            for (int k = 0; k < order.Length; k++) r[order[k]] = k;
            return r;
        }
        var a = Ranks(pairs.Select(r => r.LengthKm).ToList());
        var b = Ranks(pairs.Select(r => r.Loss).ToList());
        int n = pairs.Count;
        double rho = 1 - 6 * a.Zip(b, (x, y) => (x - y) * (x - y)).Sum() / (n * ((double)n * n - 1));
        Assert.True(rho > 0.95, $"Spearman ρ = {rho:F3}");
    }

    [Fact]
    public void Without_a_table_entry_loss_grows_with_route_length()
    {
        var model = Compile(Tiny(0.1, viaPump: false) with { Losses = [] });
        var route = model.Routes[0, 0];
        Assert.Equal(1 - Math.Exp(-0.0262 * 2), route.Loss, 12);
        Assert.False(route.Lifted); // a computed loss is never the table's "0 % = pumped" mark
    }
}
