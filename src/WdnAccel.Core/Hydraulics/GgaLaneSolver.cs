using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// The Global Gradient Algorithm (Todini &amp; Pilati 1988) for one lane, following EPANET 2.2's hydsolve
/// (src/hydsolver.c): initial flows at 1 ft/s, the coefficients of <see cref="LinkCoefficients{TMath}"/> (hydcoeffs.c),
/// A = A12ᵀ·P·A12 over junctions, sparse Cholesky over <see cref="CompiledNetwork"/>'s symbolic pattern (smatrix.c),
/// flow update Q −= Y − P·ΔH, convergence Σ|ΔQ|/Σ|Q| ≤ accuracy and check-valve/pump status checks (hydstatus.c).
/// <para>
/// One source for the scalar oracle and the ILGPU kernels: generic over struct accessors, with no allocation, no
/// exceptions and no managed state, so ILGPU compiles this method for CUDA, OpenCL and its CPU accelerator and the
/// JIT specializes it for host arrays. Pow and log come from <c>TMath</c> (<see cref="IHydraulicMath"/>): .NET's
/// Math in the oracle, a polynomial exp/log in the kernels, which differ from it in the last bits.
/// </para>
/// </summary>
public static class GgaLaneSolver
{
    /// <summary>
    /// Closed-state bits of <see cref="IGgaLane.Closed"/> while solving: closed in the input, by the lane or by a
    /// control (EPANET CLOSED: status checks leave it); closed by a status check (XHEAD, TEMPCLOSED); closed by a
    /// pressure control (with <see cref="ClosedFixed"/>; for a pump, EPANET's setting 0).
    /// </summary>
    public const int ClosedFixed = 1, ClosedByStatus = 2, ClosedByControl = 4;

    /// <summary>
    /// A valve's states besides those (EPANET's valve statuses): <see cref="ClosedByStatus"/> is a PRV's or PSV's CLOSED
    /// (valvestatus), ACTIVE holds its setting, XPRESSURE (a PRV or PSV) or XFCV (an FCV) is open because it cannot,
    /// TEMPCLOSED closed by a full or empty tank (tankstatus; reopened by the next status check); 0 is OPEN.
    /// </summary>
    public const int ValveActive = 8, ValveCannotHold = 16, ValveTempClosed = 32;

    /// <summary>The states in which a link is closed.</summary>
    public const int ClosedBits = ClosedFixed | ClosedByStatus | ValveTempClosed;

    /// <summary>
    /// A pivot this close to zero (relative to its diagonal) in a zone that active PRVs and PSVs cut off from every fixed
    /// head counts as zero: such a zone is exactly singular, and its pivot lands on 0, −ulp or +ulp by round-off.
    /// </summary>
    private const double RoundOffPivot = 4.0 / (1L << 52);

    /// <summary>Solves one lane with .NET's Math (the oracle).</summary>
    public static void Solve<TNet, TLane>(TNet net, TLane lane)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane => Solve<TNet, TLane, HostMath>(net, lane);

    /// <summary>Solves one lane, checking the network's controls on junction pressure and solving its emitters and pressure-driven demands where it has any.</summary>
    public static void Solve<TNet, TLane, TMath>(TNet net, TLane lane)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane
        where TMath : struct, IHydraulicMath => Solve<TNet, TLane, TMath, GgaExtras.On>(net, lane);

