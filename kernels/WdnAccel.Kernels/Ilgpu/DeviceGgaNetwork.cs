using ILGPU;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// <see cref="IGgaNetwork"/> over device views of a <see cref="CompiledNetwork"/>'s tables: the kernel parameter that
/// every lane reads. Built by <see cref="IlgpuHydraulicSession"/>, which owns the buffers behind the views.
/// </summary>
public struct DeviceGgaNetwork : IGgaNetwork
{
    public int Junctions, Fixed, Pipes, Links, Trials, StatusLinks, CheckEvery, LastCheck, PressureControls, Emitters;
    public double EmitterExponentValue;
    /// <summary>1 under pressure-driven demand, and its parameters.</summary>
    public int PressureDrivenFlag;
    public double PdaMinimumPressureValue, PdaPressureRangeValue, PdaExponentValue;
    /// <summary><see cref="CompiledNetwork.EmitterResistance"/> per junction (empty without emitters).</summary>
    public ArrayView<double> EmitterResistanceView;
    public double OmegaValue, AccuracyValue, ViscosityValue, DampLimitValue, HeadErrorValue, FlowChangeValue;
    public HeadLossModel HeadLossFormula;
    public ArrayView<int> FromView, ToView, CodeView, InitiallyClosedView, StartsAtZeroFlowView, LinkEntryView, PositionView;
    public ArrayView<int> ColumnStartView, RowOfEntryView, RowStartView, RowColumnView, RowEntryView, StatusLinkView, PumpCurveStartView;
    /// <summary><see cref="CompiledNetwork.PressureControlLink"/> and the rest; the two flags as 0/1.</summary>
    public ArrayView<int> PressureNodeView, PressureLinkView, PressureBelowView, PressureOpensView;
    public ArrayView<double> PressureHeadView;
    public ArrayView<double> LengthView, MinorLossView, ElevationView, PumpH0View, PumpRView, PumpNView, PumpQ0View, PumpSpeedView, CurveFlowView, CurveHeadView;
    /// <summary>Valves (<see cref="CompiledNetwork.ValveSetting"/> and the rest; empty without valves), and the elimination order.</summary>
    public int FirstValve;
    public ArrayView<double> ValveSettingView, ValveMinorLossView, ValveDiameterView;
    public ArrayView<int> ValveStartsActiveView, ValveCurveStartView, OrderView;

    public readonly int JunctionCount => Junctions;
    public readonly int FixedCount => Fixed;
    public readonly int PipeCount => Pipes;
    public readonly int LinkCount => Links;
    public readonly int MaxTrials => Trials;
    public readonly int CheckFrequency => CheckEvery;
    public readonly int MaxCheck => LastCheck;
    public readonly double DampLimit => DampLimitValue;
    public readonly double HeadError => HeadErrorValue;
    public readonly double FlowChange => FlowChangeValue;
    public readonly double Omega => OmegaValue;
    public readonly double Accuracy => AccuracyValue;
    public readonly double Viscosity => ViscosityValue;
    public readonly HeadLossModel HeadLoss => HeadLossFormula;

    public readonly int From(int link) => FromView[link];
    public readonly int To(int link) => ToView[link];
    public readonly int LinkCode(int link) => CodeView[link];
    public readonly bool InitiallyClosed(int link) => InitiallyClosedView[link] != 0;
    public readonly bool StartsAtZeroFlow(int link) => StartsAtZeroFlowView[link] != 0;
    public readonly int LinkEntry(int link) => LinkEntryView[link];
    public readonly int Position(int junction) => PositionView[junction];
    public readonly int ColumnStart(int column) => ColumnStartView[column];
    public readonly int RowOfEntry(int entry) => RowOfEntryView[entry];
    public readonly int RowStart(int row) => RowStartView[row];
    public readonly int RowColumn(int index) => RowColumnView[index];
    public readonly int RowEntry(int index) => RowEntryView[index];
    public readonly int StatusLinkCount => StatusLinks;
    public readonly int StatusLink(int index) => StatusLinkView[index];

    public readonly double Length(int pipe) => LengthView[pipe];
    public readonly double MinorLoss(int pipe) => MinorLossView[pipe];
    public readonly double Elevation(int node) => ElevationView[node];
    public readonly double PumpH0(int pump) => PumpH0View[pump];
    public readonly double PumpR(int pump) => PumpRView[pump];
    public readonly double PumpN(int pump) => PumpNView[pump];
    public readonly double PumpQ0(int pump) => PumpQ0View[pump];
    public readonly double PumpSpeed(int pump) => PumpSpeedView[pump];
    public readonly int PumpCurveStart(int pump) => PumpCurveStartView[pump];
    public readonly bool PressureDriven => PressureDrivenFlag != 0;
    public readonly double PdaMinimumPressure => PdaMinimumPressureValue;
    public readonly double PdaPressureRange => PdaPressureRangeValue;
    public readonly double PdaExponent => PdaExponentValue;
    public readonly int EmitterCount => Emitters;
    public readonly double EmitterResistance(int junction) => EmitterResistanceView[junction];
    public readonly double EmitterExponent => EmitterExponentValue;
    public readonly int PressureControlCount => PressureControls;
    public readonly int PressureControlNode(int control) => PressureNodeView[control];
    public readonly int PressureControlLink(int control) => PressureLinkView[control];
    public readonly double PressureControlHead(int control) => PressureHeadView[control];
    public readonly bool PressureControlBelow(int control) => PressureBelowView[control] != 0;
    public readonly bool PressureControlOpens(int control) => PressureOpensView[control] != 0;
    public readonly int ValveStart => FirstValve;
    public readonly double ValveSetting(int valve) => ValveSettingView[valve];
    public readonly double ValveMinorLoss(int valve) => ValveMinorLossView[valve];
    public readonly double ValveDiameter(int valve) => ValveDiameterView[valve];
    public readonly bool ValveStartsActive(int valve) => ValveStartsActiveView[valve] != 0;
    public readonly int ValveCurveStart(int valve) => ValveCurveStartView[valve];
    public readonly int JunctionAt(int position) => OrderView[position];
    public readonly double CurveFlow(int point) => CurveFlowView[point];
    public readonly double CurveHead(int point) => CurveHeadView[point];
}
