using WdnAccel.Core.Io;
using WdnAccel.Core.Lp;
using WdnAccel.Core.Model;
using WdnAccel.Core.Problems;

namespace WdnAccel.Core.Tests.Problems;

/// <summary>Supply planning on hand-sized networks whose optimum can be worked out on paper.</summary>
public class SupplyPlanningTests
{
    /// <summary>S → A, S → B; A, B → Z. A is cheaper (treatment 2 vs 5); every pumping cost 1.</summary>
    private static SupplySpec TwoPlants(double demand = 10) => new()
    {
        Sources = [new SupplySource("S", 100)],
        Plants = [new SupplyPlant("A", 50, 2) { Quality = 1 }, new SupplyPlant("B", 50, 5) { Quality = 2 }],
        Zones = [new SupplyZone("Z", demand)],
        Arcs = [new SupplyArc("S", "A", 1), new SupplyArc("S", "B", 1), new SupplyArc("A", "Z", 1), new SupplyArc("B", "Z", 1)],
    };

    private static double Flow(SupplyPlanning.Outcome o, int period, string from, string to)
    {
        int a = Enumerable.Range(0, o.Milp.Arcs.Count).Single(k => o.Milp.Arcs[k].From == from && o.Milp.Arcs[k].To == to);
        return o.Milp.Flow[period, a] < 0 ? 0 : o.Result.SolutionExact![o.Milp.Flow[period, a]].ToDouble();
    }

    [Fact]
    public void Two_periods_cost_days_times_the_daily_cost()
    {
        // Through A: 1 + 2 + 1 = 4 $/ML. Winter 90 days × 10 ML, summer 275 days × 12 ML: 3600 + 13200 = 16800 $/year.
        var spec = TwoPlants() with { Periods = [new SupplyPeriod("winter", 90), new SupplyPeriod("summer", 275) { DemandFactor = 1.2 }] };
        var o = SupplyPlanning.Solve(spec);
        Assert.Equal(LpStatus.Optimal, o.Result.Status);
        Assert.True(o.Result.Certified);
        Assert.Equal(Rational.FromDouble(16800), o.Result.ObjectiveExact);
        Assert.Equal(12, Flow(o, 1, "A", "Z"), 12);
    }

    [Fact]
    public void A_premium_on_one_plant_and_zone_changes_the_optimum()
    {
        var cheap = SupplyPlanning.Solve(TwoPlants() with { Periods = [new SupplyPeriod("day", 1)] });
        Assert.Equal(10, Flow(cheap, 0, "A", "Z"), 12);
        // A premium of 4 $/ML on A → Z only (not a zone-wide shift): A costs 8, B 7: the plan moves to B.
        var spec = TwoPlants() with { Periods = [new SupplyPeriod("day", 1)] };
        spec = spec with { Arcs = spec.Arcs.Select(a => a.From == "A" && a.To == "Z" ? a with { QualityPremium = 4 } : a).ToList() };
        var moved = SupplyPlanning.Solve(spec);
        Assert.Equal(10, Flow(moved, 0, "B", "Z"), 12);
        Assert.Equal(70, moved.Result.ObjectiveExact!.Value.ToDouble(), 12);
    }

    [Fact]
    public void A_zone_requiring_a_quality_class_is_served_only_by_plants_that_reach_it()
    {
        var spec = TwoPlants() with { Zones = [new SupplyZone("Z", 10) { RequiredQuality = 2 }], Periods = [new SupplyPeriod("day", 1)] };
        var o = SupplyPlanning.Solve(spec);
        Assert.Equal(10, Flow(o, 0, "B", "Z"), 12);
        Assert.Equal(0, Flow(o, 0, "A", "Z"));
        var none = spec with { Plants = [spec.Plants[0], spec.Plants[1] with { Quality = 1 }] };
        var e = Assert.Throws<InvalidInputException>(() => SupplyPlanning.Solve(none));
        Assert.Contains("zone 'Z' needs quality class 2", e.Message);
    }

