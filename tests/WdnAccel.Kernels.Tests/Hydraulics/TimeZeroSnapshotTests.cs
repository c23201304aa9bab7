using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Core.Model;
using WdnAccel.Kernels.Tests.Ilgpu;
using WdnAccel.Tests.Shared;

namespace WdnAccel.Kernels.Tests.Hydraulics;

/// <summary>
/// What the batched snapshot solver took over from the extended-period engine, lane by lane against that engine's solve
/// at time zero (itself checked against EPANET on these networks, SimulateSnapshotReferenceTests): heads, flows and
/// closed links on random designs, every backend.
/// - Tanks that start full or empty (TANK_LIMITS, and a variant whose full tank is fed by a pump): EPANET 2.2's
///   tankstatus closes, at the solve's status checks, a link that would fill a full tank or drain an empty one; the
///   batch starts every lane with those directions (<see cref="CompiledNetwork.TimeZeroLinkState"/>).
/// - Custom (multi-point) pump curves (CUSTOM_CURVES: three pumps, each followed segment by segment).
/// - CHECKFREQ and MAXCHECK other than EPANET's defaults (CHECK_FREQUENCY: a check valve that closes at a status check).
/// - HEADERROR (HEAD_ERROR), FLOWCHANGE with DAMPLIMIT (FLOW_CHANGE), DAMPLIMIT with CHECKFREQ/MAXCHECK (SOLVER_OPTIONS):
///   the same verdicts and trial counts show the same convergence tests and damped steps.
/// - Simple controls due at time zero (CONTROLS_AT_TIME_ZERO: pipes closed by a tank level and a clock time, one opened
///   from CLOSED, a pump's speed): the statuses, speeds and start flows EPANET's controls() leaves before the solve.
/// - Controls on junction pressure (PRESSURE_CONTROLS: a pump and a pipe closed, a pipe opened from CLOSED, a CLOSED
///   pump that an OPEN control leaves closed), checked each time a lane's solve converges (pswitch); and a variant
///   whose last control reopens the pump the first one closes, so a lane that closes it flips it at each check until
///   its trials run out, as the engine does (the pump's setting 0 from a control, then 1). PUMP_REOPENED: a pump an
///   AT TIME 0 control closes (setting 0), which a pressure control opens again inside the solve, at speed 1.
/// - Emitters (EMITTERS: four, one at a junction without demand, EMITTER EXPONENT 0.55): each lane's outflows, which
///   the snapshot adds to the junctions' demands, as the engine's.
/// - Pressure-driven demand (PRESSURE_DRIVEN: PDA, junctions between their minimum and required pressures, one below
///   its minimum, a negative demand, an emitter): each lane's delivered demands, as the engine's.
/// </summary>
[Collection(IlgpuCollection.Name)]
public class TimeZeroSnapshotTests
{
    private static Network Load(string name) =>
        InpReader.ReadFile(Path.Combine(RepoPaths.Root, "tools", "epanet-reference", "networks", "snapshot", name + ".inp")).Scenario.Network;

    /// <summary>An extended-period network with valves, as a snapshot (its duration set to 0).</summary>
    private static Network LoadValves(string name)
    {
        const string atTimeZero = " with controls at time zero";
        bool controls = name.EndsWith(atTimeZero);
        var network = InpReader.ReadFile(Path.Combine(RepoPaths.Root, "tools", "epanet-reference", "networks", "eps", name.Replace(atTimeZero, "") + ".inp")).Scenario.Network;
        network = network with { Times = network.Times with { Duration = 0 } };
        if (!controls) return network;
        // AT TIME 0: PRV V1 takes another setting (45 m instead of 52), V3 (CLOSED in [STATUS]) opens fixed OPEN, PSV V2
        // closes: the snapshot takes the valves' state from the engine's after its controls at time zero.
        return network with
        {
            Controls =
            [
                new SimpleControl(new LinkAction("V1", null, 45), ControlCondition.Timer),
                new SimpleControl(new LinkAction("V3", LinkStatus.Open, null), ControlCondition.Timer),
                new SimpleControl(new LinkAction("V2", LinkStatus.Closed, null), ControlCondition.Timer),
            ],
        };
    }