    /// <summary>
    /// Solves one lane; <typeparamref name="TExtras"/> says whether the code that checks controls on junction pressure and
    /// solves emitters and pressure-driven demands is compiled in at all. A GPU kernel without it keeps the registers it had before that code (56
    /// against 60 on sm_90 with the pressure checks alone, 36 resident warps per SM instead of 32), so networks with
    /// neither get their own kernel.
    /// </summary>
    public static void Solve<TNet, TLane, TMath, TExtras>(TNet net, TLane lane)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane
        where TMath : struct, IHydraulicMath
        where TExtras : struct, GgaExtras.IMode
    {
        int nj = net.JunctionCount, np = net.PipeCount, m = net.LinkCount;
        bool dw = net.HeadLoss == HeadLossModel.DarcyWeisbach;

        // Initial state (hydraul.c initlinkflow): open pipes at 1 ft/s, closed ones at QZERO, pumps at their start flow;
        // a warm start keeps the lane's flows and status-closed flags (an extended-period run's last period).
        bool warm = lane.WarmStart;
        // A pressure control may open a closed pipe: then every laid pipe needs its coefficients.
        bool switches = default(TExtras).Enabled && net.PressureControlCount > 0;
        // Emitters (EPANET's fictitious pipes to reservoirs at the junctions' elevations) start at 1 cfs (inithyd).
        bool emitters = default(TExtras).Enabled && net.EmitterCount > 0;
        if (emitters && !warm)
        {
            for (int j = 0; j < nj; j++) lane.SetEmitterFlow(j, net.EmitterResistance(j) > 0 ? Units.CubicMetersPerCubicFoot : 0);
        }
        // Pressure-driven demands start at the full demand, every solve (EPANET demands() sets them each period).
        bool pda = default(TExtras).Enabled && net.PressureDriven;
        if (pda)
        {
            for (int j = 0; j < nj; j++) lane.SetDemandFlow(j, lane.Demand(j));
        }
        for (int i = 0; i < np; i++)
        {
            double d = lane.Diameter(i);
            int state = lane.LinkState(i);
            bool cut = !PipeDiameter.IsLaid(d) || (state & HydraulicBatch.LinkClosed) != 0;
            if (net.InitiallyClosed(i) || cut)
            {
                lane.SetClosed(i, ClosedFixed);
                // A pipe a control closed at time zero keeps its open start flow (EPANET's controls() moves no flow).
                if (!warm) lane.SetFlow(i, cut || net.StartsAtZeroFlow(i) ? GgaConstants.QZero : GgaConstants.StartFlow(d));
                lane.SetResistance(i, 0);
                lane.SetMinorCoefficient(i, switches && PipeDiameter.IsLaid(d) ? LinkFormulas.MinorLossCoefficient<TMath>(net.MinorLoss(i), d) : 0);
                continue;
            }
            lane.SetClosed(i, warm && lane.Closed(i) != 0 ? ClosedByStatus : 0);
            lane.SetMinorCoefficient(i, LinkFormulas.MinorLossCoefficient<TMath>(net.MinorLoss(i), d));
            if (!warm) lane.SetFlow(i, net.StartsAtZeroFlow(i) ? GgaConstants.QZero : GgaConstants.StartFlow(d));
        }
        // The open pipes' resistances in a loop of their own: on sm_90 the three formulas in the loop above cost the whole
        // kernel 6 registers more (59 against 53, 32 warps per SM instead of 36).
        for (int i = 0; i < np; i++)
        {
            if ((lane.Closed(i) & ClosedFixed) == 0 || switches && PipeOpenable(lane, i))
                lane.SetResistance(i, LinkFormulas.PipeResistance<TMath>(net.HeadLoss, net.Omega, net.Length(i), lane.Diameter(i), lane.Roughness(i)));
        }
        // Valves only in the whole GGA (GgaExtras.On); a network with valves always takes it.
        int vs = default(TExtras).Enabled ? net.ValveStart : m;
        for (int i = np; i < vs; i++)
        {
            int state = lane.LinkState(i);
            bool closed = net.InitiallyClosed(i) || lane.PumpSpeed(i - np) == 0 || (state & HydraulicBatch.LinkClosed) != 0;
            // A pump a control closed keeps that (its setting 0) for the pressure switches.
            int byControl = switches && (state & HydraulicBatch.LinkSettingZero) != 0 ? ClosedByControl : 0;
            lane.SetClosed(i, closed ? ClosedFixed | byControl : warm && lane.Closed(i) != 0 ? ClosedByStatus : 0);
            if (!warm) lane.SetFlow(i, net.PumpQ0(i - np)); // closed or not: EPANET does not reset it (CompiledNetwork.PumpQ0)
        }
        // Valves (EPANET inithyd): closed ones from QZERO, the others at 1 ft/s; a PRV, PSV or FCV with a setting ACTIVE.
        bool valves = default(TExtras).Enabled && vs < m;
        for (int i = vs; i < m; i++)
        {
            bool closed = net.InitiallyClosed(i) || (lane.LinkState(i) & HydraulicBatch.LinkClosed) != 0;
            lane.SetClosed(i, closed ? ClosedFixed : net.ValveStartsActive(i - vs) ? ValveActive : 0);
            if (!warm) lane.SetFlow(i, net.StartsAtZeroFlow(i) || (lane.LinkState(i) & HydraulicBatch.LinkClosed) != 0 ? GgaConstants.QZero : GgaConstants.StartFlow(net.ValveDiameter(i - vs)));
        }
        for (int j = 0; j < nj; j++) lane.SetHead(j, net.Elevation(j));
        for (int f = 0; f < net.FixedCount; f++) lane.SetHead(nj + f, lane.FixedHead(f));

        var status = LaneStatus.NotConverged;
        int iter = 1, nextCheck = net.CheckFrequency;
        double relErr = double.NaN;
        bool damped = false;
        // HEADERROR: a trial that met the other tests is judged on its head error with the next trial's coefficients,
        // which are what EPANET's checkhydbalance takes afresh at its flows (one coefficient pass per trial: on a GPU
        // a second one cost the kernel 6 registers).
        bool pending = false, pendingValveChange = false;
        double qSumFloor = net.Accuracy * Units.CubicMetersPerCubicFoot;
        for (; iter <= net.MaxTrials || pending; iter++)
        {
            for (int i = 0; i < m; i++) Coefficients<TNet, TLane, TMath, TExtras>(net, lane, i, dw);
            if (pending)
            {
                pending = false;
                int done = iter - 1;
                bool changed = false;
                if (MaxHeadError(net, lane) <= net.HeadError)
                {
                    if (!StatusCheck<TNet, TLane, TExtras>(net, lane, pressureControls: switches) & !(default(TExtras).Enabled && pendingValveChange))
                    {
                        status = LaneStatus.Converged;
                        iter = done;
                        break;
                    }
                    nextCheck = done + net.CheckFrequency;
                    changed = true;
                }
                else if (done <= net.MaxCheck && done == nextCheck)
                {
                    changed = StatusCheck<TNet, TLane, TExtras>(net, lane, pressureControls: false);
                    nextCheck += net.CheckFrequency;
                }
                if (iter > net.MaxTrials) break;
                // A status changed after this trial's coefficients were taken: take them again.
                if (changed)
                {
                    iter--;
                    continue;
                }
            }
            Assemble<TNet, TLane, TExtras>(net, lane);
            if (emitters) AssembleEmitters<TNet, TLane, TMath>(net, lane);
            if (pda) AssembleDemands<TNet, TLane, TMath>(net, lane);
            bool cutOff = valves && AssembleValves<TNet, TLane, TMath>(net, lane, pda, emitters);
            int singular = CholeskyFactorSolve<TNet, TLane, TExtras>(net, lane, cutOff, pda, emitters);
            if (singular >= 0)
            {
                // EPANET badvalve: the active valve at the singular junction, or that cuts its zone off, cannot hold its
                // target and opens; the trial is taken again.
                if (valves && OpenBadValve(net, lane, net.JunctionAt(singular), pda, emitters))
                {
                    iter--;
                    continue;
                }
                status = LaneStatus.Singular;
                break;
            }
            for (int j = 0; j < nj; j++) lane.SetHead(j, lane.Rhs(net.Position(j)));

            // Flow update (hydsolver.c newflows).
            double qSum = 0, dqSum = 0;
            bool bigChange = false;
            for (int i = 0; i < m; i++)
            {
                double q = lane.Flow(i);
                double dq = lane.Y(i) - lane.P(i) * (lane.Head(net.From(i)) - lane.Head(net.To(i)));
                if (damped) dq *= 0.6;
                // newlinkflows: a constant-power pump's flow may not go negative.
                if (net.LinkCode(i) == GgaLinkCode.ConstantPowerPump && dq > q) dq = q / 2.0;
                q -= dq;
                lane.SetFlow(i, q);
                qSum += Math.Abs(q);
                dqSum += Math.Abs(dq);
                // FLOWCHANGE: a flow that moved by more than it keeps the solve going.
                bigChange |= net.FlowChange > 0 && Math.Abs(dq) > net.FlowChange;
            }
            if (emitters) UpdateEmitterFlows<TNet, TLane, TMath>(net, lane, damped, ref qSum, ref dqSum);
            if (pda) UpdateDemandFlows<TNet, TLane, TMath>(net, lane, damped, ref qSum, ref dqSum);
            relErr = qSum > qSumFloor ? dqSum / qSum : dqSum;
            // DAMPLIMIT: close to the solution the next step goes 0.6 of the way (hydsolve's RelaxFactor).
            damped = net.DampLimit > 0 && relErr <= net.DampLimit;
            // hydsolve: PRVs and PSVs check their status every trial, or with DAMPLIMIT only once damped.
            bool valveChange = valves && (net.DampLimit <= 0 || damped) && PressureValveStatus(net, lane);

            // hydsolve: converged unless a status changes; otherwise statuses are checked every CheckFreq trials.
            // PDA: not while a junction draws a negative demand or one below its minimum pressure (pdaconverged).
            if (relErr <= net.Accuracy && !bigChange && (!pda || DemandsSettled(net, lane)))
            {
                if (net.HeadError > 0)
                {
                    pending = true;
                    if (default(TExtras).Enabled) pendingValveChange = valveChange;
                    continue;
                }
                if (!StatusCheck<TNet, TLane, TExtras>(net, lane, pressureControls: switches) & !valveChange)
                {
                    status = LaneStatus.Converged;
                    break;
                }
                nextCheck = iter + net.CheckFrequency;
            }
            else if (iter <= net.MaxCheck && iter == nextCheck)
            {
                StatusCheck<TNet, TLane, TExtras>(net, lane, pressureControls: false);
                nextCheck += net.CheckFrequency;
            }
        }
        for (int i = vs; i < m; i++)
        {
            int state = lane.Closed(i);
            lane.SetValveStatus(i - vs, (state & ClosedBits) != 0 ? HydraulicBatch.ValveClosed : state == ValveActive ? HydraulicBatch.ValveActive
                : state == ValveCannotHold ? HydraulicBatch.ValveCannotHold : HydraulicBatch.ValveOpen);
        }
        for (int i = 0; i < m; i++)
        {
            // A valve's other states (ACTIVE, XPRESSURE, XFCV) are open.
            int closed = default(TExtras).Enabled ? lane.Closed(i) & (ClosedBits | ClosedByControl) : lane.Closed(i);
            lane.SetClosed(i, closed == 0 ? 0 : switches ? 1 | (closed & ClosedByControl) : 1);
        }
        lane.Finish(status, iter < net.MaxTrials ? iter : net.MaxTrials, relErr);
    }