    [Fact]
    public void Lifting_to_a_zones_required_head_costs_rho_g_h_over_eta_per_cubic_metre()
    {
        // Z needs 100 m; A's outlet has 40 m, B's 90 m. 1 ML lifted 60 m at η 0.75: 1e6·9.81·60/0.75 J = 218 kWh.
        var spec = TwoPlants() with
        {
            Plants = [new SupplyPlant("A", 50, 2) { Head = 40 }, new SupplyPlant("B", 50, 5) { Head = 90 }],
            Zones = [new SupplyZone("Z", 10) { RequiredHead = 100 }],
            Periods = [new SupplyPeriod("day", 1)], EnergyPrice = 0.15, PumpEfficiency = 0.75,
        };
        double liftA = 1e6 * 9.81 * 60 / 0.75 / 3.6e6 * 0.15, liftB = 1e6 * 9.81 * 10 / 0.75 / 3.6e6 * 0.15;
        Assert.Equal(liftA, SupplyPlanningMilp.LiftCost(spec, spec.Plants[0], spec.Zones[0], 1000), 9);
        var o = SupplyPlanning.Solve(spec);
        // A: 4 + 32.7 = 36.7 $/ML; B: 7 + 5.45 = 12.45: the low plant's lift makes the high one cheaper.
        Assert.Equal(10, Flow(o, 0, "B", "Z"), 12);
        Assert.Equal(10 * (7 + liftB), o.Result.ObjectiveValue, 6);
    }

    [Fact]
    public void A_candidate_is_built_when_its_saving_exceeds_its_annual_capital_and_says_what_it_is_worth()
    {
        // Z can only be reached from B (dear) unless the new link A → Z is built. A year: 365 × 10 ML × (7 − 4) = 10,950 $ saved.
        var baseSpec = TwoPlants() with { Arcs = [new SupplyArc("S", "A", 1), new SupplyArc("S", "B", 1), new SupplyArc("B", "Z", 1)] };
        var spec = baseSpec with
        {
            Periods = [new SupplyPeriod("year", 365)], InterestRate = 0.05, LifeYears = 30,
            Candidates = [new SupplyCandidate("link", 20, 100_000) { From = "A", To = "Z", PumpingCost = 1 }],
        };
        double crf = 0.05 * Math.Pow(1.05, 30) / (Math.Pow(1.05, 30) - 1), annual = crf * 100_000;
        var o = SupplyPlanning.Solve(spec);
        var d = Assert.Single(o.Decisions);
        Assert.True(d.Built);
        Assert.Equal(annual, d.AnnualCapital, 6);
        Assert.Equal(10_950 - annual, d.Worth!.Value, 6);                    // without it: dearer by the saving net of capital
        Assert.Equal(365 * 10 * 4 + annual, o.Result.ObjectiveExact!.Value.ToDouble(), 6);
        // At 20× the capital it no longer pays.
        var dear = SupplyPlanning.Solve(spec with { Candidates = [spec.Candidates[0] with { CapitalCost = 2_000_000 }] });
        Assert.False(Assert.Single(dear.Decisions).Built);
    }

    [Fact]
    public void Start_ups_are_counted_around_the_year()
    {
        // B has a minimum throughput and a start-up cost; A's capacity 10 covers winter (10) but not summer (15).
        // B runs only in summer: one start-up a year (the year repeats), 500 $.
        var spec = TwoPlants() with
        {
            Plants = [new SupplyPlant("A", 10, 2), new SupplyPlant("B", 50, 5, MinThroughput: 2) { StartupCost = 500 }],
            Periods = [new SupplyPeriod("winter", 100), new SupplyPeriod("summer", 100) { DemandFactor = 1.5 }, new SupplyPeriod("autumn", 100)],
        };
        var o = SupplyPlanning.Solve(spec);
        Assert.Equal(LpStatus.Optimal, o.Result.Status);
        // winter + autumn: 200 days × 10 × 4; summer: 100 × (10 × 4 + 5 × 7); one start-up.
        Assert.Equal(200 * 40 + 100 * (40 + 35) + 500, o.Result.ObjectiveExact!.Value.ToDouble(), 9);
        Assert.True(o.Result.Certified);
    }

    [Fact]
    public void A_season_without_enough_water_names_the_zone_and_the_period()
    {
        var spec = TwoPlants() with
        {
            Sources = [new SupplySource("S", 100), new SupplySource("T", 0)],
            Zones = [new SupplyZone("Z", 10), new SupplyZone("Y", 5)],
            Arcs = [new SupplyArc("S", "A", 1), new SupplyArc("T", "B", 1), new SupplyArc("A", "Z", 1), new SupplyArc("B", "Y", 1)],
            Periods = [new SupplyPeriod("wet", 100) { SourceCapacity = new Dictionary<string, double> { ["T"] = 20 } }, new SupplyPeriod("dry", 100)],
        };
        var o = SupplyPlanning.Solve(spec);
        Assert.Equal(LpStatus.Infeasible, o.Result.Status);
        Assert.Equal(["zone Y cannot be served in period dry"], o.Unservable);
    }

