using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Core.Model;
using WdnAccel.Kernels.Tests.Ilgpu;
using WdnAccel.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace WdnAccel.Kernels.Tests.Hydraulics;

/// <summary>
/// Extended-period batches on every batched backend against the scalar engine run alone per schedule: each lane takes
/// the same hydraulic periods (times and lengths), the same pump statuses, heads within 1e-3 m and energy within 0.1 %,
/// except that a lane may part at a tank event whose whole-second step rounds the other way (at most 1 in 20 lanes).
/// </summary>
[Collection(IlgpuCollection.Name)]
public sealed class EpsBatchRunnerTests(ITestOutputHelper output)
{
    /// <summary>
    /// Heads of periods with every junction supplied. The batch solves them by EPANET's rule from the last period's
    /// flows; after a period with junctions cut off those flows (in the cut-off part) are noise, so the warm start
    /// differs and the solve stops at another point inside the 0.001 flow tolerance. Observed: 3e-8 m on Net1, 5e-6 m
    /// on Net3 where no cut-off came before, 2.3e-4 m on Net3 just after one.
    /// </summary>
    private const double HeadTolerance = 5e-4;
    /// <summary>
    /// Heads of the still-supplied nodes in periods where some junctions are cut off: roundoff (SIMD exp/log, the GPU's
    /// polynomial) is amplified by the ill-conditioned matrix and can change the trial a lane converges in.
    /// </summary>
    private const double CutOffHeadTolerance = 2e-3;

    private static (EpsNetwork Net, int Periods) Scheduled(string name)
    {
        // EPANET's examples from data/networks; the element networks of the EPANET reference runs otherwise. A name
        // ending in -DW or -CM is that network under Darcy–Weisbach or Chezy–Manning (LoopFlowParityTests.WithFormula),
        // in -CF with status checks every trial up to trial 4 (CHECKFREQ 1, MAXCHECK 4).
        var formula = name.EndsWith("-DW") ? HeadLossModel.DarcyWeisbach : name.EndsWith("-CM") ? HeadLossModel.ChezyManning : HeadLossModel.HazenWilliams;
        bool everyTrial = name.EndsWith("-CF");
        if (formula != HeadLossModel.HazenWilliams || everyTrial) name = name[..^3];
        string path = RepoPaths.Data("networks", name);
        if (!File.Exists(path)) path = RepoPaths.EpsNetwork(name);
        var network = LoopFlowParityTests.WithFormula(InpReader.ReadFile(path).Scenario.Network, formula);
        if (everyTrial) network = network with { Options = network.Options with { CheckFrequency = 1, MaxCheck = 4 } };
        var pumps = network.Pumps.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        network = network with
        {
            Controls = network.Controls.Where(c => !pumps.Contains(c.Action.LinkId)).ToArray(),
            Rules = network.Rules.Where(r => !r.Then.Concat(r.Else).Any(a => pumps.Contains(a.LinkId))).ToArray(),
            Energy = network.Energy with { GlobalPrice = 0.12 },
        };
        var net = EpsNetwork.Compile(network);
        long pstep = Math.Max(1L, (long)net.Times.PatternStep);
        return (net, (int)Math.Ceiling((net.Times.Duration + net.Times.PatternStart) / pstep));
    }

    private sealed record Lane(IReadOnlyList<HydraulicPeriod> Periods, double Kwh, double Cost);

    private static Lane Alone(EpsNetwork net, double[][] schedule)
    {
        var solver = new EpsSolver(net) { PumpSchedule = schedule };
        var run = ExtendedPeriodSimulation.Run(net, solver, keepPeriods: true, recordSteps: false);
        return new Lane(run.Periods, run.Energy.KilowattHours.Sum(), run.Energy.Cost.Sum());
    }

