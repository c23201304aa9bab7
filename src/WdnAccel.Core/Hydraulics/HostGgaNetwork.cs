namespace WdnAccel.Core.Hydraulics;

/// <summary><see cref="IGgaNetwork"/> over a <see cref="CompiledNetwork"/>'s host arrays (the scalar oracle's view).</summary>
public readonly struct HostGgaNetwork(CompiledNetwork net) : IGgaNetwork
{
    private readonly CompiledNetwork _net = net;

    public int JunctionCount => _net.JunctionCount;
    public int FixedCount => _net.FixedCount;
    public int PipeCount => _net.PipeCount;
    public int LinkCount => _net.LinkCount;
    public int MaxTrials => _net.MaxTrials;
    public int CheckFrequency => _net.CheckFrequency;
    public int MaxCheck => _net.MaxCheck;
    public double DampLimit => _net.DampLimit;
    public double HeadError => _net.HeadError;
    public double FlowChange => _net.FlowChange;
    public double Omega => _net.Omega;
    public double Accuracy => _net.Accuracy;
    public double Viscosity => _net.Viscosity;
    public Model.HeadLossModel HeadLoss => _net.HeadLoss;

    public int From(int link) => _net.From[link];
    public int To(int link) => _net.To[link];
    public int LinkCode(int link) => _net.LinkCodes[link];
    public bool InitiallyClosed(int link) => _net.InitiallyClosed[link];
    public bool StartsAtZeroFlow(int link) => _net.StartsAtZeroFlow[link];
    public int LinkEntry(int link) => _net.LinkEntry[link];
    public int Position(int junction) => _net.Position[junction];
    public int ColumnStart(int column) => _net.ColumnStart[column];
    public int RowOfEntry(int entry) => _net.RowOfEntry[entry];
    public int RowStart(int row) => _net.RowStart[row];
    public int RowColumn(int index) => _net.RowColumn[index];
    public int RowEntry(int index) => _net.RowEntry[index];
    public int StatusLinkCount => _net.StatusLinks.Length;
    public int StatusLink(int index) => _net.StatusLinks[index];

    public double Length(int pipe) => _net.Length[pipe];
    public double MinorLoss(int pipe) => _net.MinorLoss[pipe];
    public double Elevation(int node) => _net.Elevation[node];
    public double PumpH0(int pump) => _net.PumpH0[pump];
    public double PumpR(int pump) => _net.PumpR[pump];
    public double PumpN(int pump) => _net.PumpN[pump];
    public double PumpQ0(int pump) => _net.PumpQ0[pump];
    public double PumpSpeed(int pump) => _net.PumpSpeed[pump];
    public int PumpCurveStart(int pump) => _net.PumpCurveStart[pump];
    public int PressureControlCount => _net.PressureControlCount;
    public int PressureControlNode(int control) => _net.PressureControlNode[control];
    public int PressureControlLink(int control) => _net.PressureControlLink[control];
    public double PressureControlHead(int control) => _net.PressureControlHead[control];
    public bool PressureControlBelow(int control) => _net.PressureControlBelow[control];
    public bool PressureControlOpens(int control) => _net.PressureControlOpens[control];
    public bool PressureDriven => _net.PressureDriven;
    public double PdaMinimumPressure => _net.PdaMinimumPressure;
    public double PdaPressureRange => _net.PdaPressureRange;
    public double PdaExponent => _net.PdaExponent;
    public int EmitterCount => _net.EmitterCount;
    public double EmitterResistance(int junction) => _net.EmitterResistance[junction];
    public double EmitterExponent => _net.EmitterExponent;
    public int ValveStart => _net.ValveStart;
    public double ValveSetting(int valve) => _net.ValveSetting[valve];
    public double ValveMinorLoss(int valve) => _net.ValveMinorLoss[valve];
    public double ValveDiameter(int valve) => _net.ValveDiameter[valve];
    public bool ValveStartsActive(int valve) => _net.ValveStartsActive[valve];
    public int ValveCurveStart(int valve) => _net.ValveCurveStart[valve];
    public int JunctionAt(int position) => _net.Order[position];
    public double CurveFlow(int point) => _net.CurveFlow[point];
    public double CurveHead(int point) => _net.CurveHead[point];
}
