using WdnAccel.Core.Io;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// A network flattened once per topology for the batched GGA solver: junctions
/// (unknown heads) numbered 0..J−1, fixed-head nodes (reservoirs, then tanks) J..N−1, links = pipes, pumps, then valves,
/// and the symbolic Cholesky factorization of A = A12ᵀ·P·A12 after a fill-reducing ordering
/// (<see cref="SymbolicCholesky"/>: minimum degree as EPANET's smatrix.c for small networks, approximate minimum
/// degree or nested dissection for large ones; written here from the algorithms, not from that code).
/// Every array is shared by all candidates; per-candidate numbers live in <see cref="HydraulicBatch"/>.
/// </summary>
public sealed class CompiledNetwork
{
    public Network Source { get; }
    public int JunctionCount { get; }
    public int FixedCount { get; }
    /// <summary>Fixed-head nodes that are reservoirs (the first of them; tanks follow).</summary>
    public int ReservoirCount { get; }
    public int NodeCount => JunctionCount + FixedCount;
    public int PipeCount { get; }
    public int PumpCount { get; }
    public int ValveCount { get; }
    /// <summary>The first valve's link index: valve v is link ValveStart + v.</summary>
    public int ValveStart => PipeCount + PumpCount;
    public int LinkCount => PipeCount + PumpCount + ValveCount;

    /// <summary>Node ids: junctions, then reservoirs, then tanks.</summary>
    public string[] NodeIds { get; }
    /// <summary>Link ids: pipes, then pumps, then valves.</summary>
    public string[] LinkIds { get; }
    /// <summary>Junction elevations (m); fixed-head nodes: their elevation (reservoir: its head).</summary>
    public double[] Elevation { get; }
    /// <summary>Snapshot head (m) of each fixed-head node, index f = node − J.</summary>
    public double[] BaseFixedHead { get; }
    public int[] From { get; }
    public int[] To { get; }
    public LinkKind[] Kind { get; }
    /// <summary>Links closed in the input (EPANET CLOSED), or by a control due at time zero; they stay closed.</summary>
    public bool[] InitiallyClosed { get; }
    /// <summary>
    /// Pipes that start from EPANET's QZERO rather than 1 ft/s: those CLOSED in the file (initlinkflow), whether or not
    /// a control opens them at time zero; a pipe a control closes keeps its open start flow (controls() moves no flow).
    /// </summary>
    public bool[] StartsAtZeroFlow { get; }
    /// <summary>
    /// Per link, the <see cref="HydraulicBatch.LinkState"/> bits every lane of a new batch starts with (0 for most
    /// links): the <see cref="HydraulicBatch.LinkTankBits"/> a tank full or empty at time zero sets (EPANET 2.2's
    /// tankstatus at the solve's status checks), and <see cref="HydraulicBatch.LinkSettingZero"/> on a pump at setting 0
    /// at time zero that a control on junction pressure may open (its <see cref="PumpSpeed"/> is then that control's).
    /// All 0 where the lanes set their own (the extended-period runner).
    /// </summary>
    public byte[] TimeZeroLinkState { get; }

    // Pipe data (index = pipe).
    public double[] Length { get; }
    public double[] BaseDiameter { get; }
    public double[] BaseRoughness { get; }
    public double[] MinorLoss { get; }

    // Pump data (index = pump p, link PipeCount + p): head gain h = H0·s² − R·s^(2−N)·Qⁿ (EPANET hydcoeffs.c pumpcoeff).
    public double[] PumpH0 { get; }
    public double[] PumpR { get; }
    public double[] PumpN { get; }
    /// <summary>
    /// A pump's flow at the start of the time-zero solve, open or closed (EPANET inithyd and demands()): the curve's design
    /// flow × speed (initlinkflow), QZERO for one CLOSED in the file (1 cfs for a constant-power one its pattern opens).
    /// </summary>
    public double[] PumpQ0 { get; }
    public double[] PumpSpeed { get; }
    /// <summary>Constant-power pumps (EPANET CONST_HP): head gain = <see cref="PumpR"/>·s³/Q, R = <see cref="GgaConstants.ConstantPowerCoefficient"/>·P(kW).</summary>
    public bool[] PumpConstantPower { get; }

    // Valve data (index = valve v, link ValveStart + v), EPANET [VALVES] in SI.
    public Model.ValveType[] ValveTypes { get; }
    public double[] ValveDiameter { get; }
    /// <summary>Minor-loss coefficient m of h = m·Q² (EPANET's 0.02517·K/D⁴ in SI).</summary>
    public double[] ValveMinorLoss { get; }
    /// <summary>
    /// The valve's setting at the start of the solve: pressure (m) for a PRV, PSV or PBV, flow (m³/s) for an FCV, loss
    /// coefficient K for a TCV; NaN (EPANET's MISSING) for a valve fixed OPEN or CLOSED in [STATUS] and for a GPV,
    /// whose head loss follows its curve: points CurveFlow/CurveHead[ValveCurveStart[v] .. ValveCurveStart[v + 1]).
    /// </summary>
    public double[] ValveSetting { get; }
    public int[] ValveCurveStart { get; }
    /// <summary>A PRV, PSV or FCV that starts the solve ACTIVE (EPANET inithyd: one with a setting), else open or closed.</summary>
    public bool[] ValveStartsActive { get; }