    [Fact]
    public void A_bottleneck_is_worth_what_one_more_unit_saves_when_re_solved()
    {
        // A (cheap) is capped at 6 of the 10 needed: every extra ML/day at A saves 3 $/day × 365 days, for 4 ML/day.
        var spec = TwoPlants() with { Plants = [new SupplyPlant("A", 6, 2), new SupplyPlant("B", 50, 5)], Periods = [new SupplyPeriod("year", 365)] };
        var o = SupplyPlanning.Solve(spec);
        var a = o.Bottlenecks.Single(b => b.Kind == "plant" && b.Id == "A");
        Assert.Equal(3 * 365, a.SavingPerUnit, 9);
        Assert.Equal(4, a.HoldsUpTo!.Value, 9); // the breakpoint itself, not the bisection bracket
        var wider = SupplyPlanning.Solve(spec with { Plants = [new SupplyPlant("A", 7, 2), spec.Plants[1]] });
        Assert.Equal(o.Result.ObjectiveValue - a.SavingPerUnit, wider.Result.ObjectiveValue, 6);
    }

    [Fact]
    public void The_bundled_four_season_plan_is_certified_and_builds_the_main()
    {
        var spec = ScenarioFile.Load(RepoPaths.Data("scenarios", "supply-seasons.json")).Scenario.Supply!;
        Assert.True(spec.IsPlanning);
        var o = SupplyPlanning.Solve(spec);
        Assert.Equal(LpStatus.Optimal, o.Result.Status);
        Assert.True(o.Result.Certified);
        Assert.Equal(["P1-Z5-main"], o.Decisions.Where(d => d.Built).Select(d => d.Candidate));
        // The hospital is never served by plant 3 (quality class 1 < 2), and S2 gives nothing in summer.
        for (int t = 0; t < 4; t++) Assert.Equal(0, Flow(o, t, "P3", "Z2-hospital"));
        Assert.Equal(0, Flow(o, 2, "S2", "P1") + Flow(o, 2, "S2", "P2") + Flow(o, 2, "S2", "P3"));
    }

    [Fact]
    public void The_seasonal_example_departs_from_the_guides_numbers_only_where_its_doc_says()
    {
        // docs/supply-planning.md, "Worked example": the guide's network, except S1 raised from 50 to 80 ML/day (summer
        // needs 1.12 × 65 = 72.8 ML/day with S2 dry), no P1 → Z5 link (the candidate main would add it) and the
        // zones renamed Z2-hospital and Z5-hill. Everything else is the guide's table.
        var seasons = ScenarioFile.Load(RepoPaths.Data("scenarios", "supply-seasons.json")).Scenario.Supply!;
        var guide = SupplyAllocationLpTests.SeedSpec();
        Assert.Equal([80.0, 40.0], seasons.Sources.Select(s => s.Capacity));
        Assert.Equal(guide.Plants.Select(p => (p.Id, p.Capacity, p.TreatmentCost)), seasons.Plants.Select(p => (p.Id, p.Capacity, p.TreatmentCost)));
        Assert.Equal(guide.Zones.Select(z => z.Demand), seasons.Zones.Select(z => z.Demand));
        static string Zone(string id) => id.Split('-')[0];
        var guideArcs = guide.Arcs.Where(a => !(a.From == "P1" && a.To == "Z5")).Select(a => (a.From, a.To, a.PumpingCost)).OrderBy(a => a).ToList();
        Assert.Equal(guideArcs, seasons.Arcs.Select(a => (a.From, Zone(a.To), a.PumpingCost)).OrderBy(a => a).ToList());
    }

    [Fact]
    public void The_guides_single_day_example_is_not_a_planning_problem_and_still_costs_989()
    {
        var spec = ScenarioFile.Load(RepoPaths.Data("scenarios", "supply-allocation.json")).Scenario.Supply!;
        Assert.False(spec.IsPlanning);
        // The planning model of the same single day agrees with the guide's LP.
        var o = SupplyPlanning.Solve(spec with { Periods = [new SupplyPeriod("day", 1)] });
        Assert.Equal(Rational.FromDouble(989), o.Result.ObjectiveExact);
    }