    /// <summary>
    /// hydsolver.c checkhydbalance: the largest gap between an open link's head loss, from its coefficients taken at the
    /// updated flows, and the difference of its end heads (for HEADERROR).
    /// </summary>
    private static double MaxHeadError<TNet, TLane>(TNet net, TLane lane)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane
    {
        double worst = 0;
        for (int i = 0; i < net.LinkCount; i++)
        {
            if ((lane.Closed(i) & ClosedBits) != 0) continue;
            double p = lane.P(i);
            if (p == 0) continue;
            worst = Math.Max(worst, Math.Abs(lane.Head(net.From(i)) - lane.Head(net.To(i)) - lane.Y(i) / p));
        }
        return worst;
    }

    /// <summary>P and Y of link <paramref name="i"/> at its current flow (hydcoeffs.c).</summary>
    private static void Coefficients<TNet, TLane, TMath, TExtras>(TNet net, TLane lane, int i, bool dw)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane
        where TMath : struct, IHydraulicMath
        where TExtras : struct, GgaExtras.IMode
    {
        double q = lane.Flow(i), p, y;
        int code = net.LinkCode(i);
        if (default(TExtras).Enabled && GgaLinkCode.IsValve(code)) ValveCoefficients<TNet, TLane, TMath>(net, lane, i, code, q, out p, out y);
        else if (lane.Closed(i) != 0) LinkCoefficients<TMath>.Closed(q, out p, out y);
        else if (code == GgaLinkCode.Pipe || code == GgaLinkCode.CheckValve)
        {
            if (dw)
            {
                double d = lane.Diameter(i);
                LinkCoefficients<TMath>.DarcyWeisbach(lane.Resistance(i), lane.Roughness(i) / d, net.Viscosity * d, lane.MinorCoefficient(i), q, out p, out y);
            }
            else LinkCoefficients<TMath>.PowerLawPipe(lane.Resistance(i), lane.MinorCoefficient(i), LinkFormulas.PipeFlowExponent(net.HeadLoss), q, out p, out y);
        }
        else if (code == GgaLinkCode.ConstantPowerPump)
        {
            int pu = i - net.PipeCount;
            LinkCoefficients<TMath>.ConstantPowerPump(net.PumpR(pu), lane.PumpSpeed(pu), q, out p, out y);
        }
        else if (code == GgaLinkCode.CustomCurvePump)
        {
            int pu = i - net.PipeCount;
            double speed = lane.PumpSpeed(pu);
            CurveSegment.Find(net, net.PumpCurveStart(pu), net.PumpCurveStart(pu + 1), Math.Abs(q) / speed, out double h0, out double r);
            LinkCoefficients<TMath>.CustomCurvePump(h0, r, speed, q, out p, out y);
        }
        else
        {
            int pu = i - net.PipeCount;
            LinkCoefficients<TMath>.PowerCurvePump(net.PumpH0(pu), net.PumpR(pu), net.PumpN(pu), lane.PumpSpeed(pu), q, out p, out y);
        }
        lane.SetP(i, p);
        lane.SetY(i, y);
    }

