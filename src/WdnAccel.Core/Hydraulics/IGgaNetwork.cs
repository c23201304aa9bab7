namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// What every lane of a GGA batch shares (a <see cref="CompiledNetwork"/>'s tables), as seen by
/// <see cref="GgaLaneSolver"/>. Implemented by structs over host arrays (the scalar oracle) and over device views
/// (the ILGPU kernels), so one generic solve compiles for both; members are plain reads.
/// </summary>
public interface IGgaNetwork : ICurvePoints
{
    int JunctionCount { get; }
    int FixedCount { get; }
    int PipeCount { get; }
    int LinkCount { get; }
    int MaxTrials { get; }
    /// <summary>Status checks every this many trials while trials ≤ <see cref="MaxCheck"/> (EPANET CHECKFREQ, 2 by default).</summary>
    int CheckFrequency { get; }
    /// <summary>The last trial of the periodic status checks (EPANET MAXCHECK, 10 by default).</summary>
    int MaxCheck { get; }
    /// <summary>EPANET DAMPLIMIT: once Σ|ΔQ|/Σ|Q| is at or below it, the next flow update is damped to 0.6 of its step (0: never).</summary>
    double DampLimit { get; }
    /// <summary>EPANET HEADERROR (m): a solve converges only when no open link's head loss misses its end heads by more (0: not checked).</summary>
    double HeadError { get; }
    /// <summary>EPANET FLOWCHANGE (m³/s): a solve converges only when no link's flow changed by more in the last trial (0: not checked).</summary>
    double FlowChange { get; }
    double Omega { get; }
    double Accuracy { get; }
    /// <summary>Kinematic viscosity (m²/s) of the Darcy–Weisbach friction factor.</summary>
    double Viscosity { get; }
    /// <summary>The pipes' friction formula.</summary>
    Model.HeadLossModel HeadLoss { get; }

    int From(int link);
    int To(int link);
    /// <summary>A <see cref="GgaLinkCode"/> value.</summary>
    int LinkCode(int link);
    bool InitiallyClosed(int link);
    /// <summary>A pipe that starts from QZERO (closed in the file), see <see cref="CompiledNetwork.StartsAtZeroFlow"/>.</summary>
    bool StartsAtZeroFlow(int link);
    /// <summary>Factor value index of the link's off-diagonal entry, −1 when an end is a fixed-head node.</summary>
    int LinkEntry(int link);
    int Position(int junction);
    int ColumnStart(int column);
    int RowOfEntry(int entry);
    /// <summary>Row k of L: columns <see cref="RowColumn"/>(t) and entries <see cref="RowEntry"/>(t) for t in RowStart(k)..RowStart(k+1).</summary>
    int RowStart(int row);
    int RowColumn(int index);
    int RowEntry(int index);
    int StatusLinkCount { get; }
    int StatusLink(int index);

    double Length(int pipe);
    double MinorLoss(int pipe);
    double Elevation(int node);
    double PumpH0(int pump);
    double PumpR(int pump);
    double PumpN(int pump);
    double PumpQ0(int pump);
    double PumpSpeed(int pump);
    /// <summary>Controls on a junction's pressure, checked when a solve converges (<see cref="CompiledNetwork.PressureControlLink"/>); 0 for most networks.</summary>
    int PressureControlCount { get; }
    int PressureControlNode(int control);
    int PressureControlLink(int control);
    double PressureControlHead(int control);
    bool PressureControlBelow(int control);
    bool PressureControlOpens(int control);

    /// <summary>Junctions with an emitter (0 for most networks); <see cref="EmitterResistance"/> is 0 at the others.</summary>
    int EmitterCount { get; }
    /// <summary><see cref="CompiledNetwork.EmitterResistance"/>: the head-loss coefficient of the junction's emitter, 0 without one.</summary>
    double EmitterResistance(int junction);
    /// <summary>qexp = 1 / EMITTER EXPONENT.</summary>
    double EmitterExponent { get; }

    /// <summary><see cref="CompiledNetwork.PressureDriven"/> and its parameters (m; n = 1/PRESSURE EXPONENT).</summary>
    bool PressureDriven { get; }
    double PdaMinimumPressure { get; }
    double PdaPressureRange { get; }
    double PdaExponent { get; }

    /// <summary>The first valve's link (<see cref="CompiledNetwork.ValveStart"/>): valve v is link ValveStart + v, up to <see cref="LinkCount"/>.</summary>
    int ValveStart { get; }
    /// <summary><see cref="CompiledNetwork.ValveSetting"/>: NaN for a valve without one (fixed OPEN or CLOSED, or a GPV).</summary>
    double ValveSetting(int valve);
    /// <summary><see cref="CompiledNetwork.ValveMinorLoss"/>: m of the valve's minor loss m·Q².</summary>
    double ValveMinorLoss(int valve);
    double ValveDiameter(int valve);
    /// <summary><see cref="CompiledNetwork.ValveStartsActive"/>.</summary>
    bool ValveStartsActive(int valve);
    /// <summary>A GPV's head-loss curve: <see cref="ICurvePoints"/> indices ValveCurveStart(valve) .. ValveCurveStart(valve + 1) − 1.</summary>
    int ValveCurveStart(int valve);
    /// <summary>The junction at elimination position <paramref name="position"/> (<see cref="CompiledNetwork.Order"/>).</summary>
    int JunctionAt(int position);

    /// <summary>A custom-curve pump's points: <see cref="ICurvePoints"/> indices PumpCurveStart(pump) .. PumpCurveStart(pump + 1) − 1 (none for other pumps).</summary>
    int PumpCurveStart(int pump);
}