    /// <summary>
    /// Per junction, its emitter's head-loss coefficient ke (<see cref="LinkFormulas.EmitterResistance"/>: head loss
    /// ke·q^<see cref="EmitterExponent"/> of its outflow q), 0 at junctions without one (EPANET [EMITTERS]).
    /// </summary>
    public double[] EmitterResistance { get; }
    /// <summary>qexp = 1 / EMITTER EXPONENT.</summary>
    public double EmitterExponent { get; }
    /// <summary>Junctions with an emitter.</summary>
    public int EmitterCount { get; }

    /// <summary>
    /// DEMAND MODEL PDA (EPANET 2.2): each junction with a positive demand delivers what its pressure allows, from
    /// nothing at <see cref="PdaMinimumPressure"/> to the full demand at the required pressure, over
    /// <see cref="PdaPressureRange"/> (required − minimum, m) with exponent 1/<see cref="PdaExponent"/>.
    /// </summary>
    public bool PressureDriven { get; }
    public double PdaMinimumPressure { get; }
    public double PdaPressureRange { get; }
    /// <summary>n = 1 / PRESSURE EXPONENT.</summary>
    public double PdaExponent { get; }

    /// <summary>Emitters or pressure-driven demand: junction outflows, and so the flows, depend on the heads.</summary>
    public bool OutflowsDependOnPressure => EmitterCount > 0 || PressureDriven;

    /// <summary>
    /// What only the whole GGA solves (<see cref="GgaExtras.On"/>): controls on junction pressure, emitters,
    /// pressure-driven demand, valves. A GPU session takes its own kernel for them, and the loop-flow form none of them.
    /// </summary>
    public bool NeedsGgaExtras => PressureControlCount > 0 || OutflowsDependOnPressure || ValveCount > 0;

    /// <summary>Demand cases (names) and their junction demands (m³/s), [case][junction].</summary>
    public string[] CaseNames { get; }
    public double[][] CaseDemand { get; }

    public double Omega { get; }
    /// <summary>Pipe friction formula; with Darcy–Weisbach the roughness arrays hold ε in m.</summary>
    public HeadLossModel HeadLoss { get; }
    /// <summary>Kinematic viscosity (m²/s) used by Darcy–Weisbach: EPANET's 1.1e-5 ft²/s × the relative viscosity option.</summary>
    public double Viscosity { get; }
    public double Accuracy { get; }
    public int MaxTrials { get; }
    /// <summary>EPANET's CHECKFREQ and MAXCHECK: status checks every CheckFrequency trials while trials ≤ MaxCheck.</summary>
    public int CheckFrequency { get; }
    public int MaxCheck { get; }
    /// <summary>EPANET's DAMPLIMIT, HEADERROR (m) and FLOWCHANGE (m³/s); 0 where unused (<see cref="IGgaNetwork"/>).</summary>
    public double DampLimit { get; }
    public double HeadError { get; }
    public double FlowChange { get; }

    // Symbolic factorization. Positions 0..J−1 in the factor's value array are the diagonal (in elimination
    // order); J + p is the p-th strictly-lower entry, stored column by column (CSC).
    /// <summary>Elimination order: <c>Order[position] = junction</c>.</summary>
    public int[] Order { get; }
    /// <summary><c>Position[junction] = position</c> in the elimination order.</summary>
    public int[] Position { get; }
    public int[] ColumnStart { get; }
    /// <summary>Row position of each strictly-lower entry.</summary>
    public int[] RowOfEntry { get; }
    /// <summary>For a link between two junctions: the value index of its off-diagonal entry; −1 otherwise.</summary>
    public int[] LinkEntry { get; }
    /// <summary>
    /// Row k of L (strictly lower, columns ascending): columns <c>RowColumn[t]</c> with value index
    /// <c>J + RowEntry[t]</c>, t in RowStart[k]..RowStart[k+1]. Drives the up-looking factorization.
    /// </summary>
    public int[] RowStart { get; }
    public int[] RowColumn { get; }
    public int[] RowEntry { get; }
    /// <summary>The fill-reducing ordering used (<see cref="SymbolicCholesky.Ordering"/>).</summary>
    public string Ordering { get; }
    /// <summary>Multiply–subtract pairs of one numeric factorization: Σ over columns of k(k+1)/2 for k entries.</summary>
    public long FactorUpdates { get; }
    /// <summary>Length of the factor's value array (J + strictly-lower entries).</summary>
    public int FactorSize { get; }

