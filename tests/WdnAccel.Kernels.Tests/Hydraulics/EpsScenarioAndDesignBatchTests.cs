using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Core.Model;
using WdnAccel.Kernels.Tests.Ilgpu;
using WdnAccel.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace WdnAccel.Kernels.Tests.Hydraulics;

/// <summary>
/// Demand-scenario and design batches on every batched backend against each run alone. Demand scenarios: the network with every junction's
/// base demand multiplied by the scenario's factor, through the scalar engine. Every lane takes the same hydraulic
/// periods (times and lengths), with heads within 1e-6 m at every one of them (so at every report step), and the same
/// energy; the summaries (lowest pressure, where and when, final tank levels) agree.
/// </summary>
[Collection(IlgpuCollection.Name)]
public sealed class EpsScenarioAndDesignBatchTests(ITestOutputHelper output)
{
    private const double HeadTolerance = 1e-6;

    /// <summary>
    /// EPANET's Net1 with an energy price; the reference element networks TANKS and PRESSURE_SWITCHES as they are, and
    /// PRESSURE_SWITCHES with its booster at speed 0.9 ("at speed 0.9"), which its OPEN control would set to 1; EMITTERS
    /// (three emitters, EMITTER EXPONENT 0.6, a tank), whose outflows each lane carries from period to period; PDA
    /// (pressure-driven demand, junctions that deliver part of their demand through the day) and PDA_CONVERGENCE (a loose
    /// ACCURACY that the flows meet while two junctions' demands are still settling: EPANET's pdaconverged goes on).
    /// </summary>
    private static Network Load(string network)
    {
        if (network == PressureSwitchesAtSpeed)
        {
            var n = Load("PRESSURE_SWITCHES.inp");
            return n with { Pumps = n.Pumps.Select(p => p with { Speed = 0.9 }).ToArray() };
        }
        return network is "TANKS.inp" or "PRESSURE_SWITCHES.inp" or "EMITTERS.inp" or "PDA.inp" or "PDA_CONVERGENCE.inp"
            ? InpReader.ReadFile(RepoPaths.EpsNetwork(network)).Scenario.Network
            : InpReader.ReadFile(RepoPaths.Data("networks", network)).Scenario.Network with { Energy = new EnergySettings { GlobalPrice = 0.12 } };
    }

    /// <summary>The scenario written into the network: every junction's base demands times the factor.</summary>
    private static Network Scaled(Network network, double factor) => network with
    {
        Junctions = network.Junctions.Select(j => j with { Demands = j.Demands.Select(d => d with { BaseDemand = d.BaseDemand * factor }).ToArray() }).ToArray(),
    };