    /// <summary>A = A12ᵀ·P·A12 and its right-hand side over junctions, in elimination order; fixed heads go to the right.</summary>
    private static void Assemble<TNet, TLane, TExtras>(TNet net, TLane lane)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane
        where TExtras : struct, GgaExtras.IMode
    {
        int nj = net.JunctionCount, factorSize = nj + net.ColumnStart(nj);
        for (int e = 0; e < factorSize; e++) lane.SetFactor(e, 0);
        for (int j = 0; j < nj; j++)
        {
            int position = net.Position(j);
            lane.SetRhs(position, -lane.Demand(j));
            lane.SetGrounding(position, 0);
        }
        for (int i = 0; i < net.LinkCount; i++)
        {
            int a = net.From(i), b = net.To(i), entry = net.LinkEntry(i);
            double p = lane.P(i), y = lane.Y(i), q = lane.Flow(i);
            // An active PRV, PSV or FCV: AssembleValves takes it.
            if (default(TExtras).Enabled && p == 0) continue;
            if (entry >= 0) lane.SetFactor(entry, lane.Factor(entry) - p);
            if (a < nj)
            {
                int pa = net.Position(a);
                lane.SetFactor(pa, lane.Factor(pa) + p);
                lane.SetRhs(pa, lane.Rhs(pa) + (y - q));
            }
            else if (b < nj)
            {
                // A link between two fixed heads (b fixed too) touches no junction row; its flow still updates.
                int pb = net.Position(b);
                lane.SetRhs(pb, lane.Rhs(pb) + p * lane.Head(a));
                lane.SetGrounding(pb, lane.Grounding(pb) + p);
            }
            if (b < nj)
            {
                int pb = net.Position(b);
                lane.SetFactor(pb, lane.Factor(pb) + p);
                lane.SetRhs(pb, lane.Rhs(pb) + (q - y));
            }
            else if (a < nj)
            {
                int pa = net.Position(a);
                lane.SetRhs(pa, lane.Rhs(pa) + p * lane.Head(b));
                lane.SetGrounding(pa, lane.Grounding(pa) + p);
            }
        }
    }

    /// <summary>
    /// hydcoeffs.c emittercoeffs: each emitter is a pipe to a reservoir at its junction's elevation, conductance 1/g to a
    /// fixed head (so it grounds the junction, <see cref="IGgaLane.Grounding"/>), and its outflow leaves the junction's
    /// balance.
    /// </summary>
    private static void AssembleEmitters<TNet, TLane, TMath>(TNet net, TLane lane)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane
        where TMath : struct, IHydraulicMath
    {
        for (int j = 0; j < net.JunctionCount; j++)
        {
            if (!EmitterLoss<TNet, TLane, TMath>(net, lane, j, out double q, out double hgrad, out double hloss)) continue;
            int position = net.Position(j);
            lane.SetFactor(position, lane.Factor(position) + 1.0 / hgrad);
            lane.SetGrounding(position, lane.Grounding(position) + 1.0 / hgrad);
            lane.SetRhs(position, lane.Rhs(position) + (hloss + net.Elevation(j)) / hgrad - q);
        }
    }

    /// <summary>
    /// hydcoeffs.c demandcoeffs under PDA: each junction with a positive demand delivers the demand d its pressure allows,
    /// a fictitious pipe to a reservoir at its elevation plus the minimum pressure (so it grounds the junction too), and
    /// d, not the full demand, leaves its balance.
    /// </summary>
    private static void AssembleDemands<TNet, TLane, TMath>(TNet net, TLane lane)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane
        where TMath : struct, IHydraulicMath
    {
        for (int j = 0; j < net.JunctionCount; j++)
        {
            if (!DemandLoss<TNet, TLane, TMath>(net, lane, j, out double full, out double d, out double hgrad, out double hloss)) continue;
            int position = net.Position(j);
            double rhs = lane.Rhs(position) + full - d;
            if (hgrad > 0)
            {
                lane.SetFactor(position, lane.Factor(position) + 1.0 / hgrad);
                lane.SetGrounding(position, lane.Grounding(position) + 1.0 / hgrad);
                rhs += (hloss + net.Elevation(j) + net.PdaMinimumPressure) / hgrad;
            }
            lane.SetRhs(position, rhs);
        }
    }

    /// <summary>Junction <paramref name="j"/>'s full and delivered demand and the head loss and gradient there; false unless its demand is positive.</summary>
    private static bool DemandLoss<TNet, TLane, TMath>(TNet net, TLane lane, int j, out double full, out double d, out double hgrad, out double hloss)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane
        where TMath : struct, IHydraulicMath
    {
        full = lane.Demand(j);
        d = 0;
        hgrad = hloss = 0;
        if (!(full > 0)) return false;
        d = lane.DemandFlow(j);
        LinkCoefficients<TMath>.PressureDrivenDemand(d, full, net.PdaPressureRange, net.PdaExponent, out hgrad, out hloss);
        return true;
    }

    /// <summary>hydsolver.c newdemandflows: each pressure-driven demand's Newton step, into Σ|Q| and Σ|ΔQ|.</summary>
    private static void UpdateDemandFlows<TNet, TLane, TMath>(TNet net, TLane lane, bool damped, ref double qSum, ref double dqSum)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane
        where TMath : struct, IHydraulicMath
    {
        for (int j = 0; j < net.JunctionCount; j++)
        {
            if (!DemandLoss<TNet, TLane, TMath>(net, lane, j, out _, out double d, out double hgrad, out double hloss)) continue;
            lane.SetDemandFlow(j, OutflowStep(d, hgrad, hloss, lane.Head(j) - net.Elevation(j) - net.PdaMinimumPressure, damped, ref qSum, ref dqSum));
        }
    }

    /// <summary>
    /// The Newton step of an outflow q through a fictitious pipe (head loss <paramref name="hloss"/>, gradient
    /// <paramref name="hgrad"/>) to a reservoir <paramref name="drop"/> below the junction's head: the new q, with
    /// Σ|Q| and Σ|ΔQ| updated (hydsolver.c newemitterflows, newdemandflows).
    /// </summary>
    private static double OutflowStep(double q, double hgrad, double hloss, double drop, bool damped, ref double qSum, ref double dqSum)
    {
        double dq = (hloss - drop) / hgrad;
        if (damped) dq *= 0.6;
        q -= dq;
        qSum += Math.Abs(q);
        dqSum += Math.Abs(dq);
        return q;
    }