    /// <summary>Per link: its <see cref="GgaLinkCode"/> (how the GGA treats it).</summary>
    public int[] LinkCodes { get; }
    /// <summary>
    /// Custom (multi-point) pump curves: pump p's points are CurveFlow/CurveHead[PumpCurveStart[p] .. PumpCurveStart[p + 1])
    /// in m³/s and m, none for power-curve and constant-power pumps. Such a pump keeps its first point's head in
    /// <see cref="PumpH0"/> (EPANET's Hmax, its shut-off head at status checks) and starts at the middle of its flows.
    /// </summary>
    public int[] PumpCurveStart { get; }
    public double[] CurveFlow { get; }
    public double[] CurveHead { get; }
    /// <summary>Links whose status the GGA checks: check valves and curve pumps (<see cref="GgaLinkCode.StatusLinks"/>).</summary>
    public int[] StatusLinks { get; }

    /// <summary>
    /// Simple controls on a junction's pressure, in file order (EPANET hydraul.c pswitch, checked each time a solve
    /// converges): where the head at junction <see cref="PressureControlNode"/>[c] is at or below
    /// (<see cref="PressureControlBelow"/>) or at or above <see cref="PressureControlHead"/>[c] (m, within Htol), link
    /// <see cref="PressureControlLink"/>[c] (a pipe or a pump) opens (<see cref="PressureControlOpens"/>) or closes.
    /// A pump a control opens runs at its speed (<see cref="Network.SnapshotGaps"/> refuses other speeds; the
    /// extended-period lanes bring the speed such a control sets, <see cref="HydraulicBatch.LinkSettingZero"/>).
    /// </summary>
    public int[] PressureControlNode { get; private set; } = [];
    public int[] PressureControlLink { get; private set; } = [];
    public double[] PressureControlHead { get; private set; } = [];
    public bool[] PressureControlBelow { get; private set; } = [];
    public bool[] PressureControlOpens { get; private set; } = [];
    public int PressureControlCount => PressureControlLink.Length;

    /// <summary>Design pipes as pipe indices, when compiled with a design block.</summary>
    public int[] DecisionPipes { get; }

    /// <summary>
    /// The network's loop basis (<see cref="Hydraulics.LoopBasis.TryBuild"/>), built on first use and kept: every
    /// session and report on this network asks for the same one. Null where no basis can be built (a pump, no
    /// fixed-head node, more than <see cref="Hydraulics.LoopBasis.MaxLoops"/> loops). A basis says only that the
    /// topology allows one: Darcy–Weisbach, check valves and initially closed links still rule the loop form out, which
    /// <see cref="Hydraulics.LoopBasis.WherePaying"/> checks, so solvers ask it rather than this.
    /// </summary>
    public LoopBasis? LoopBasis => _loopBasis.Value;
    private readonly Lazy<LoopBasis?> _loopBasis;

    private readonly Dictionary<string, int> _nodeIndex;
    private readonly Dictionary<string, int> _linkIndex;

    public int NodeIndex(string id) => _nodeIndex.TryGetValue(id, out var i) ? i : -1;
    public int LinkIndex(string id) => _linkIndex.TryGetValue(id, out var i) ? i : -1;

    /// <summary>Compiles <paramref name="network"/>; checks the input and throws <see cref="InvalidInputException"/> before any solve.</summary>
    /// <param name="lanesSetTimeZero">
    /// True for the batched extended-period runner, whose lanes bring their own link states, pump speeds and heads each
    /// period (controls, full and empty tanks): <see cref="Network.SnapshotGaps"/> are then not refused.
    /// </param>
    public static CompiledNetwork Compile(Network network, DesignSpec? design = null, string? file = null, bool lanesSetTimeZero = false) =>
        new(network, design, file, lanesSetTimeZero);