    private static Network PressureControls(bool flipping)
    {
        var network = Load("PRESSURE_CONTROLS");
        if (!flipping) return network;
        return network with { Controls = [.. network.Controls, new SimpleControl(new LinkAction("PU1", LinkStatus.Open, null), ControlCondition.LowLevel, "J4", 500)] };
    }

    private static Network TankLimits(bool pumpIntoTheFullTank)
    {
        var network = Load("TANK_LIMITS");
        if (!pumpIntoTheFullTank) return network;
        // P6 (J5 → the full T1) becomes a pump on the same curve: EPANET closes a pump discharging into a full tank.
        var p6 = network.Pipes.Single(p => p.Id == "P6");
        var pu1 = network.Pumps.Single();
        return network with
        {
            Pipes = network.Pipes.Where(p => p.Id != "P6").ToList(),
            Pumps = [.. network.Pumps, pu1 with { Id = "PU6", Node1 = p6.Node1, Node2 = p6.Node2 }],
        };
    }

    [Theory]
    [InlineData("scalar", "TANK_LIMITS")]
    [InlineData("simd", "TANK_LIMITS")]
    [InlineData("ilgpu-cpu", "TANK_LIMITS")]
    [InlineData("simd", "TANK_LIMITS with a pump into the full tank")]
    [InlineData("ilgpu-cpu", "TANK_LIMITS with a pump into the full tank")]
    [InlineData("scalar", "CUSTOM_CURVES")]
    [InlineData("simd", "CUSTOM_CURVES")]
    [InlineData("ilgpu-cpu", "CUSTOM_CURVES")]
    [InlineData("simd", "CHECK_FREQUENCY")]
    [InlineData("ilgpu-cpu", "CHECK_FREQUENCY")]
    [InlineData("scalar", "HEAD_ERROR")]
    [InlineData("simd", "HEAD_ERROR")]
    [InlineData("ilgpu-cpu", "HEAD_ERROR")]
    [InlineData("simd", "FLOW_CHANGE")]
    [InlineData("ilgpu-cpu", "FLOW_CHANGE")]
    [InlineData("simd", "SOLVER_OPTIONS")]
    [InlineData("ilgpu-cpu", "SOLVER_OPTIONS")]
    [InlineData("scalar", "CONTROLS_AT_TIME_ZERO")]
    [InlineData("simd", "CONTROLS_AT_TIME_ZERO")]
    [InlineData("ilgpu-cpu", "CONTROLS_AT_TIME_ZERO")]
    [InlineData("scalar", "PRESSURE_CONTROLS")]
    [InlineData("simd", "PRESSURE_CONTROLS")]
    [InlineData("ilgpu-cpu", "PRESSURE_CONTROLS")]
    [InlineData("scalar", "PRESSURE_CONTROLS flipping")]
    [InlineData("simd", "PRESSURE_CONTROLS flipping")]
    [InlineData("ilgpu-cpu", "PRESSURE_CONTROLS flipping")]
    [InlineData("scalar", "PUMP_REOPENED")]
    [InlineData("simd", "PUMP_REOPENED")]
    [InlineData("ilgpu-cpu", "PUMP_REOPENED")]
    [InlineData("scalar", "EMITTERS")]
    [InlineData("simd", "EMITTERS")]
    [InlineData("ilgpu-cpu", "EMITTERS")]
    [InlineData("scalar", "PRESSURE_DRIVEN")]
    [InlineData("simd", "PRESSURE_DRIVEN")]
    [InlineData("ilgpu-cpu", "PRESSURE_DRIVEN")]
    [InlineData("scalar", "VALVES_PRV_PSV with controls at time zero")]
    [InlineData("simd", "VALVES_PRV_PSV with controls at time zero")]
    [InlineData("ilgpu-cpu", "VALVES_PRV_PSV with controls at time zero")]
    [InlineData("scalar", "VALVES_PRV_PSV")]
    [InlineData("simd", "VALVES_PRV_PSV")]
    [InlineData("ilgpu-cpu", "VALVES_PRV_PSV")]
    [InlineData("scalar", "VALVES_FCV_TCV_PBV")]
    [InlineData("simd", "VALVES_FCV_TCV_PBV")]
    [InlineData("ilgpu-cpu", "VALVES_FCV_TCV_PBV")]
    [InlineData("scalar", "VALVE_GPV")]
    [InlineData("simd", "VALVE_GPV")]
    [InlineData("ilgpu-cpu", "VALVE_GPV")]
    [InlineData("scalar", "VALVE_CUT_OFF_ZONE")]
    [InlineData("simd", "VALVE_CUT_OFF_ZONE")]
    [InlineData("ilgpu-cpu", "VALVE_CUT_OFF_ZONE")]
    [InlineData("scalar", "VALVE_ZONE_NO_DEMAND")]
    [InlineData("simd", "VALVE_ZONE_NO_DEMAND")]
    [InlineData("ilgpu-cpu", "VALVE_ZONE_NO_DEMAND")]
    public void Each_lane_solves_as_the_extended_period_engine_at_time_zero(string backendName, string name)
    {
        bool tanks = name.StartsWith("TANK_LIMITS"), flipping = name.EndsWith("flipping");
        bool pressure = name.StartsWith("PRESSURE_CONTROLS") || name == "PUMP_REOPENED";
        bool valves = name.StartsWith("VALVE");
        if (name.EndsWith("with controls at time zero"))
        {
            var atZero = CompiledNetwork.Compile(LoadValves(name));
            Assert.Equal([45.0, double.NaN, double.NaN], atZero.ValveSetting);
            Assert.Equal([true, false, false], atZero.ValveStartsActive);
            Assert.Equal([false, true, false], atZero.InitiallyClosed[atZero.ValveStart..]);
        }
        var network = tanks ? TankLimits(name != "TANK_LIMITS") : name.StartsWith("PRESSURE_CONTROLS") ? PressureControls(flipping) : valves ? LoadValves(name) : Load(name);
        var compiled = CompiledNetwork.Compile(network);
        if (tanks) Assert.Contains(compiled.TimeZeroLinkState, s => s != 0);
        if (name.StartsWith("PRESSURE_CONTROLS")) Assert.Equal(flipping ? 6 : 5, compiled.PressureControlCount);
        // PU3, closed at time zero (setting 0), starts its lanes with the speed its pressure control opens it at.
        if (name == "PUMP_REOPENED") Assert.Equal(HydraulicBatch.LinkSettingZero, compiled.TimeZeroLinkState[compiled.LinkIndex("PU3")]);
        if (name == "CUSTOM_CURVES") Assert.Equal(3, compiled.LinkCodes.Count(c => c == GgaLinkCode.CustomCurvePump));
        if (name == "EMITTERS") Assert.Equal(4, compiled.EmitterCount);
        if (name == "PRESSURE_DRIVEN") Assert.True(compiled.PressureDriven);
        // Valves make the matrix stiff: an open valve without a minor loss has the gradient CSMALL, an active PBV, PRV or
        // PSV a conductance CBIG, beside pipes of gradient ~1. The engine factorizes by subtraction as EPANET does, the
        // lanes take the last pivot of each part as the GTH excess (GgaLaneSolver.CholeskySolve); round-off amplified by
        // that conditioning moves answers by ~1e-6 relative, and EPANET's own answer lies within it of both (VALVES_FCV_TCV_PBV:
        // P1 0.0205043162 L/s in EPANET, 0.02050431629 in the lanes, 0.02050439164 in the engine). In a zone a valve cut off
        // without demand, flows are a CSMALL⁻¹ conductance times a few ulps of head, ~1e-8 m³/s.
        double headTolerance = valves ? 1e-5 : 1e-6, flowTolerance = valves ? 1e-5 : 1e-7, flowFloor = valves ? 2e-8 : 1e-9;
        const int k = 13;
        var batch = new HydraulicBatch(compiled, k);
        var rng = new Random(29);
        var diameters = new double[k][];
        for (int lane = 0; lane < k; lane++)
        {
            diameters[lane] = compiled.BaseDiameter.Select(d => d * (0.6 + 0.8 * rng.NextDouble())).ToArray();
            for (int p = 0; p < compiled.PipeCount; p++) batch.SetPipe(lane, p, diameters[lane][p]);
        }
        EveryBackend.Create(backendName).SolveHydraulics(batch);

        int closedByTanks = 0, unconverged = 0, switched = 0;
        for (int lane = 0; lane < k; lane++)
        {
            var own = network with { Pipes = network.Pipes.Select((p, i) => p with { Diameter = diameters[lane][i] }).ToList() };
            var eps = EpsNetwork.Compile(own);
            (bool Converged, int Trials)? first = null;
            var run = ExtendedPeriodSimulation.Run(eps, new EpsSolver(eps), keepPeriods: true, recordSteps: false,
                onReport: solver => first ??= (solver.Converged, solver.Trials));
            var at0 = run.Periods[0];
            // The same Newton path: the same verdict and trial count (a lane may stop unconverged, as the engine does).
            Assert.Equal(first!.Value.Converged, batch.Status[lane] == LaneStatus.Converged);
            Assert.Equal(first.Value.Trials, batch.Iterations[lane]);
            if (!first.Value.Converged) { unconverged++; continue; }
            for (int n = 0; n < compiled.NodeCount; n++)
                Assert.True(Math.Abs(at0.Head[n] - batch.Head[n * k + lane]) <= headTolerance, $"lane {lane} node {compiled.NodeIds[n]}: {batch.Head[n * k + lane]:R}, engine {at0.Head[n]:R}");
            // The engine's junction outflow is the delivered demand (under PDA, what the pressure allows) + emitter outflow.
            int partial = 0;
            for (int j = 0; j < compiled.JunctionCount && (compiled.EmitterCount > 0 || compiled.PressureDriven); j++)
            {
                double delivered = compiled.PressureDriven ? batch.DemandFlow[j * k + lane] : batch.Demand[j * k + lane];
                double outflow = delivered + (compiled.EmitterCount > 0 ? batch.EmitterFlow[j * k + lane] : 0);
                if (delivered < 0.99 * batch.Demand[j * k + lane]) partial++;
                Assert.True(Math.Abs(at0.Demand[j] - outflow) <= 1e-9 + 1e-7 * Math.Abs(at0.Demand[j]), $"lane {lane} junction {compiled.NodeIds[j]}: outflow {outflow:R}, engine {at0.Demand[j]:R}");
                if (compiled.EmitterResistance[j] > 0) Assert.True(batch.EmitterFlow[j * k + lane] > 0, $"lane {lane} junction {compiled.NodeIds[j]}: its emitter discharges");
            }
            // PDA acted: some junctions of each lane deliver less than their demand.
            if (compiled.PressureDriven) Assert.True(partial >= 2, $"lane {lane}: {partial} junctions deliver part of their demand");
            for (int i = 0; i < compiled.LinkCount; i++)
            {
                bool closed = at0.Status[i] <= EpsStatus.Closed;
                Assert.True(closed == (batch.Closed[i * k + lane] != 0), $"lane {lane} link {compiled.LinkIds[i]}: closed {batch.Closed[i * k + lane]}, engine {at0.Status[i]}");
                if (closed && compiled.TimeZeroLinkState[i] != 0) closedByTanks++;
                if (pressure && closed != compiled.InitiallyClosed[i]) switched++;
                else Assert.True(Math.Abs(at0.Flow[i] - batch.Flow[i * k + lane]) <= flowFloor + flowTolerance * Math.Abs(at0.Flow[i]), $"lane {lane} link {compiled.LinkIds[i]}: {batch.Flow[i * k + lane]:R}, engine {at0.Flow[i]:R}");
            }
        }
        if (flipping)
        {
            // Lanes whose J6 pressure passes 30 m flip the pump until their trials run out: most of them.
            Assert.True(unconverged >= k / 2, $"{unconverged} of {k} lanes flipped the pump to the end");
            return;
        }
        Assert.True(unconverged <= k / 4, $"{unconverged} of {k} lanes did not converge: too few compared");
        // The controls acted: links other than the file made them open or closed in (nearly) every lane.
        if (pressure) Assert.True(switched >= k, $"{switched} links switched in {k} lanes");
        // The rule acted: the links into the full tank and out of the empty one closed in (nearly) every lane.
        if (tanks) Assert.InRange(closedByTanks, k, 2 * k);
    }
}