    /// <summary>hydsolver.c pdaconverged: no junction draws a negative demand, or a positive one below its minimum pressure.</summary>
    private static bool DemandsSettled<TNet, TLane>(TNet net, TLane lane)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane
    {
        for (int j = 0; j < net.JunctionCount; j++)
        {
            if (lane.Demand(j) > 0 && !GgaConstants.PressureDrivenDemandSettled(lane.DemandFlow(j), lane.Head(j) - net.Elevation(j) - net.PdaMinimumPressure)) return false;
        }
        return true;
    }

    /// <summary>Junction <paramref name="j"/>'s emitter outflow and its head loss and gradient there; false without an emitter.</summary>
    private static bool EmitterLoss<TNet, TLane, TMath>(TNet net, TLane lane, int j, out double q, out double hgrad, out double hloss)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane
        where TMath : struct, IHydraulicMath
    {
        double ke = net.EmitterResistance(j);
        q = 0;
        hgrad = hloss = 0;
        if (ke == 0) return false;
        q = lane.EmitterFlow(j);
        LinkCoefficients<TMath>.Emitter(ke, net.EmitterExponent, q, out hgrad, out hloss);
        return true;
    }

    /// <summary>hydsolver.c newemitterflows: each emitter's outflow takes its Newton step, into Σ|Q| and Σ|ΔQ|.</summary>
    private static void UpdateEmitterFlows<TNet, TLane, TMath>(TNet net, TLane lane, bool damped, ref double qSum, ref double dqSum)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane
        where TMath : struct, IHydraulicMath
    {
        for (int j = 0; j < net.JunctionCount; j++)
        {
            if (!EmitterLoss<TNet, TLane, TMath>(net, lane, j, out double q, out double hgrad, out double hloss)) continue;
            lane.SetEmitterFlow(j, OutflowStep(q, hgrad, hloss, lane.Head(j) - net.Elevation(j), damped, ref qSum, ref dqSum));
        }
    }

    /// <summary>
    /// Factorizes the lane's factor values (A in the symbolic pattern) in place and overwrites its right-hand side
    /// with A⁻¹·rhs. False on a non-positive pivot (EPANET: ill-conditioned system).
    /// <para>
    /// Up-looking (row by row) Cholesky, as Davis 2006, "Direct Methods for Sparse Linear Systems", §4.8: row k of L
    /// solves L(0:k,0:k)·x = A(0:k,k) over the row's precomputed pattern (columns ascending), with x a dense row
    /// (<see cref="IGgaLane.Work"/>) that is scattered from and back to zero, so memory is O(nnz(L)) per lane. Every
    /// entry receives the same products in the same order as the right-looking update lists this replaced (column by
    /// column, ascending), so results are identical to the last bit.
    /// </para>
    /// <para>
    /// A is an M-matrix (off-diagonals −p ≤ 0) whose row sums are the junctions' conductances to fixed heads
    /// (<see cref="IGgaLane.Grounding"/>), and so are the rows of every Schur complement: eliminating column j adds
    /// |L(i,j)|·e(j)/L(j,j) to row i's excess e(i) (Grassmann, Taksar &amp; Heyman 1985, Oper. Res. 33(5), the GTH
    /// elimination). A column with no entry below the diagonal, the last of its part of the network, then has the
    /// pivot e(k) exactly, sums of positive terms, where A(k,k) − Σ L(k,j)² cancels: a junction that reaches fixed heads
    /// only through a closed link or a constant-power pump at CBIG (p = 1/CBIG) next to a pipe in the low-flow band
    /// (p = 1/RQtol) has a pivot 1e15 times smaller than A(k,k), which the subtraction got wrong by 10 %.
    /// </para>
    /// </summary>
    public static bool CholeskySolve<TNet, TLane>(TNet net, TLane lane)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane => CholeskyFactorSolve<TNet, TLane, GgaExtras.Off>(net, lane, cutOff: false, pda: false, emitters: false) < 0;

    /// <summary>
    /// <see cref="CholeskySolve"/>, returning −1, or the elimination position whose pivot is not positive. With
    /// <paramref name="cutOff"/> (active PRVs or PSVs in the lane, which add no conductance and may cut a zone off from
    /// every fixed head) a pivot within round-off of zero, in a row without excess whose junction lies in such a zone
    /// (<see cref="CutOffZoneValve"/>), counts as zero: the zone's matrix is exactly singular and its last pivot 0, −ulp
    /// or +ulp by round-off (EPANET 2.2 tests pivot ≤ 0; a +ulp pivot would go on with garbage heads). A row without
    /// excess is not enough: rows eliminated before their zone's fixed heads have none either, and a stiff link (an
    /// active PBV's CBIG beside a closed link's 1/CBIG) can leave them a pivot as small.
    /// </summary>
    public static int CholeskyFactorSolve<TNet, TLane, TExtras>(TNet net, TLane lane, bool cutOff, bool pda, bool emitters)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane
        where TExtras : struct, GgaExtras.IMode
    {
        int nj = net.JunctionCount;
        for (int k = 0; k < nj; k++)
        {
            int t0 = net.RowStart(k), t1 = net.RowStart(k + 1);
            for (int t = t0; t < t1; t++) lane.SetWork(net.RowColumn(t), lane.Factor(nj + net.RowEntry(t)));
            double d = lane.Factor(k), excess = lane.Grounding(k);
            for (int t = t0; t < t1; t++)
            {
                int j = net.RowColumn(t), ekj = net.RowEntry(t);
                double lkj = lane.Work(j) / lane.Factor(j);
                excess += Math.Abs(lkj) * lane.Grounding(j);
                lane.SetWork(j, 0);
                // x(i) −= L(i,j)·L(k,j) for the rows j < i < k of column j: its entries before L(k,j).
                for (int e = net.ColumnStart(j); e < ekj; e++)
                {
                    int i = net.RowOfEntry(e);
                    lane.SetWork(i, lane.Work(i) - lane.Factor(nj + e) * lkj);
                }
                d -= lkj * lkj;
                lane.SetFactor(nj + ekj, lkj);
            }
            if (net.ColumnStart(k + 1) == net.ColumnStart(k)) d = excess;
            if (!(d > 0)) return k;
            // The dense row is all zero again here, so the zone search may mark junctions in it.
            if (default(TExtras).Enabled && cutOff && excess == 0 && d <= RoundOffPivot * lane.Factor(k) && CutOffZoneValve(net, lane, net.JunctionAt(k), pda, emitters) >= 0) return k;
            double lkk = Math.Sqrt(d);
            lane.SetFactor(k, lkk);
            // From here on the position holds e(k)/L(k,k), what row i's excess takes per |L(i,k)|.
            lane.SetGrounding(k, excess / lkk);
        }
        for (int c = 0; c < nj; c++)
        {
            double fc = lane.Rhs(c) / lane.Factor(c);
            lane.SetRhs(c, fc);
            int e1 = net.ColumnStart(c + 1);
            for (int e = net.ColumnStart(c); e < e1; e++)
            {
                int row = net.RowOfEntry(e);
                lane.SetRhs(row, lane.Rhs(row) - lane.Factor(nj + e) * fc);
            }
        }
        for (int c = nj - 1; c >= 0; c--)
        {
            double s = lane.Rhs(c);
            int e1 = net.ColumnStart(c + 1);
            for (int e = net.ColumnStart(c); e < e1; e++) s -= lane.Factor(nj + e) * lane.Rhs(net.RowOfEntry(e));
            lane.SetRhs(c, s / lane.Factor(c));
        }
        return -1;
    }