    private CompiledNetwork(Network net, DesignSpec? design, string? file, bool lanesSetTimeZero)
    {
        Source = net;
        var o = net.Options;
        PressureDriven = o.DemandModel == DemandModel.PressureDriven;
        if (PressureDriven)
        {
            if (!double.IsFinite(o.MinimumPressure) || !double.IsFinite(o.RequiredPressure) || !(o.PressureExponent > 0 && double.IsFinite(o.PressureExponent)))
                throw new InvalidInputException($"pressure-driven demand needs finite MINIMUM and REQUIRED PRESSURE and a PRESSURE EXPONENT > 0, got {o.MinimumPressure}, {o.RequiredPressure}, {o.PressureExponent}", file, field: "Demand Model");
            PdaMinimumPressure = o.MinimumPressure;
            PdaPressureRange = o.RequiredPressure - o.MinimumPressure;
            PdaExponent = 1.0 / o.PressureExponent;
        }
        if (!lanesSetTimeZero && net.SnapshotGaps() is { Count: > 0 } gaps)
        {
            // Each of these would change EPANET's answer at time zero; solved without them the snapshot would differ silently.
            throw new InvalidInputException(
                $"the batched snapshot solver does not reproduce EPANET's time-zero solve with {string.Join("; ", gaps.Take(5))}{(gaps.Count > 5 ? $" (and {gaps.Count - 5} more)" : "")}; " +
                "`simulate` runs such a network with the extended-period engine", file, field: gaps[0].StartsWith("control", StringComparison.Ordinal) ? "CONTROLS" : gaps[0].StartsWith("tank", StringComparison.Ordinal) ? "TANKS" : gaps[0].StartsWith("pump", StringComparison.Ordinal) ? "CURVES" : gaps[0].StartsWith("valve", StringComparison.Ordinal) ? "STATUS" : "OPTIONS");
        }
        if (net.Junctions.Count == 0) throw new InvalidInputException("network has no junctions", file, field: "JUNCTIONS");
        if (net.Reservoirs.Count + net.Tanks.Count == 0)
            throw new InvalidInputException("network has no fixed-head node (reservoir or tank); heads are undetermined", file, field: "RESERVOIRS");

        JunctionCount = net.Junctions.Count;
        FixedCount = net.Reservoirs.Count + net.Tanks.Count;
        ReservoirCount = net.Reservoirs.Count;
        PipeCount = net.Pipes.Count;
        PumpCount = net.Pumps.Count;
        ValveCount = net.Valves.Count;
        int n = NodeCount, m = LinkCount, nj = JunctionCount;

        NodeIds = new string[n];
        Elevation = new double[n];
        BaseFixedHead = new double[FixedCount];
        _nodeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        int idx = 0;
        EmitterResistance = new double[nj];
        EmitterExponent = 1.0 / net.Options.EmitterExponent;
        foreach (var j in net.Junctions)
        {
            if (!double.IsFinite(j.Elevation)) throw new InvalidInputException($"junction {j.Id}: elevation is not a number", file, field: "Elev");
            if (!(j.EmitterCoefficient >= 0) || double.IsPositiveInfinity(j.EmitterCoefficient))
                throw new InvalidInputException($"junction {j.Id}: emitter coefficient must be a number >= 0, got {j.EmitterCoefficient}", file, field: "EMITTERS");
            if (j.EmitterCoefficient > 0)
            {
                EmitterResistance[idx] = LinkFormulas.EmitterResistance(j.EmitterCoefficient, EmitterExponent);
                EmitterCount++;
            }
            AddNode(j.Id, j.Elevation);
        }
        if (EmitterCount > 0 && !(net.Options.EmitterExponent > 0 && double.IsFinite(EmitterExponent)))
            throw new InvalidInputException($"EMITTER EXPONENT must be > 0, got {net.Options.EmitterExponent}", file, field: "Emitter Exponent");
        foreach (var r in net.Reservoirs)
        {
            double h = net.SnapshotHead(r);
            if (!double.IsFinite(h)) throw new InvalidInputException($"reservoir {r.Id}: head is not a number", file, field: "Head");
            BaseFixedHead[idx - nj] = h;
            AddNode(r.Id, h);
        }
        foreach (var t in net.Tanks)
        {
            if (!double.IsFinite(t.SnapshotHead)) throw new InvalidInputException($"tank {t.Id}: level is not a number", file, field: "InitLevel");
            BaseFixedHead[idx - nj] = t.SnapshotHead;
            AddNode(t.Id, t.Elevation);
        }

        void AddNode(string id, double elev)
        {
            if (!_nodeIndex.TryAdd(id, idx)) throw new InvalidInputException($"node id '{id}' is used twice", file, field: "ID");
            NodeIds[idx] = id;
            Elevation[idx] = elev;
            idx++;
        }

        LinkIds = new string[m];
        From = new int[m];
        To = new int[m];
        Kind = new LinkKind[m];
        InitiallyClosed = new bool[m];
        Length = new double[PipeCount];
        BaseDiameter = new double[PipeCount];
        BaseRoughness = new double[PipeCount];
        MinorLoss = new double[PipeCount];
        _linkIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < PipeCount; i++)
        {
            var p = net.Pipes[i];
            AddLink(i, p.Id, p.Node1, p.Node2);
            PipeInputChecks.Check(p, file);
            Length[i] = p.Length;
            BaseDiameter[i] = p.Diameter;
            BaseRoughness[i] = p.Roughness;
            MinorLoss[i] = p.MinorLoss;
            Kind[i] = p.Status == LinkStatus.CheckValve ? LinkKind.CheckValvePipe : LinkKind.Pipe;
            InitiallyClosed[i] = p.Status == LinkStatus.Closed;
        }