    [Fact]
    public void A_reservoir_carries_the_wet_seasons_surplus_into_the_dry_one()
    {
        // S yields 15 ML/day in the wet season and 9 in the dry one, 100 days each; Z needs 12 throughout.
        // The dry season lacks 3 × 100 = 300 ML: a 300 ML reservoir carries it over; 299 ML cannot.
        SupplySpec With(double storage) => TwoPlants(12) with
        {
            Sources = [new SupplySource("S", 15) { Storage = storage }],
            Periods = [new SupplyPeriod("wet", 100), new SupplyPeriod("dry", 100) { SourceCapacity = new Dictionary<string, double> { ["S"] = 9 } }],
        };
        var carried = SupplySpec(With(300));
        Assert.Equal(LpStatus.Optimal, carried.Result.Status);
        int level = carried.Milp.Model.VariableIndex("level_wet_S");
        Assert.Equal(300, carried.Result.SolutionExact![level].ToDouble(), 12);
        Assert.Equal(200 * 12 * 4, carried.Result.ObjectiveExact!.Value.ToDouble(), 9); // all through A at 4 $/ML
        var short1 = SupplySpec(With(299));
        Assert.Equal(LpStatus.Infeasible, short1.Result.Status);
        Assert.Equal(["zone Z cannot be served in period dry"], short1.Unservable);

        static SupplyPlanning.Outcome SupplySpec(SupplySpec spec) => SupplyPlanning.Solve(spec);
    }

    [Fact]
    public void The_four_season_plan_written_as_mps_solves_to_the_same_optimum_in_or_tools()
    {
        // The plan's MILP as a planner would hand it to another solver: written as free MPS and read by OR-Tools'
        // own MPS parser (not ours), then solved by its SCIP (an independent branch and bound) to our certified
        // objective; our reader's round trip is checked against the same number.
        var spec = ScenarioFile.Load(RepoPaths.Data("scenarios", "supply-seasons.json")).Scenario.Supply!;
        var ours = SupplyPlanning.Solve(spec);
        string mps = Path.Combine(Path.GetTempPath(), $"seasons-{Guid.NewGuid():N}.mps");
        try
        {
            File.WriteAllText(mps, LpModelFiles.Write(ours.Milp.Model, "mps"));
            double exact = ours.Result.ObjectiveExact!.Value.ToDouble();
            var imported = new Google.OrTools.ModelBuilder.Model();
            // ImportFromMpsString: OR-Tools 9.15's .NET ImportFromMpsFile returns false even for a one-row file.
            Assert.True(imported.ImportFromMpsString(File.ReadAllText(mps)), "OR-Tools could not parse our MPS file");
            Assert.Equal(ours.Milp.Model.Variables.Count, imported.VariablesCount());
            var scip = new Google.OrTools.ModelBuilder.Solver("scip");
            Assert.Equal(Google.OrTools.ModelBuilder.SolveStatus.OPTIMAL, scip.Solve(imported));
            Assert.Equal(exact, scip.ObjectiveValue, 6 - (int)Math.Log10(exact)); // 1e-6 relative
            var roundTrip = Lp.OrToolsReference.Solve(LpModelFiles.Read(mps));
            Assert.Equal(LpStatus.Optimal, roundTrip.Status);
            Assert.Equal(exact, roundTrip.Objective, 6 - (int)Math.Log10(exact));
        }
        finally
        {
            File.Delete(mps);
        }
    }

    [Fact]
    public void Sizes_of_one_main_in_a_group_are_alternatives()
    {
        // Z is reachable only through a new main from A. Two 6 ML/day mains (30,000 $ each) cover the 10 ML/day more
        // cheaply than one 12 ML/day main (80,000 $); as sizes of one main (a group) only one may be built: the big one.
        var baseSpec = TwoPlants() with { Arcs = [new SupplyArc("S", "A", 1), new SupplyArc("S", "B", 1)], Periods = [new SupplyPeriod("year", 365)] };
        SupplyCandidate Main(string id, double capacity, double capital, string? group) =>
            new(id, capacity, capital) { From = "A", To = "Z", PumpingCost = 1, Group = group };
        var free = SupplyPlanning.Solve(baseSpec with { Candidates = [Main("small-1", 6, 30_000, "main-1"), Main("small-2", 6, 30_000, "main-1"), Main("large", 12, 80_000, "main-1")] });
        Assert.Equal(["large"], free.Decisions.Where(d => d.Built).Select(d => d.Candidate));
        var e = Assert.Throws<InvalidInputException>(() => SupplyPlanning.Solve(baseSpec with { Candidates = [Main("small-1", 6, 30_000, null), Main("large", 12, 80_000, null)] }));
        Assert.Contains("same `group`", e.Message);
    }
}