    /// <summary>
    /// A closed pipe a pressure control may open: one laid in the lane's design (closed in the file, by another control or
    /// by the lane's link state, EPANET's CLOSED all of them).
    /// </summary>
    private static bool PipeOpenable<TLane>(TLane lane, int pipe) where TLane : struct, IGgaLane => PipeDiameter.IsLaid(lane.Diameter(pipe));

    /// <summary>
    /// EPANET hydraul.c pswitch: each control on a junction's pressure in file order, where the junction's head is at or
    /// below (above) its threshold within Htol, sets its link's status when that differs: a pipe open, closed or
    /// temporarily closed takes the control's OPEN or CLOSED; a pump changes when its setting does, so a pump a status
    /// check closed stays closed under OPEN, and one CLOSED in the input with its speed as setting does too. True when
    /// any link changed.
    /// </summary>
    private static bool PressureSwitch<TNet, TLane>(TNet net, TLane lane)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane
    {
        bool any = false;
        for (int c = 0; c < net.PressureControlCount; c++)
        {
            double h = lane.Head(net.PressureControlNode(c)), grade = net.PressureControlHead(c);
            bool fires = net.PressureControlBelow(c) ? h <= grade + GgaConstants.Htol : h >= grade - GgaConstants.Htol;
            if (!fires) continue;
            int i = net.PressureControlLink(c), state = lane.Closed(i);
            bool opens = net.PressureControlOpens(c), change;
            if (i < net.PipeCount) change = opens ? state != 0 && PipeOpenable(lane, i) : (state & ClosedFixed) == 0;
            else
            {
                // The pump's setting: 0 once a control closed it or at speed 0, else its speed (also while closed).
                bool running = lane.PumpSpeed(i - net.PipeCount) > 0, settingZero = (state & ClosedByControl) != 0 || !running;
                change = opens ? settingZero && running : !settingZero;
            }
            if (!change) continue;
            lane.SetClosed(i, opens ? 0 : ClosedFixed | ClosedByControl);
            any = true;
        }
        return any;
    }

    /// <summary>
    /// hydstatus.c linkstatus for check valves, power-curve pumps and links to full or empty tanks
    /// (<see cref="HydraulicBatch.LinkState"/> direction bits, tanklinkstatus); a link closed only by a warm start's
    /// flag reopens, as EPANET resets TEMPCLOSED before it checks. With <paramref name="pressureControls"/> (where a
    /// trial met the convergence tests, hydsolve checks them after the links: pswitch) the controls on junction pressure
    /// too. True when any status changed.
    /// </summary>
    private static bool StatusCheck<TNet, TLane, TExtras>(TNet net, TLane lane, bool pressureControls)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane
        where TExtras : struct, GgaExtras.IMode
    {
        bool change = false;
        for (int i = 0; i < net.LinkCount; i++)
        {
            int state = lane.Closed(i);
            if ((state & ClosedFixed) != 0) continue;
            int code = net.LinkCode(i);
            int direction = lane.LinkState(i) & HydraulicBatch.LinkTankBits;
            if (default(TExtras).Enabled && GgaLinkCode.IsValve(code))
            {
                change |= ValveLinkStatus(net, lane, i, code, state, direction);
                continue;
            }
            bool statusLink = GgaLinkCode.ClosesOnHead(code);
            if (!statusLink && direction == 0 && state == 0) continue;
            double dh = lane.Head(net.From(i)) - lane.Head(net.To(i)), q = lane.Flow(i);
            bool was = state != 0, closed = false;
            if (code == GgaLinkCode.CheckValve) closed = LinkStatusRules.CheckValveClosed(dh, q, was);
            else if (code == GgaLinkCode.PowerCurvePump || code == GgaLinkCode.CustomCurvePump)
            {
                int pu = i - net.PipeCount;
                closed = LinkStatusRules.PumpCannotDeliver(dh, lane.PumpSpeed(pu), net.PumpH0(pu));
            }
            bool pump = GgaLinkCode.IsPump(code);
            closed = closed || LinkStatusRules.TankClosed(direction, pump, dh, q);
            if (closed != was)
            {
                lane.SetClosed(i, closed ? ClosedByStatus : 0);
                change = true;
            }
        }
        if (pressureControls && PressureSwitch(net, lane)) change = true;
        return change;
    }