        PumpH0 = new double[PumpCount];
        PumpR = new double[PumpCount];
        PumpN = new double[PumpCount];
        PumpQ0 = new double[PumpCount];
        PumpSpeed = new double[PumpCount];
        PumpConstantPower = new bool[PumpCount];
        PumpCurveStart = new int[PumpCount + 1];
        var curveFlow = new List<double>();
        var curveHead = new List<double>();
        for (int p = 0; p < PumpCount; p++)
        {
            PumpCurveStart[p + 1] = PumpCurveStart[p];
            var pump = net.Pumps[p];
            int link = PipeCount + p;
            AddLink(link, pump.Id, pump.Node1, pump.Node2);
            Kind[link] = LinkKind.Pump;
            if (!(pump.Speed >= 0)) throw new InvalidInputException($"pump {pump.Id}: speed must be >= 0", file, field: "SPEED");
            // A speed pattern's multiplier at time zero replaces the speed setting and opens or closes the pump, whatever
            // its initial status (EPANET demands() → setlinksetting); the start flow stays the setting's (initlinkflow).
            double speed = net.SnapshotSpeed(pump);
            if (!(speed >= 0)) throw new InvalidInputException($"pump {pump.Id}: speed pattern '{pump.PatternId}' gives {speed} at time zero; a speed must be >= 0", file, field: "PATTERN");
            InitiallyClosed[link] = !net.SnapshotOpen(pump);
            PumpSpeed[p] = speed;
            if (pump.HeadCurveId is null)
            {
                if (pump.Power is not { } kw || !(kw > 0))
                    throw new InvalidInputException($"pump {pump.Id}: needs a HEAD curve or a positive POWER", file, field: "Parameters");
                // EPANET input1.c: H0 = 0, R = −8.814·hp, N = −1, initial flow 1 cfs (× speed in initlinkflow).
                PumpConstantPower[p] = true;
                PumpR[p] = GgaConstants.ConstantPowerCoefficient * kw;
                PumpN[p] = -1;
                PumpQ0[p] = StartFlow(pump, Units.CubicMetersPerCubicFoot);
                continue;
            }
            var curve = net.Curves.FirstOrDefault(c => c.Id == pump.HeadCurveId)
                ?? throw new InvalidInputException($"pump {pump.Id}: unknown head curve '{pump.HeadCurveId}'", file, field: "HEAD");
            var pts = curve.Points;
            if (PumpCurveFit.Problem(curve) is { } problem) throw new InvalidInputException($"pump {pump.Id}: {problem}", file, field: "CURVES");
            if (PumpCurveFit.IsPowerCurve(curve))
            {
                (PumpH0[p], PumpR[p], PumpN[p], double designFlow) = PumpCurveFit.Fit(curve)!.Value;
                PumpQ0[p] = StartFlow(pump, designFlow);
                continue;
            }
            // Any other curve is custom, followed segment by segment (EPANET input1.c updatepumpparams, curvecoeff).
            foreach (var pt in pts)
            {
                curveFlow.Add(pt.X);
                curveHead.Add(pt.Y);
            }
            PumpCurveStart[p + 1] = curveFlow.Count;
            PumpH0[p] = pts[0].Y;
            PumpN[p] = 1;
            PumpQ0[p] = StartFlow(pump, (pts[0].X + pts[^1].X) / 2.0);
        }
        ValveTypes = new Model.ValveType[ValveCount];
        ValveDiameter = new double[ValveCount];
        ValveMinorLoss = new double[ValveCount];
        ValveSetting = new double[ValveCount];
        ValveCurveStart = new int[ValveCount + 1];
        ValveStartsActive = new bool[ValveCount];
        ValveCurveStart[0] = curveFlow.Count;
        for (int v = 0; v < ValveCount; v++)
        {
            ValveCurveStart[v + 1] = ValveCurveStart[v];
            var valve = net.Valves[v];
            int link = ValveStart + v;
            AddLink(link, valve.Id, valve.Node1, valve.Node2);
            Kind[link] = LinkKind.Valve;
            ValveTypes[v] = valve.Type;
            if (!(valve.Diameter > 0) || !double.IsFinite(valve.Diameter)) throw new InvalidInputException($"valve {valve.Id}: diameter must be a positive number, got {valve.Diameter}", file, field: "Diameter");
            if (!(valve.MinorLoss >= 0) || !double.IsFinite(valve.MinorLoss)) throw new InvalidInputException($"valve {valve.Id}: minor loss must be a number >= 0, got {valve.MinorLoss}", file, field: "MinorLoss");
            if (Model.ValveConnectionRules.NeedsJunctionEnds(valve.Type) && (From[link] >= nj || To[link] >= nj))
                throw new InvalidInputException($"valve {valve.Id}: a {valve.Type} may not be connected to a reservoir or tank (EPANET error 219)", file, field: "VALVES");
            ValveDiameter[v] = valve.Diameter;
            ValveMinorLoss[v] = LinkFormulas.MinorLossCoefficient(valve.MinorLoss, valve.Diameter);
            InitiallyClosed[link] = valve.FixedStatus == LinkStatus.Closed;
            ValveSetting[v] = double.NaN;
            if (valve.Type == Model.ValveType.GPV)
            {
                var gpv = net.Curves.FirstOrDefault(c => c.Id == valve.CurveId)
                    ?? throw new InvalidInputException($"valve {valve.Id}: unknown head-loss curve '{valve.CurveId}'", file, field: "VALVES");
                if (gpv.Points.Count < 2 || gpv.Points.Any(pt => !double.IsFinite(pt.X) || !double.IsFinite(pt.Y)))
                    throw new InvalidInputException($"valve {valve.Id}: head-loss curve '{gpv.Id}' needs at least two points of finite numbers", file, field: "CURVES");
                foreach (var pt in gpv.Points)
                {
                    curveFlow.Add(pt.X);
                    curveHead.Add(pt.Y);
                }
                ValveCurveStart[v + 1] = curveFlow.Count;
                continue;
            }
            if (!double.IsFinite(valve.Setting)) throw new InvalidInputException($"valve {valve.Id}: setting is not a number", file, field: "Setting");
            ValveSetting[v] = valve.StartSetting;
            ValveStartsActive[v] = valve.StartsActive;
        }
        CurveFlow = [.. curveFlow];
        CurveHead = [.. curveHead];