    private const string PressureSwitchesAtSpeed = "PRESSURE_SWITCHES.inp at speed 0.9";

    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var backend in new[] { "scalar", "simd", "ilgpu-cpu" })
        {
            foreach (var net in new[] { "Net1.inp", "TANKS.inp" })
            {
                data.Add(backend, net, 0);
                if (backend != "ilgpu-cpu") data.Add(backend, net, 3); // fewer lanes than scenarios: finished lanes hand on
            }
            // Controls on junction pressure switch a booster pump and a standby pipe inside the lanes' solves, and the
            // switched statuses (a pump's setting 0) carry on to the next period.
            data.Add(backend, "PRESSURE_SWITCHES.inp", 0);
            // The same with the booster at speed 0.9: while it runs, a lane cannot follow the OPEN control's switch to
            // speed 1, so the run's own engine solves those periods; the others stay in the batch.
            data.Add(backend, PressureSwitchesAtSpeed, 0);
            // Emitters: each lane solves its outflows and carries them on to the next period, as the engine does.
            data.Add(backend, "EMITTERS.inp", 0);
            if (backend != "ilgpu-cpu") data.Add(backend, "EMITTERS.inp", 3);
            // Pressure-driven demand: each lane delivers what its pressures allow, period after period.
            data.Add(backend, "PDA.inp", 0);
            data.Add(backend, "PDA_CONVERGENCE.inp", 0);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_lane_runs_as_its_scenario_runs_alone(string backendName, string network, int lanes)
    {
        const int count = 7, seed = 5;
        const double spread = 0.3;
        var source = Load(network);
        var net = EpsNetwork.Compile(source);
        Assert.Null(EpsBatchRunner.Unsupported(net));
        var periods = new IReadOnlyList<HydraulicPeriod>[count];
        var kwh = new double[count];
        var backend = EveryBackend.Create(backendName);
        try
        {
            using var runner = new EpsBatchRunner(net, backend, lanes > 0 ? lanes : count, threads: 2);
            runner.Run(count, (i, solver) =>
            {
                solver.DemandFactor = DemandScenarioBatch.Factor(seed, i, spread);
                return new EpsRunCursor(net, solver, keepPeriods: true, recordSteps: false);
            }, (i, cursor) =>
            {
                var r = cursor.Result();
                periods[i] = r.Periods;
                kwh[i] = r.Energy.KilowattHours.Sum();
            });
            Assert.Equal(lanes > 0 ? lanes : count, runner.Lanes);
            if (network != PressureSwitchesAtSpeed) Assert.Equal(0, runner.ScalarPeriods);
            else Assert.True(runner.ScalarPeriods > 0 && runner.BatchedPeriods > 0, $"{runner.ScalarPeriods} periods by the runs' engines, {runner.BatchedPeriods} batched");
        }
        finally
        {
            if (backendName != "ilgpu-cpu") backend.Dispose();
        }

        double worst = 0, worstEnergy = 0;
        for (int i = 0; i < count; i++)
        {
            double factor = DemandScenarioBatch.Factor(seed, i, spread);
            var alone = ExtendedPeriodSimulation.Run(EpsNetwork.Compile(Scaled(source, factor)), new EpsSolver(EpsNetwork.Compile(Scaled(source, factor))), keepPeriods: true, recordSteps: false);
            Assert.Equal(alone.Periods.Count, periods[i].Count);
            for (int t = 0; t < alone.Periods.Count; t++)
            {
                var a = alone.Periods[t];
                var b = periods[i][t];
                Assert.Equal(a.Time, b.Time);
                Assert.Equal(a.Duration, b.Duration);
                for (int n = 0; n < net.NodeCount; n++) worst = Math.Max(worst, Math.Abs(a.Head[n] - b.Head[n]));
            }
            double e = alone.Energy.KilowattHours.Sum();
            worstEnergy = Math.Max(worstEnergy, Math.Abs(kwh[i] - e) / Math.Max(e, 1e-300));
        }
        output.WriteLine($"{backendName} {network} x{count} ({(lanes > 0 ? lanes : count)} lanes): worst head difference {worst:G3} m, worst relative energy difference {worstEnergy:G3}");
        Assert.True(worst <= HeadTolerance, $"worst head difference {worst:G3} m");
        Assert.True(worstEnergy <= 1e-6, $"worst energy difference {worstEnergy:G3}");
    }

    /// <summary>The per-junction scenario written into the network: each junction's base demands times its own factor.</summary>
    private static Network ScaledPerJunction(Network network, double[] factors) => network with
    {
        Junctions = network.Junctions.Select((j, k) => j with { Demands = j.Demands.Select(d => d with { BaseDemand = d.BaseDemand * factors[k] }).ToArray() }).ToArray(),
    };

    /// <summary>Backend, network and lanes per batch (0 = all) for the lane-against-alone parity tests.</summary>
    public static TheoryData<string, string, int> BackendsNetworksLanes => new()
    {
        { "scalar", "Net1.inp", 0 },
        { "simd", "Net1.inp", 0 },
        { "simd", "Net1.inp", 3 },
        { "ilgpu-cpu", "Net1.inp", 0 },
        { "scalar", "TANKS.inp", 3 },
        { "simd", "TANKS.inp", 0 },
        { "ilgpu-cpu", "TANKS.inp", 0 },
    };

    [Theory]
    [MemberData(nameof(BackendsNetworksLanes))]
    public void Every_lane_with_a_factor_per_junction_runs_as_its_scenario_runs_alone(string backendName, string network, int lanes)
    {
        const int count = 7, seed = 5;
        const double spread = 0.3;
        var source = Load(network);
        var net = EpsNetwork.Compile(source);
        var periods = new IReadOnlyList<HydraulicPeriod>[count];
        var kwh = new double[count];
        var backend = EveryBackend.Create(backendName);
        try
        {
            using var runner = new EpsBatchRunner(net, backend, lanes > 0 ? lanes : count, threads: 2);
            runner.Run(count, (i, solver) =>
            {
                solver.JunctionDemandFactors = DemandScenarioBatch.JunctionFactors(seed, i, spread, net.JunctionCount);
                return new EpsRunCursor(net, solver, keepPeriods: true, recordSteps: false);
            }, (i, cursor) =>
            {
                var r = cursor.Result();
                periods[i] = r.Periods;
                kwh[i] = r.Energy.KilowattHours.Sum();
            });
            Assert.Equal(0, runner.ScalarPeriods);
        }
        finally
        {
            if (backendName != "ilgpu-cpu") backend.Dispose();
        }

        double worst = 0, worstEnergy = 0;
        for (int i = 0; i < count; i++)
        {
            var factors = DemandScenarioBatch.JunctionFactors(seed, i, spread, net.JunctionCount);
            Assert.True(factors.Distinct().Count() > 1, "the junctions' factors differ");
            var own = EpsNetwork.Compile(ScaledPerJunction(source, factors));
            var alone = ExtendedPeriodSimulation.Run(own, new EpsSolver(own), keepPeriods: true, recordSteps: false);
            Assert.Equal(alone.Periods.Count, periods[i].Count);
            for (int t = 0; t < alone.Periods.Count; t++)
            {
                Assert.Equal(alone.Periods[t].Time, periods[i][t].Time);
                Assert.Equal(alone.Periods[t].Duration, periods[i][t].Duration);
                for (int n = 0; n < net.NodeCount; n++) worst = Math.Max(worst, Math.Abs(alone.Periods[t].Head[n] - periods[i][t].Head[n]));
            }
            double e = alone.Energy.KilowattHours.Sum();
            worstEnergy = Math.Max(worstEnergy, Math.Abs(kwh[i] - e) / Math.Max(e, 1e-300));
        }
        output.WriteLine($"{backendName} {network} per-junction x{count} ({(lanes > 0 ? lanes : count)} lanes): worst head difference {worst:G3} m, worst relative energy difference {worstEnergy:G3}");
        Assert.True(worst <= HeadTolerance, $"worst head difference {worst:G3} m");
        Assert.True(worstEnergy <= 1e-6, $"worst energy difference {worstEnergy:G3}");
    }

    [Theory]
    [InlineData("Net1.inp")]
    [InlineData("TANKS.inp")]
    public void Per_junction_scenarios_summarize_alike_on_any_path_and_lane_count(string network)
    {
        var source = Load(network);
        var net = EpsNetwork.Compile(source);
        var threaded = DemandScenarioBatch.Run(source, 7, seed: 4, threads: 2, perJunction: true);
        using var backend = new Simd.SimdBackend(2);
        var batched = DemandScenarioBatch.RunBatched(source, 7, seed: 4, backend, threads: 2, lanes: 3, perJunction: true);
        var wide = DemandScenarioBatch.RunBatched(source, 7, seed: 4, backend, threads: 2, lanes: 7, perJunction: true);
        Assert.Equal("batched", batched.Path);
        for (int i = 0; i < 7; i++)
        {
            var a = threaded.Candidates[i];
            var expected = DemandScenarioBatch.JunctionFactors(4, i, 0.2, net.JunctionCount);
            foreach (var b in new[] { batched.Candidates[i], wide.Candidates[i] })
            {
                Assert.Equal(expected, b.JunctionFactors);
                Assert.Equal(a.Factor, b.Factor);
                Assert.Equal(a.MinPressureNode, b.MinPressureNode);
                Assert.Equal(0, (a.MinPressureTime - b.MinPressureTime) % 86400);
                Assert.Equal(a.MinPressure, b.MinPressure, 1e-6);
                for (int t = 0; t < a.FinalTankLevels.Length; t++) Assert.Equal(a.FinalTankLevels[t], b.FinalTankLevels[t], 1e-6);
                Assert.Equal(a.KilowattHours, b.KilowattHours, Math.Max(a.KilowattHours, 1) * 1e-6);
            }
            Assert.Equal(expected, a.JunctionFactors);
            Assert.All(expected, f => Assert.InRange(f, 0.8, 1.2));
            Assert.InRange(a.Factor, expected.Min(), expected.Max());
        }
    }

    [Fact]
    public void Junction_factors_depend_on_seed_scenario_and_junction_only()
    {
        var a = DemandScenarioBatch.JunctionFactors(9, 4, 0.2, 50);
        Assert.Equal(a, DemandScenarioBatch.JunctionFactors(9, 4, 0.2, 50));
        // A junction's factor does not depend on how many junctions follow it.
        Assert.Equal(a[..20], DemandScenarioBatch.JunctionFactors(9, 4, 0.2, 20));
        Assert.NotEqual(a, DemandScenarioBatch.JunctionFactors(9, 5, 0.2, 50));
        Assert.NotEqual(a, DemandScenarioBatch.JunctionFactors(10, 4, 0.2, 50));
        Assert.NotEqual(DemandScenarioBatch.Factor(9, 4, 0.2), a[0]);
        Assert.All(DemandScenarioBatch.JunctionFactors(9, 4, 0, 50), f => Assert.Equal(1.0, f));
        var many = Enumerable.Range(0, 100).SelectMany(i => DemandScenarioBatch.JunctionFactors(1, i, 0.25, 30)).ToArray();
        Assert.All(many, x => Assert.InRange(x, 0.75, 1.25));
        Assert.True(many.Min() < 0.76 && many.Max() > 1.24);
    }

    [Theory]
    [MemberData(nameof(BackendsNetworksLanes))]
    public void Every_lane_with_its_own_pipe_diameters_runs_as_that_design_runs_alone(string backendName, string network, int lanes)
    {
        const int count = 7;
        var source = Load(network);
        var net = EpsNetwork.Compile(source);
        // Design i: every pipe one catalog step of (0.8, 1, 1.25) × its own diameter, drawn from (i, pipe).
        double[] steps = [0.8, 1.0, 1.25];
        double[][] diameters = Enumerable.Range(0, count).Select(i => source.Pipes.Select((p, k) => p.Diameter * steps[(i * 7 + k * 3 + i * k) % 3]).ToArray()).ToArray();
        var designs = diameters.Select(d =>
        {
            var own = EpsNetwork.Compile(source);
            for (int k = 0; k < d.Length; k++) own.SetPipe(k, d[k], own.Roughness[k]);
            return own;
        }).ToArray();
        var periods = new IReadOnlyList<HydraulicPeriod>[count];
        var backend = EveryBackend.Create(backendName);
        try
        {
            using var runner = new EpsBatchRunner(net, backend, lanes > 0 ? lanes : count, threads: 2);
            runner.Run(count, (i, solver) => new EpsRunCursor(solver.Network, solver, keepPeriods: true, recordSteps: false),
                (i, cursor) => periods[i] = cursor.Result().Periods, networkOf: i => designs[i]);
            Assert.Equal(0, runner.ScalarPeriods);
        }
        finally
        {
            if (backendName != "ilgpu-cpu") backend.Dispose();
        }
        double worst = 0;
        for (int i = 0; i < count; i++)
        {
            var alone = EpsNetwork.Compile(source with { Pipes = source.Pipes.Select((p, k) => p with { Diameter = diameters[i][k] }).ToArray() });
            var run = ExtendedPeriodSimulation.Run(alone, new EpsSolver(alone), keepPeriods: true, recordSteps: false);
            Assert.Equal(run.Periods.Count, periods[i].Count);
            for (int t = 0; t < run.Periods.Count; t++)
            {
                Assert.Equal(run.Periods[t].Time, periods[i][t].Time);
                Assert.Equal(run.Periods[t].Duration, periods[i][t].Duration);
                for (int n = 0; n < net.NodeCount; n++) worst = Math.Max(worst, Math.Abs(run.Periods[t].Head[n] - periods[i][t].Head[n]));
            }
        }
        output.WriteLine($"{backendName} {network} designs x{count}: worst head difference {worst:G3} m");
        Assert.True(worst <= HeadTolerance, $"worst head difference {worst:G3} m");
    }

    [Theory]
    [InlineData("Net1.inp")]
    [InlineData("TANKS.inp")]
    [InlineData("PRESSURE_SWITCHES.inp")]
    [InlineData(PressureSwitchesAtSpeed)]
    public void Batched_demand_scenarios_summarize_as_the_threaded_engine_does(string network)
    {
        var source = Load(network);
        var threaded = DemandScenarioBatch.Run(source, 7, seed: 4, threads: 2);
        using var backend = new Simd.SimdBackend(2);
        var batched = DemandScenarioBatch.RunBatched(source, 7, seed: 4, backend, threads: 2, lanes: 4);
        Assert.Equal("threaded", threaded.Path);
        Assert.Equal("batched", batched.Path);
        Assert.Equal(4, batched.Lanes);
        Assert.Equal(threaded.TankIds, batched.TankIds);
        for (int i = 0; i < 7; i++)
        {
            var a = threaded.Candidates[i];
            var b = batched.Candidates[i];
            Assert.Equal(i, b.Index);
            Assert.Equal(a.Factor, b.Factor);
            Assert.InRange(a.Factor, 0.8, 1.2);
            Assert.Equal(a.MinPressureNode, b.MinPressureNode);
            // The same lowest pressure can recur a day later (a tank full both nights): roundoff then picks the day.
            Assert.Equal(0, (a.MinPressureTime - b.MinPressureTime) % 86400);
            Assert.Equal(a.MinPressure, b.MinPressure, 1e-6);
            for (int t = 0; t < a.FinalTankLevels.Length; t++) Assert.Equal(a.FinalTankLevels[t], b.FinalTankLevels[t], 1e-6);
            Assert.Equal(a.KilowattHours, b.KilowattHours, Math.Max(a.KilowattHours, 1) * 1e-6);
            Assert.Equal(a.EnergyCost, b.EnergyCost, Math.Max(a.EnergyCost, 1) * 1e-6);
            Assert.Equal(a.Converged, b.Converged);
        }
    }

    [Theory]
    [InlineData("Net1.inp")]
    [InlineData("TANKS.inp")]
    [InlineData("PRESSURE_SWITCHES.inp")]
    public void Batched_designs_summarize_as_the_threaded_engine_does_and_as_the_design_runs_alone(string network)
    {
        var source = Load(network);
        var design = DesignSpec.EveryPipe(source, [0.15, 0.2, 0.25, 0.3, 0.35, 0.4], 0);
        var threaded = EpsDesignBatch.Run(source, design, 7, seed: 4, threads: 2);
        using var backend = new Simd.SimdBackend(2);
        var batched = EpsDesignBatch.RunBatched(source, design, 7, seed: 4, backend, threads: 2, lanes: 3);
        Assert.Equal("batched", batched.Path);
        Assert.Equal(3, batched.Lanes);
        for (int i = 0; i < 7; i++)
        {
            var a = threaded.Candidates[i];
            var b = batched.Candidates[i];
            Assert.Equal(a.Diameters, b.Diameters);
            Assert.Equal(a.MinPressureNode, b.MinPressureNode);
            Assert.Equal(a.MinPressure, b.MinPressure, 1e-6);
            for (int t = 0; t < a.FinalTankLevels.Length; t++) Assert.Equal(a.FinalTankLevels[t], b.FinalTankLevels[t], 1e-6);
            Assert.Equal(a.KilowattHours, b.KilowattHours, Math.Max(a.KilowattHours, 1) * 1e-6);
            // The design written into the network, run alone, reports the same lowest pressure.
            var alone = source with { Pipes = source.Pipes.Select((p, k) => p with { Diameter = a.Diameters[k] }).ToArray() };
            // The same lowest pressure can occur at two report times (a tank full at both, or a day apart, under one
            // demand multiplier): round-off then picks the time. Another time is right only if it is such a tie.
            if (a.MinPressureTime != b.MinPressureTime)
                Assert.Equal(a.MinPressure, PressureAt(alone, a.MinPressureNode, b.MinPressureTime), 1e-6);
            var summary = EpsDesignBatch.Run(alone, DesignSpec.EveryPipe(alone, [1.0], 0) with { DecisionPipes = [] }, 1, seed: 0, threads: 1).Candidates[0];
            Assert.Equal(summary.MinPressure, a.MinPressure, 1e-9);
            Assert.Equal(summary.MinPressureNode, a.MinPressureNode);
        }
        Assert.True(threaded.Candidates.Select(c => c.MinPressure).Distinct().Count() > 1);
    }

    /// <summary>A junction's pressure at one report time of the scalar engine's run.</summary>
    private static double PressureAt(Network network, string node, long time)
    {
        var net = EpsNetwork.Compile(network);
        var step = ExtendedPeriodSimulation.Run(net, new EpsSolver(net), keepPeriods: false).Steps.Single(s => s.Time == time);
        int j = net.NodeIndex(node);
        return step.Head[j] - net.Elevation[j];
    }

    [Fact]
    public void Factors_depend_on_seed_and_index_only_and_stay_in_the_spread()
    {
        Assert.Equal(DemandScenarioBatch.Factor(9, 4, 0.2), DemandScenarioBatch.Factor(9, 4, 0.2));
        Assert.NotEqual(DemandScenarioBatch.Factor(9, 4, 0.2), DemandScenarioBatch.Factor(9, 5, 0.2));
        Assert.NotEqual(DemandScenarioBatch.Factor(9, 4, 0.2), DemandScenarioBatch.Factor(10, 4, 0.2));
        Assert.Equal(1.0, DemandScenarioBatch.Factor(9, 4, 0));
        var f = Enumerable.Range(0, 1000).Select(i => DemandScenarioBatch.Factor(1, i, 0.25)).ToArray();
        Assert.All(f, x => Assert.InRange(x, 0.75, 1.25));
        Assert.True(f.Min() < 0.76 && f.Max() > 1.24);
    }

    [Fact]
    public void Demand_scenarios_of_a_network_with_a_valve_fall_back_to_the_threaded_engine_and_say_so()
    {
        var network = InpReader.ReadFile(RepoPaths.Data("networks", "Net1.inp")).Scenario.Network;
        network = network with { Valves = [new Valve("v", "10", "11", 0.3, ValveType.PRV, 30.0)] };
        using var backend = new Simd.SimdBackend(2);
        var outcome = DemandScenarioBatch.RunBatched(network, 3, seed: 1, backend, threads: 2);
        Assert.Equal("threaded", outcome.Path);
        Assert.Contains(outcome.Notes, n => n.Contains("not the simd batch", StringComparison.Ordinal) && n.Contains("1 valve(s)", StringComparison.Ordinal));
        Assert.Equal(3, outcome.Candidates.Count);
    }
}