    /// <summary>
    /// P and Y of valve link <paramref name="i"/> (hydcoeffs.c valvecoeff, pbvcoeff, tcvcoeff, gpvcoeff). A PRV, PSV or FCV
    /// with a setting gets P = 0 here: <see cref="AssembleValves"/> takes it, after the node balances it depends on.
    /// </summary>
    private static void ValveCoefficients<TNet, TLane, TMath>(TNet net, TLane lane, int i, int code, double q, out double p, out double y)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane
        where TMath : struct, IHydraulicMath
    {
        int v = i - net.ValveStart, state = lane.Closed(i);
        double setting = net.ValveSetting(v), km = net.ValveMinorLoss(v);
        bool closed = (state & ClosedBits) != 0;
        if (GgaLinkCode.IsControlValve(code) && !double.IsNaN(setting))
        {
            p = 0;
            y = 0;
        }
        else if (code == GgaLinkCode.PressureBreakerValve && !double.IsNaN(setting) && setting != 0 && !(km * q * q > setting))
            LinkCoefficients<TMath>.BreakPressure(setting, out p, out y);
        else if (code == GgaLinkCode.ThrottleControlValve && !closed && !double.IsNaN(setting))
            LinkCoefficients<TMath>.OpenValve(LinkFormulas.MinorLossCoefficient<TMath>(setting, net.ValveDiameter(v)), q, out p, out y);
        // gpvcoeff: a GPV closed by a tank (TEMPCLOSED) still follows its curve.
        else if (code == GgaLinkCode.GeneralPurposeValve && (state & (ClosedFixed | ClosedByStatus)) == 0)
        {
            CurveSegment.Find(net, net.ValveCurveStart(v), net.ValveCurveStart(v + 1), LinkCoefficients<TMath>.GeneralPurposeValveFlow(q), out double h0, out double r);
            LinkCoefficients<TMath>.GeneralPurposeValve(h0, r, q, out p, out y);
        }
        else if (closed) LinkCoefficients<TMath>.Closed(q, out p, out y);
        else LinkCoefficients<TMath>.OpenValve(km, q, out p, out y);
    }

    /// <summary>
    /// hydcoeffs.c valvecoeffs, after every other term: each PRV, PSV and FCV with a setting, in input order. An active
    /// PRV (PSV) ties its downstream (upstream) head to the setting through <see cref="GgaConstants.CBigConductance"/>, a
    /// grounding of that junction, and passes that junction's flow imbalance; an active FCV carries its setting as a
    /// demand upstream and a supply downstream, beside a closed link's conductance; any other is an open or closed
    /// valve. The imbalances (EPANET's Xflow: inflow − outflow − outflows at the junction, the links without P left out)
    /// are taken in <see cref="IGgaLane.Work"/>, cleared before the factorization. True when a PRV or PSV is active.
    /// </summary>
    private static bool AssembleValves<TNet, TLane, TMath>(TNet net, TLane lane, bool pda, bool emitters)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane
        where TMath : struct, IHydraulicMath
    {
        int nj = net.JunctionCount;
        for (int j = 0; j < nj; j++)
        {
            double outflow = pda ? lane.DemandFlow(j) : lane.Demand(j);
            if (emitters) outflow += lane.EmitterFlow(j);
            lane.SetWork(net.Position(j), -outflow);
        }
        for (int i = 0; i < net.LinkCount; i++)
        {
            if (lane.P(i) == 0) continue;
            int a = net.From(i), b = net.To(i);
            double q = lane.Flow(i);
            if (a < nj) lane.SetWork(net.Position(a), lane.Work(net.Position(a)) - q);
            if (b < nj) lane.SetWork(net.Position(b), lane.Work(net.Position(b)) + q);
        }
        bool anyActive = false;
        for (int i = net.ValveStart; i < net.LinkCount; i++)
        {
            int code = net.LinkCode(i), v = i - net.ValveStart;
            double setting = net.ValveSetting(v);
            if (!GgaLinkCode.IsControlValve(code) || double.IsNaN(setting)) continue;
            int pi = net.Position(net.From(i)), pj = net.Position(net.To(i)), state = lane.Closed(i);
            double q = lane.Flow(i), p, y;
            if (state == ValveActive && code != GgaLinkCode.FlowControlValve)
            {
                bool prv = code == GgaLinkCode.PressureReducingValve;
                int held = prv ? pj : pi, other = prv ? pi : pj;
                double x = lane.Work(held), hset = net.Elevation(prv ? net.To(i) : net.From(i)) + setting;
                lane.SetP(i, 0);
                lane.SetY(i, prv ? q + x : q - x);
                lane.SetFactor(held, lane.Factor(held) + GgaConstants.CBigConductance);
                lane.SetGrounding(held, lane.Grounding(held) + GgaConstants.CBigConductance);
                lane.SetRhs(held, lane.Rhs(held) + hset * GgaConstants.CBigConductance);
                if (prv ? x < 0 : x > 0) lane.SetRhs(other, lane.Rhs(other) + x);
                anyActive = true;
                continue;
            }
            if (state == ValveActive)
            {
                lane.SetWork(pi, lane.Work(pi) - setting);
                lane.SetWork(pj, lane.Work(pj) + setting);
                LinkCoefficients<TMath>.Closed(q - setting, out p, out y);
                lane.SetRhs(pi, lane.Rhs(pi) - setting);
                lane.SetRhs(pj, lane.Rhs(pj) + setting);
            }
            else
            {
                if ((state & ClosedBits) != 0) LinkCoefficients<TMath>.Closed(q, out p, out y);
                else LinkCoefficients<TMath>.OpenValve(net.ValveMinorLoss(v), q, out p, out y);
                lane.SetRhs(pi, lane.Rhs(pi) + (y - q));
                lane.SetRhs(pj, lane.Rhs(pj) - (y - q));
            }
            lane.SetP(i, p);
            lane.SetY(i, y);
            int entry = net.LinkEntry(i);
            lane.SetFactor(entry, lane.Factor(entry) - p);
            lane.SetFactor(pi, lane.Factor(pi) + p);
            lane.SetFactor(pj, lane.Factor(pj) + p);
        }
        for (int j = 0; j < nj; j++) lane.SetWork(j, 0);
        return anyActive;
    }