        // EPANET 2.2 hydraul.c inithyd, then demands() at time zero: a pump CLOSED in the file starts at QZERO, any other
        // at its design flow × its file speed (initlinkflow), and keeps that flow when its speed pattern closes it (a
        // closed constant-power pump's flow then halves each trial, hydsolver.c newlinkflows, and continuity carries it);
        // a pattern that opens the CLOSED one leaves it at QZERO, except for a constant-power pump, which resetpumpflow
        // puts back at its 1 cfs. The Newton path, and so the trials and the answer within ACCURACY, start there.
        double StartFlow(Pump pump, double designFlow) =>
            pump.Status != LinkStatus.Closed ? designFlow * pump.Speed
            : net.SnapshotOpen(pump) && pump.HeadCurveId is null ? designFlow
            : GgaConstants.QZero;

        void AddLink(int i, string id, string n1, string n2)
        {
            if (!_linkIndex.TryAdd(id, i)) throw new InvalidInputException($"link id '{id}' is used twice", file, field: "ID");
            LinkIds[i] = id;
            From[i] = _nodeIndex.TryGetValue(n1, out var a) ? a : throw new InvalidInputException($"link {id}: unknown node '{n1}'", file, field: "Node1");
            To[i] = _nodeIndex.TryGetValue(n2, out var b) ? b : throw new InvalidInputException($"link {id}: unknown node '{n2}'", file, field: "Node2");
            if (a == b) throw new InvalidInputException($"link {id}: both ends at node '{n1}'", file, field: "Node2");
        }

        // Lanes of the extended-period runner write their own tank directions each period.
        TimeZeroLinkState = lanesSetTimeZero ? new byte[LinkCount] : TimeZeroLinkStateOf(net);

        var cases = net.EffectiveDemandCases;
        CaseNames = cases.Select(c => c.Name).ToArray();
        CaseDemand = new double[cases.Count][];
        for (int c = 0; c < cases.Count; c++)
        {
            if (cases[c].JunctionDemands is { } map)
            {
                foreach (var key in map.Keys)
                {
                    if (!_nodeIndex.TryGetValue(key, out var ni) || ni >= nj)
                        throw new InvalidInputException($"demand case '{cases[c].Name}': unknown junction '{key}'", file, field: "demands");
                }
            }
            CaseDemand[c] = new double[nj];
            for (int j = 0; j < nj; j++)
            {
                double q = net.CaseDemand(net.Junctions[j], cases[c]);
                if (!double.IsFinite(q)) throw new InvalidInputException($"junction {net.Junctions[j].Id}: demand is not a number (case '{cases[c].Name}')", file, field: "Demand");
                CaseDemand[c][j] = q;
            }
        }