    public static TheoryData<string, string, int, int> Cases()
    {
        var data = new TheoryData<string, string, int, int>();
        foreach (var backend in new[] { "scalar", "simd" })
        {
            foreach (var net in new[] { "Net1.inp", "Net3.inp" })
            {
                data.Add(backend, net, 1, 0);
                data.Add(backend, net, 7, 0);
                data.Add(backend, net, 67, 0);
                data.Add(backend, net, 67, 16); // fewer lanes than runs: finished runs hand their lanes on
            }
        }
        data.Add("ilgpu-cpu", "Net1.inp", 1, 0);
        data.Add("ilgpu-cpu", "Net1.inp", 7, 0);
        data.Add("ilgpu-cpu", "Net3.inp", 7, 3);
        // Chezy–Manning pipes (with a minor loss and a check valve), a pump filling a tank.
        data.Add("scalar", "CHEZY_MANNING.inp", 7, 0);
        data.Add("simd", "CHEZY_MANNING.inp", 33, 0);
        data.Add("ilgpu-cpu", "CHEZY_MANNING.inp", 7, 0);
        // Pipes only, looped, a tank: the SIMD and GPU lanes take the loop-flow form, warm-started period to period.
        data.Add("simd", "Net2.inp", 7, 0);
        data.Add("simd", "Net2.inp-DW", 7, 0);
        data.Add("simd", "Net2.inp-CM", 7, 0);
        data.Add("ilgpu-cpu", "Net2.inp-DW", 3, 0);
        // Pumps on a three-point, a multi-point (custom) and a one-point curve, one at constant power, a speed pattern.
        data.Add("scalar", "PUMPS.inp", 5, 0);
        data.Add("simd", "PUMPS.inp", 9, 0);
        data.Add("ilgpu-cpu", "PUMPS.inp", 3, 0);
        // HEADERROR 0.2 m with a loose ACCURACY: the head-loss test decides when each period's solve stops.
        data.Add("scalar", "HEAD_ERROR.inp", 3, 0);
        data.Add("simd", "HEAD_ERROR.inp", 5, 0);
        data.Add("ilgpu-cpu", "HEAD_ERROR.inp", 3, 0);
        // Status checks every trial up to the 4th (pumps switched by the schedules, a check valve, tanks).
        data.Add("simd", "Net3.inp-CF", 7, 0);
        data.Add("ilgpu-cpu", "Net1.inp-CF", 3, 0);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_lane_runs_as_its_schedule_runs_alone(string backendName, string network, int count, int lanes)
    {
        var (net, periods) = Scheduled(network);
        Assert.Null(EpsBatchRunner.Unsupported(net));
        var schedules = Enumerable.Range(0, count).Select(i => PumpScheduleBatch.Schedule(net.PumpCount, periods, 11, i, 0.5)).ToArray();
        var batched = new Lane[count];
        var backend = EveryBackend.Create(backendName);
        try
        {
            using var runner = new EpsBatchRunner(net, backend, lanes > 0 ? lanes : count, threads: 2);
            runner.Run(count, (i, solver) =>
            {
                solver.PumpSchedule = schedules[i];
                return new EpsRunCursor(net, solver, keepPeriods: true, recordSteps: false);
            }, (i, cursor) =>
            {
                // The solver (and its energy account) goes to the next run: copy what is compared now.
                var r = cursor.Result();
                batched[i] = new Lane(r.Periods, r.Energy.KilowattHours.Sum(), r.Energy.Cost.Sum());
            });
            Assert.Equal(lanes > 0 ? lanes : count, runner.Lanes);
            output.WriteLine($"{backendName} {network} x{count}: {runner.Rounds} rounds, {runner.BatchedPeriods} batched periods, {runner.ScalarPeriods} by the scalar engine");
        }
        finally
        {
            if (backendName != "ilgpu-cpu") backend.Dispose();
        }

        double worstHead = 0, worstCutOff = 0, worstEnergy = 0;
        int parted = 0;
        var pumpLinks = net.Pumps.Select(p => p.Link).ToArray();
        for (int i = 0; i < count; i++)
        {
            var alone = Alone(net, schedules[i]);
            var b = batched[i];
            bool sameSteps = true;
            for (int t = 0; t < Math.Min(alone.Periods.Count, b.Periods.Count); t++)
            {
                var a = alone.Periods[t];
                var c = b.Periods[t];
                if (a.Time != c.Time || a.Duration != c.Duration)
                {
                    // A tank event's step is v/q rounded to whole seconds (EPANET tanktimestep): a flow that differs in
                    // its fourth digit can round the other way. Only that may differ, by one second; the runs part there.
                    Assert.Equal(a.Time, c.Time);
                    Assert.True(Math.Abs(a.Duration - c.Duration) <= 1, $"lane {i}: step at {a.Time} s: {a.Duration} s alone, {c.Duration} s batched");
                    sameSteps = false;
                    parted++;
                    break;
                }
                foreach (int k in pumpLinks) Assert.Equal(a.Status[k] <= EpsStatus.Closed, c.Status[k] <= EpsStatus.Closed);
                var reached = Connected(net, a.Status);
                // Junctions cut off from every source have no meaningful head (EPANET warns so): not compared.
                // Where some are cut off, the matrix holds closed links' 1e-8 conductances and is ill-conditioned, so
                // roundoff moves the others' heads more: those periods get the looser bound.
                bool cutOff = reached.Take(net.JunctionCount).Any(r => !r);
                for (int n = 0; n < net.NodeCount; n++)
                {
                    if (!reached[n]) continue;
                    double d = Math.Abs(a.Head[n] - c.Head[n]);
                    if (cutOff) worstCutOff = Math.Max(worstCutOff, d);
                    else worstHead = Math.Max(worstHead, d);
                }
            }
            if (sameSteps) Assert.Equal(alone.Periods.Count, b.Periods.Count);
            Assert.True(alone.Kwh > 0 == b.Kwh > 0);
            if (alone.Kwh > 0) worstEnergy = Math.Max(worstEnergy, Math.Abs(b.Kwh / alone.Kwh - 1));
            Assert.Equal(alone.Cost, b.Cost, alone.Cost * 1e-3 + 1e-9);
        }
        output.WriteLine($"worst head difference {worstHead:G3} m ({worstCutOff:G3} m in periods with junctions cut off), worst relative energy difference {worstEnergy:G3}, {parted} lane(s) parted at a rounded tank step");
        Assert.True(parted <= Math.Max(1, count / 20), $"{parted} of {count} lanes took another step");
        Assert.True(worstHead <= HeadTolerance, $"worst head difference {worstHead:G3} m");
        Assert.True(worstCutOff <= CutOffHeadTolerance, $"worst head difference {worstCutOff:G3} m where junctions are cut off");
        Assert.True(worstEnergy <= 1e-3, $"worst energy difference {worstEnergy:G3}");
    }

    /// <summary>
    /// Tank links in the lanes as in the scalar engine (EPANET 2.2 tankstatus checks a link's start node when it is a
    /// reservoir or tank, else its end node): on TANK_TO_TANK the pipe from T1 into a full T2 and the pipe from R2 into a
    /// full T3 stay open, the pipes into the full tanks from junctions close and reopen, per demand scenario.
    /// </summary>
    [Theory]
    [InlineData("scalar")]
    [InlineData("simd")]
    [InlineData("ilgpu-cpu")]
    public void Lanes_close_tank_links_by_the_start_tank_as_the_scalar_engine_does(string backendName)
    {
        var file = RepoPaths.EpsNetwork("TANK_TO_TANK.inp");
        var net = EpsNetwork.Compile(InpReader.ReadFile(file).Scenario.Network);
        Assert.Null(EpsBatchRunner.Unsupported(net));
        double[] factors = [1.0, 0.8, 1.15, 0.9];
        var batched = new IReadOnlyList<HydraulicPeriod>[factors.Length];
        var backend = EveryBackend.Create(backendName);
        try
        {
            using var runner = new EpsBatchRunner(net, backend, factors.Length, threads: 2);
            runner.Run(factors.Length, (i, solver) =>
            {
                solver.DemandFactor = factors[i];
                return new EpsRunCursor(net, solver, keepPeriods: true, recordSteps: false);
            }, (i, cursor) => batched[i] = cursor.Result().Periods);
            Assert.True(runner.BatchedPeriods > 0, "no period went through the batch");
        }
        finally
        {
            if (backendName != "ilgpu-cpu") backend.Dispose();
        }
        int p2 = Array.IndexOf(net.LinkIds, "P2"), p5 = Array.IndexOf(net.LinkIds, "P5"), t2 = Array.IndexOf(net.NodeIds, "T2");
        for (int i = 0; i < factors.Length; i++)
        {
            var alone = ExtendedPeriodSimulation.Run(net, new EpsSolver(net) { DemandFactor = factors[i] }, keepPeriods: true, recordSteps: false).Periods;
            Assert.Equal(alone.Count, batched[i].Count);
            bool t2Full = false;
            for (int t = 0; t < alone.Count; t++)
            {
                var a = alone[t];
                var b = batched[i][t];
                Assert.Equal(a.Time, b.Time);
                for (int k = 0; k < net.LinkCount; k++) Assert.True(a.Status[k] <= EpsStatus.Closed == b.Status[k] <= EpsStatus.Closed, $"factor {factors[i]}, t={a.Time}: {net.LinkIds[k]} {a.Status[k]} alone, {b.Status[k]} batched");
                for (int n = 0; n < net.NodeCount; n++) Assert.True(Math.Abs(a.Head[n] - b.Head[n]) <= HeadTolerance, $"factor {factors[i]}, t={a.Time}: {net.NodeIds[n]} {a.Head[n]} alone, {b.Head[n]} batched");
                Assert.True(b.Status[p2] > EpsStatus.Closed && b.Status[p5] > EpsStatus.Closed, $"t={b.Time}: P2 {b.Status[p2]}, P5 {b.Status[p5]}");
                t2Full |= b.Head[t2] >= net.Tanks[t2 - net.JunctionCount - net.ReservoirCount].MaxHead - 1e-3;
            }
            Assert.True(t2Full, $"factor {factors[i]}: T2 never full, so P2's rule was not exercised");
        }
    }

    /// <summary>
    /// EPANET 2.2's low-gradient branch of pipecoeff (hydcoeffs.c) in the lanes: a pipe between reservoirs 2e-9 ft
    /// apart, whose loss is RQtol·Q (P1 of the reference network LOW_GRADIENT; RQtol/1.852·Q would carry 1.05 L/s for
    /// EPANET's 0.57 L/s).
    /// </summary>
    [Theory]
    [InlineData("scalar")]
    [InlineData("simd")]
    [InlineData("simd-junctions")]
    [InlineData("ilgpu-cpu")]
    public void Lanes_take_EPANET_2_2s_low_gradient_branch_of_pipes(string backendName)
    {
        const string pipeBetweenReservoirs = """
            [JUNCTIONS]
             J2 80 50
            [RESERVOIRS]
             R1 100.000000002
             R2 100
             R6 130
            [PIPES]
             P1 R1 R2 10 120 140 0 Open
             P3 R6 J2 1000 8 120 0 Open
            [OPTIONS]
             Units GPM
             Headloss H-W
            [TIMES]
             Duration 2:00
            [END]
            """;
        var lowGradient = EpsNetwork.Compile(InpReader.ReadText(pipeBetweenReservoirs, "pipe.inp").Scenario.Network);
        var periods = RunLanes(lowGradient, backendName);
        double expected = ReferenceValue("LOW_GRADIENT", "links", "P1", "flow");
        int p1 = Array.IndexOf(lowGradient.LinkIds, "P1");
        foreach (var lane in periods)
        {
            foreach (var period in lane) Assert.True(Math.Abs(period.Flow[p1] - expected) <= 1e-6, $"t={period.Time}: P1 {period.Flow[p1] * 1e3:G6} L/s, EPANET {expected * 1e3:G6} L/s");
        }
    }

    /// <summary>
    /// A 100 hp constant-power pump whose outlet draws 1 gpm (reference network POWER_PUMP_NO_FLOW): its gradient is
    /// held at CBIG, so J1 sits CBIG·Q ≈ 67,900 m above the reservoir, and next to it the dead-end pipe P1 carries no
    /// flow (gradient RQtol): J1's pivot is 1e15 times smaller than its diagonal. Every period must go through the lanes
    /// and give the scalar engine's heads within the 0.5 % its reference test allows there; with the pivot taken as
    /// A(k,k) − Σ L(k,j)² the SIMD lanes stopped at 60,612 m and the ILGPU lanes handed 4 of 6 periods back.
    /// </summary>
    [Theory]
    [InlineData("scalar")]
    [InlineData("simd")]
    [InlineData("simd-junctions")]
    [InlineData("ilgpu-cpu")]
    public void Lanes_lift_a_constant_power_pumps_dead_end_as_the_scalar_engine(string backendName)
    {
        var file = RepoPaths.EpsNetwork("POWER_PUMP_NO_FLOW.inp");
        var net = EpsNetwork.Compile(InpReader.ReadFile(file).Scenario.Network);
        var alone = ExtendedPeriodSimulation.Run(net, new EpsSolver(net), keepPeriods: true, recordSteps: false).Periods;
        var periods = RunLanes(net, backendName);
        int j1 = Array.IndexOf(net.NodeIds, "J1");
        foreach (var lane in periods)
        {
            Assert.Equal(alone.Count, lane.Count);
            for (int t = 0; t < alone.Count; t++)
            {
                Assert.Equal(alone[t].Time, lane[t].Time);
                Assert.True(alone[t].Head[j1] > 67_000, $"t={alone[t].Time}: the scalar engine's J1 {alone[t].Head[j1]:F1} m");
                for (int n = 0; n < net.NodeCount; n++)
                {
                    double mine = lane[t].Head[n], scalar = alone[t].Head[n];
                    Assert.True(Math.Abs(mine - scalar) <= 5e-3 * Math.Max(1, Math.Abs(scalar)), $"t={lane[t].Time} node {net.NodeIds[n]}: lanes {mine:F2} m, scalar engine {scalar:F2} m");
                }
            }
        }
    }

    /// <summary>
    /// Two demand-scenario lanes of <paramref name="net"/> on the backend ("simd-junctions": SIMD lanes with the Newton
    /// step over the junctions, not in loop-flow form); every period must go through the batch.
    /// </summary>
    private static IReadOnlyList<HydraulicPeriod>[] RunLanes(EpsNetwork net, string backendName)
    {
        Assert.Null(EpsBatchRunner.Unsupported(net));
        var result = new IReadOnlyList<HydraulicPeriod>[2];
        var backend = backendName == "simd-junctions" ? new WdnAccel.Kernels.Simd.SimdBackend(2, LoopFlowMode.Never) : EveryBackend.Create(backendName);
        try
        {
            using var runner = new EpsBatchRunner(net, backend, result.Length, threads: 2);
            runner.Run(result.Length, (i, solver) => new EpsRunCursor(net, solver, keepPeriods: true, recordSteps: false),
                (i, cursor) => result[i] = cursor.Result().Periods);
            Assert.True(runner.BatchedPeriods > 0 && runner.ScalarPeriods == 0, $"{runner.BatchedPeriods} periods batched, {runner.ScalarPeriods} solved again by the scalar engine");
        }
        finally
        {
            if (backendName != "ilgpu-cpu") backend.Dispose();
        }
        return result;
    }

    /// <summary>A value of EPANET 2.2's reference run (data/reference/eps) at time 0.</summary>
    private static double ReferenceValue(string network, string kind, string id, string property)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepoPaths.Data("reference", "eps", network + ".json")));
        var step = doc.RootElement.GetProperty("steps")[0];
        foreach (var e in step.GetProperty(kind).EnumerateArray())
        {
            if (e.GetProperty("id").GetString() == id) return e.GetProperty(property).GetDouble();
        }
        throw new InvalidOperationException($"{network}: no {kind} {id}");
    }

    /// <summary>Nodes reached from a reservoir or tank through links that are not closed.</summary>
    private static bool[] Connected(EpsNetwork net, EpsStatus[] status)
    {
        var reached = new bool[net.NodeCount];
        for (int f = net.JunctionCount; f < net.NodeCount; f++) reached[f] = true;
        for (bool more = true; more;)
        {
            more = false;
            for (int k = 0; k < net.LinkCount; k++)
            {
                if (status[k] <= EpsStatus.Closed || reached[net.From[k]] == reached[net.To[k]]) continue;
                reached[net.From[k]] = reached[net.To[k]] = true;
                more = true;
            }
        }
        return reached;
    }

    [Fact]
    public void Batched_pump_schedules_summarize_as_the_threaded_engine_does()
    {
        var network = InpReader.ReadFile(RepoPaths.Data("networks", "Net1.inp")).Scenario.Network;
        network = network with { Energy = network.Energy with { GlobalPrice = 0.12 } };
        var threaded = PumpScheduleBatch.Run(network, 33, seed: 2, threads: 2);
        using var backend = new Simd.SimdBackend(2);
        var batched = PumpScheduleBatch.RunBatched(network, 33, seed: 2, backend, threads: 2, lanes: 8);
        Assert.Equal("threaded", threaded.Path);
        Assert.Equal("batched", batched.Path);
        Assert.StartsWith("simd batched GGA", batched.Backend, StringComparison.Ordinal);
        Assert.Equal(8, batched.Lanes);
        Assert.Equal(threaded.Notes, batched.Notes);
        for (int i = 0; i < 33; i++)
        {
            var a = threaded.Candidates[i];
            var b = batched.Candidates[i];
            Assert.Equal(i, b.Index);
            Assert.Equal(a.Speeds, b.Speeds);
            Assert.Equal(a.KilowattHours, b.KilowattHours, a.KilowattHours * 1e-3);
            Assert.Equal(a.EnergyCost, b.EnergyCost, a.EnergyCost * 1e-3);
            Assert.Equal(a.CutOffSteps, b.CutOffSteps);
            Assert.Equal(a.Converged, b.Converged);
            Assert.Equal(a.TankLevelChange[0], b.TankLevelChange[0], 1e-4);
            if (a.CutOffSteps == 0)
            {
                Assert.Equal(a.MinPressureNode, b.MinPressureNode);
                Assert.Equal(a.MinPressure, b.MinPressure, 1e-4);
            }
        }
    }

    [Fact]
    public void Pump_schedules_of_a_network_with_a_valve_fall_back_to_the_threaded_engine_and_say_so()
    {
        var network = InpReader.ReadFile(RepoPaths.Data("networks", "Net1.inp")).Scenario.Network;
        network = network with { Valves = [new Valve("v", "10", "11", 0.3, ValveType.PRV, 30.0)] };
        using var backend = new Simd.SimdBackend(2);
        var outcome = PumpScheduleBatch.RunBatched(network, 3, seed: 1, backend, threads: 2);
        Assert.Equal("threaded", outcome.Path);
        Assert.Equal(PumpScheduleBatch.ThreadedBackend, outcome.Backend);
        Assert.Contains(outcome.Notes, n => n.Contains("not the simd batch", StringComparison.Ordinal) && n.Contains("1 valve(s)", StringComparison.Ordinal));
        Assert.Equal(3, outcome.Candidates.Count);
    }

    [Fact]
    public void A_network_with_a_valve_is_refused_with_the_reason()
    {
        var network = InpReader.ReadFile(RepoPaths.Data("networks", "Net1.inp")).Scenario.Network;
        network = network with { Valves = [new Valve("v", "10", "11", 0.3, ValveType.PRV, 30.0)] };
        Assert.Equal("1 valve(s)", EpsBatchRunner.Unsupported(EpsNetwork.Compile(network)));
    }
}