    /// <summary>hydstatus.c valvestatus: each PRV and PSV with a setting takes its next state. True when any changed.</summary>
    private static bool PressureValveStatus<TNet, TLane>(TNet net, TLane lane)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane
    {
        bool change = false;
        for (int i = net.ValveStart; i < net.LinkCount; i++)
        {
            int code = net.LinkCode(i), v = i - net.ValveStart, state = lane.Closed(i);
            double setting = net.ValveSetting(v);
            if (code != GgaLinkCode.PressureReducingValve && code != GgaLinkCode.PressureSustainingValve || double.IsNaN(setting) || (state & ClosedFixed) != 0) continue;
            int a = net.From(i), b = net.To(i);
            double h1 = lane.Head(a), h2 = lane.Head(b), q = lane.Flow(i), km = net.ValveMinorLoss(v);
            int next = code == GgaLinkCode.PressureReducingValve
                ? LinkStatusRules.PressureReducingValveState(state, net.Elevation(b) + setting, h1, h2, q, km)
                : LinkStatusRules.PressureSustainingValveState(state, net.Elevation(a) + setting, h1, h2, q, km);
            if (next == state) continue;
            lane.SetClosed(i, next);
            change = true;
        }
        return change;
    }

    /// <summary>
    /// hydstatus.c linkstatus for a valve: TEMPCLOSED reopens, an FCV with a setting checks fcvstatus, and one that is
    /// not closed checks tankstatus (its <paramref name="direction"/> bits). True when its state changed.
    /// </summary>
    private static bool ValveLinkStatus<TNet, TLane>(TNet net, TLane lane, int i, int code, int state, int direction)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane
    {
        int next = (state & ValveTempClosed) != 0 ? 0 : state;
        double dh = lane.Head(net.From(i)) - lane.Head(net.To(i)), q = lane.Flow(i), setting = net.ValveSetting(i - net.ValveStart);
        if (code == GgaLinkCode.FlowControlValve && !double.IsNaN(setting)) next = LinkStatusRules.FlowControlValveState(next, dh, q, setting);
        if (direction != 0 && (next & ClosedBits) == 0 && LinkStatusRules.TankClosed(direction, false, dh, q)) next = ValveTempClosed;
        if (next == state) return false;
        lane.SetClosed(i, next);
        return true;
    }

    /// <summary>
    /// hydsolver.c badvalve where the factorization failed at <paramref name="junction"/>: the first valve there (in input
    /// order), if it is an active PRV, PSV or FCV, opens as one that cannot hold its target (XPRESSURE, XFCV). Where it
    /// is no valve's junction but lies in a zone that active PRVs and PSVs cut off from every fixed head (our ordering
    /// need not end such a zone at its valve, as EPANET's does), the first active one bordering the zone opens
    /// (<see cref="CutOffZoneValve"/>). False where no valve opens.
    /// </summary>
    private static bool OpenBadValve<TNet, TLane>(TNet net, TLane lane, int junction, bool pda, bool emitters)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane
    {
        for (int i = net.ValveStart; i < net.LinkCount; i++)
        {
            if (net.From(i) != junction && net.To(i) != junction) continue;
            if (!GgaLinkCode.IsControlValve(net.LinkCode(i)) || lane.Closed(i) != ValveActive || double.IsNaN(net.ValveSetting(i - net.ValveStart))) break;
            lane.SetClosed(i, ValveCannotHold);
            return true;
        }
        int valve = CutOffZoneValve(net, lane, junction, pda, emitters);
        if (valve < 0) return false;
        lane.SetClosed(valve, ValveCannotHold);
        return true;
    }

    /// <summary>
    /// The first active PRV or PSV (in input order) bordering the zone of <paramref name="junction"/> when active PRVs
    /// and PSVs cut that zone off from every fixed head (no reservoir or tank, no junction whose head an active valve
    /// holds, no emitter or pressure-driven demand in it), else −1. The zone (junctions joined by every other link, closed
    /// ones too: they keep a conductance) is marked in <see cref="IGgaLane.Work"/>, which must be all zero, and is left so.
    /// </summary>
    private static int CutOffZoneValve<TNet, TLane>(TNet net, TLane lane, int junction, bool pda, bool emitters)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane
    {
        int nj = net.JunctionCount, found = -1;
        lane.SetWork(net.Position(junction), 1);
        bool grounded = false, grew = true;
        while (grew && !grounded)
        {
            grew = false;
            for (int i = 0; i < net.LinkCount; i++)
            {
                if (ActivePressureValve(net, lane, i)) continue;
                int a = net.From(i), b = net.To(i);
                bool inA = a < nj && lane.Work(net.Position(a)) != 0, inB = b < nj && lane.Work(net.Position(b)) != 0;
                if (inA == inB) continue;
                if (a >= nj || b >= nj) grounded = true;
                else
                {
                    lane.SetWork(net.Position(inA ? b : a), 1);
                    grew = true;
                }
            }
        }
        for (int j = 0; j < nj && !grounded; j++)
        {
            if (lane.Work(net.Position(j)) == 0) continue;
            grounded = emitters && net.EmitterResistance(j) > 0 || pda && lane.Demand(j) > 0;
        }
        for (int i = net.ValveStart; i < net.LinkCount && !grounded; i++)
        {
            if (!ActivePressureValve(net, lane, i)) continue;
            int held = net.LinkCode(i) == GgaLinkCode.PressureReducingValve ? net.To(i) : net.From(i);
            if (lane.Work(net.Position(held)) != 0) grounded = true;
            else if (found < 0 && (lane.Work(net.Position(net.From(i))) != 0 || lane.Work(net.Position(net.To(i))) != 0)) found = i;
        }
        for (int j = 0; j < nj; j++) lane.SetWork(j, 0);
        return grounded ? -1 : found;
    }

    /// <summary>An active PRV or PSV with a setting: a link without conductance in the matrix.</summary>
    private static bool ActivePressureValve<TNet, TLane>(TNet net, TLane lane, int i)
        where TNet : struct, IGgaNetwork
        where TLane : struct, IGgaLane
    {
        int code = net.LinkCode(i);
        return (code == GgaLinkCode.PressureReducingValve || code == GgaLinkCode.PressureSustainingValve)
            && lane.Closed(i) == ValveActive && !double.IsNaN(net.ValveSetting(i - net.ValveStart));
    }
}