        Omega = net.Options.Omega;
        HeadLoss = net.Options.HeadLoss;
        Viscosity = LinkFormulas.EpanetViscosity * net.Options.RelativeViscosity;
        // Clamped here too, silently, for scenarios that did not come through ScenarioFile (batch streams).
        Accuracy = SolverLimits.ClampAccuracy(net.Options.Accuracy);
        MaxTrials = SolverLimits.ClampTrials(net.Options.MaxTrials);
        CheckFrequency = net.Options.CheckFrequency;
        MaxCheck = net.Options.MaxCheck;
        DampLimit = net.Options.DampLimit;
        HeadError = net.Options.HeadError;
        FlowChange = net.Options.FlowChange;
        if (!(Omega > 0)) throw new InvalidInputException($"Hazen-Williams omega must be positive, got {Omega}", file, field: "omega");
        if (!(Accuracy > 0)) throw new InvalidInputException($"accuracy must be positive, got {Accuracy}", file, field: "Accuracy");
        if (MaxTrials < 1) throw new InvalidInputException($"trials must be >= 1, got {MaxTrials}", file, field: "Trials");

        CheckConnectivity(file);
        StartsAtZeroFlow = Enumerable.Range(0, m).Select(i => i < PipeCount ? net.Pipes[i].Status == LinkStatus.Closed
            : i >= ValveStart && net.Valves[i - ValveStart].FixedStatus == LinkStatus.Closed).ToArray();
        if (!lanesSetTimeZero && net.ControlsActAtTimeZero()) ApplyTimeZeroControls(net, file);
        CompilePressureControls(net, file, lanesSetTimeZero);
        _loopBasis = new(() => Hydraulics.LoopBasis.TryBuild(this));

        LinkCodes = Enumerable.Range(0, m).Select(i => GgaLinkCode.Of(this, i)).ToArray();
        StatusLinks = GgaLinkCode.StatusLinks(this);

        DecisionPipes = design is null ? [] : design.DecisionPipes.Select(id =>
        {
            int li = LinkIndex(id);
            return li >= 0 && li < PipeCount ? li : throw new InvalidInputException($"design: unknown decision pipe '{id}'", file, field: "decision_pipes");
        }).ToArray();

        var sym = SymbolicCholesky.Analyze(nj, From, To, file);
        Order = sym.Order;
        Position = sym.Position;
        ColumnStart = sym.ColumnStart;
        RowOfEntry = sym.RowOfEntry;
        RowStart = sym.RowStart;
        RowColumn = sym.RowColumn;
        RowEntry = sym.RowEntry;
        Ordering = sym.Ordering;
        FactorUpdates = sym.UpdateCount;
        FactorSize = nj + RowOfEntry.Length;
        LinkEntry = new int[m];
        for (int k = 0; k < m; k++)
        {
            LinkEntry[k] = From[k] < nj && To[k] < nj ? sym.EntryOf(Position[From[k]], Position[To[k]]) : -1;
        }
    }

    /// <summary>
    /// Simple controls due at time zero act before EPANET's first solve (hydraul.c runhyd: demands(), controls(), then
    /// hydsolve): the links' statuses, the pumps' speeds and their start flows (resetpumpflow included) are taken from
    /// the extended-period engine's state after its own demands and controls at time zero.
    /// </summary>
    private void ApplyTimeZeroControls(Network net, string? file)
    {
        var eps = Eps.EpsNetwork.Compile(net, file);
        var solver = new Eps.EpsSolver(eps);
        solver.BeginPeriod();
        for (int k = 0; k < LinkCount; k++)
        {
            int e = eps.LinkIndex(LinkIds[k]);
            bool closed = solver.Status[e] <= Eps.EpsStatus.Closed;
            if (k < PipeCount)
            {
                InitiallyClosed[k] = closed;
                continue;
            }
            if (k >= ValveStart)
            {
                // A control's OPEN or CLOSED fixes a valve's status and clears its setting; a number sets it.
                int v = k - ValveStart;
                InitiallyClosed[k] = closed;
                if (ValveTypes[v] != Model.ValveType.GPV) ValveSetting[v] = solver.Setting[e];
                ValveStartsActive[v] = solver.Status[e] == Eps.EpsStatus.Active;
                continue;
            }
            int p = k - PipeCount;
            PumpSpeed[p] = solver.Setting[e];
            InitiallyClosed[k] = closed || !(solver.Setting[e] > 0);
            PumpQ0[p] = solver.Flow[e];
        }
    }

    /// <summary>
    /// The controls on a junction's pressure (<see cref="PressureControlLink"/> and the rest), after the time-zero
    /// controls have set the pumps' speeds. A pump at setting 0 at time zero opens at the first such control's speed,
    /// which its lanes then carry (<see cref="HydraulicBatch.LinkSettingZero"/>); a running pump must run at it already.
    /// <see cref="Network.SnapshotGaps"/> refuses the rest; checked again here, as the lanes' solve relies on it. The
    /// lanes through time bring each pump's speed each period, and their runner checks it (Eps.EpsBatchRunner).
    /// </summary>
    private void CompilePressureControls(Network net, string? file, bool lanesSetTimeZero)
    {
        int nj = JunctionCount;
        var pressure = net.Controls.Select((c, i) => (c, i))
            .Where(x => x.c.Condition is ControlCondition.LowLevel or ControlCondition.HighLevel && x.c.NodeId is { } id && NodeIndex(id) is >= 0 and var j && j < nj)
            .ToArray();
        PressureControlNode = new int[pressure.Length];
        PressureControlLink = new int[pressure.Length];
        PressureControlHead = new double[pressure.Length];
        PressureControlBelow = new bool[pressure.Length];
        PressureControlOpens = new bool[pressure.Length];
        for (int c = 0; c < pressure.Length; c++)
        {
            var (control, i) = pressure[c];
            int link = LinkIndex(control.Action.LinkId);
            if (link < 0) throw new InvalidInputException($"control {i + 1}: unknown link '{control.Action.LinkId}'", file, field: "CONTROLS");
            if (Kind[link] == LinkKind.CheckValvePipe)
                throw new InvalidInputException($"control {i + 1}: a control on a check valve's status, which EPANET refuses (error 207)", file, field: "CONTROLS");
            if (Kind[link] == LinkKind.Valve)
                throw new InvalidInputException($"control {i + 1}: the batched snapshot solver does not switch valves on a junction's pressure (valve {LinkIds[link]}); `simulate` runs such a network with the extended-period engine", file, field: "CONTROLS");
            bool opens = control.Action.Opens;
            if (!lanesSetTimeZero && opens && link >= PipeCount)
            {
                int p = link - PipeCount;
                double speed = control.Action.PumpSetting;
                if (PumpSpeed[p] == 0 && (TimeZeroLinkState[link] & HydraulicBatch.LinkSettingZero) == 0)
                {
                    PumpSpeed[p] = speed;
                    TimeZeroLinkState[link] |= HydraulicBatch.LinkSettingZero;
                }
                else if (speed != PumpSpeed[p])
                    throw new InvalidInputException($"control {i + 1}: the batched snapshot solver cannot set pump {LinkIds[link]} to speed {speed:G4} (each lane keeps one speed per pump)", file, field: "CONTROLS");
            }
            int node = NodeIndex(control.NodeId!);
            PressureControlNode[c] = node;
            PressureControlLink[c] = link;
            // EPANET: a junction's pressure threshold is the head elevation + pressure.
            PressureControlHead[c] = Elevation[node] + control.Value;
            PressureControlBelow[c] = control.Condition == ControlCondition.LowLevel;
            PressureControlOpens[c] = opens;
        }
    }

    /// <summary>Every junction must reach a fixed-head node through links that are not closed in the input.</summary>
    private void CheckConnectivity(string? file)
    {
        int n = NodeCount;
        var incidence = LinkIncidence.Of(n, From, To, skip: k => InitiallyClosed[k]);
        var seen = new bool[n];
        var stack = new Stack<int>();
        for (int f = JunctionCount; f < n; f++) { seen[f] = true; stack.Push(f); }
        while (stack.Count > 0)
        {
            int v = stack.Pop();
            foreach (int k in incidence.At(v))
            {
                int u = From[k] == v ? To[k] : From[k];
                if (!seen[u]) { seen[u] = true; stack.Push(u); }
            }
        }
        var lost = Enumerable.Range(0, JunctionCount).Where(j => !seen[j]).Select(j => NodeIds[j]).ToList();
        if (lost.Count > 0)
            throw new InvalidInputException(
                $"{lost.Count} junction(s) not connected to any reservoir or tank: {string.Join(", ", lost.Take(10))}{(lost.Count > 10 ? ", ..." : "")}",
                file, field: "PIPES");
    }

    /// <summary>
    /// The directions EPANET 2.2's tankstatus forbids at time zero (<see cref="LinkStatusRules.TankBits"/> at each tank's
    /// initial head, the rule the extended-period lanes apply each period); a tank without area (no diameter, no volume
    /// curve) is a reservoir to it.
    /// </summary>
    private byte[] TimeZeroLinkStateOf(Network net)
    {
        var state = new byte[LinkCount];
        int firstTank = JunctionCount + ReservoirCount;
        for (int i = 0; i < LinkCount; i++)
        {
            int node = LinkStatusRules.TankCheckedBy(From[i], To[i], JunctionCount, ReservoirCount);
            if (node < 0) continue;
            var t = net.Tanks[node - firstTank];
            if (t.Diameter <= 0 && t.VolumeCurveId is null) continue;
            state[i] = LinkStatusRules.TankBits(t.SnapshotHead, t.Elevation + t.MinLevel, t.Elevation + t.MaxLevel, t.CanOverflow, node == From[i]);
        }
        return state;
    }
}
