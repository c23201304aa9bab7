using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>
/// A network flattened for the extended-period engine (<see cref="EpsSolver"/>), with EPANET 2.2's whole element set:
/// nodes are junctions 0..J−1, then reservoirs, then tanks; links are pipes, then pumps, then valves. Settings follow
/// EPANET's conventions in SI: NaN is EPANET's MISSING (a valve fixed open or closed), a pump's setting is its speed.
/// Built once per network; every array is read-only to the solver.
/// </summary>
public sealed class EpsNetwork
{
    public Network Source { get; }
    public int JunctionCount { get; }
    public int ReservoirCount { get; }
    public int TankCount { get; }
    public int NodeCount => JunctionCount + ReservoirCount + TankCount;
    public int PipeCount { get; }
    public int PumpCount { get; }
    public int ValveCount { get; }
    public int LinkCount => PipeCount + PumpCount + ValveCount;

    public string[] NodeIds { get; }
    public double[] Elevation { get; }
    /// <summary>Per junction: base demands (m³/s) and their pattern indices (−1 = constant 1).</summary>
    public double[][] DemandBase { get; }
    public int[][] DemandPattern { get; }
    /// <summary>Per junction: emitter coefficient (m³/s per m^exponent); 0 = none.</summary>
    public double[] Emitter { get; }
    /// <summary>Per reservoir: head (m) and head pattern (−1 = none).</summary>
    public double[] ReservoirHead { get; }
    public int[] ReservoirPattern { get; }
    public EpsTank[] Tanks { get; }

    public string[] LinkIds { get; }
    public int[] From { get; }
    public int[] To { get; }
    public EpsLinkType[] Type { get; }
    public double[] Diameter { get; private set; }
    public double[] Length { get; }
    /// <summary>Pipes: H-W C or D-W ε (m).</summary>
    public double[] Roughness { get; private set; }
    /// <summary>Friction resistance: H-W h = R·Q^1.852, D-W h = f·R·Q² (pipes only).</summary>
    public double[] Resistance { get; private set; }
    /// <summary>Minor-loss coefficient m of h = m·Q² (pipes and valves), EPANET's 0.02517·K/D⁴ in SI.</summary>
    public double[] MinorLoss { get; private set; }
    public EpsStatus[] InitialStatus { get; }
    public double[] InitialSetting { get; private set; }
    /// <summary>Per link: its index into <see cref="Pumps"/>, or −1.</summary>
    public int[] PumpOf { get; }
    public EpsPump[] Pumps { get; }
    /// <summary>GPV head-loss curves (flow m³/s → m) by link; null for other links.</summary>
    public IReadOnlyList<Point2>?[] ValveCurve { get; }

    public double[][] Patterns { get; }
    public EpsControl[] Controls { get; }
    public EpsRule[] Rules { get; }
    public SimulationTimes Times { get; }
    public HydraulicOptions Options { get; }
    public EnergySettings Energy { get; }
    public int EnergyPricePattern { get; }
    /// <summary>Kinematic viscosity (m²/s) for Darcy–Weisbach.</summary>
    public double Viscosity { get; }

    private readonly Dictionary<string, int> _nodeIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _linkIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _patternIndex = new(StringComparer.Ordinal);

    /// <summary>
    /// The tank whose level EPANET 2.2's tankstatus() checks for <paramref name="link"/>: its start node if that is a
    /// reservoir or tank, else its end node; −1 where that node is a reservoir or a junction. One end only, so a link
    /// between two tanks follows its start tank alone and a link from a reservoir into a tank is never closed by it.
    /// </summary>
    public int TankCheckedBy(int link) => LinkStatusRules.TankCheckedBy(From[link], To[link], JunctionCount, ReservoirCount);

    public int NodeIndex(string id) => _nodeIndex.TryGetValue(id, out var i) ? i : -1;
    public int LinkIndex(string id) => _linkIndex.TryGetValue(id, out var i) ? i : -1;
    public int PatternIndex(string? id) => id is not null && _patternIndex.TryGetValue(id, out var i) ? i : -1;

    /// <summary>Pattern multiplier of pattern <paramref name="pattern"/> in pattern period <paramref name="period"/> (1 for none).</summary>
    public double Multiplier(int pattern, long period)
    {
        if (pattern < 0) return 1.0;
        var f = Patterns[pattern];
        return f.Length == 0 ? 1.0 : f[(int)(period % f.Length)];
    }

    /// <summary>Links at each node (CSR): node i's links are <c>NodeLinks[NodeLinkStart[i]..NodeLinkStart[i+1]]</c>.</summary>
    internal int[] NodeLinkStart { get; }
    internal int[] NodeLinks { get; }

    /// <summary>The symbolic factorization of the junction matrix, shared by every run on this network.</summary>
    internal SymbolicCholesky Factorization { get; }
    /// <summary>Per link: value index of its off-diagonal entry in the factor, or −1 when an end is a fixed-head node.</summary>
    internal int[] LinkEntry { get; }

    public static EpsNetwork Compile(Network network, string? file = null) => new(network, file);

    /// <summary>The input minor-loss coefficient K of each pipe, kept so <see cref="SetPipe"/> can recompute m for a new diameter.</summary>
    private readonly double[] _pipeMinorK;

    /// <summary>
    /// Gives pipe link <paramref name="link"/> a new diameter (m) and roughness, recomputing what the solver reads
    /// (resistance, minor-loss coefficient, initial setting) as compiling a network with that pipe would. For design
    /// searches that own one compiled network per worker: a solver sees the change at its next <see cref="EpsSolver.Reset"/>.
    /// </summary>
    public void SetPipe(int link, double diameter, double roughness)
    {
        if (link < 0 || link >= PipeCount) throw new ArgumentOutOfRangeException(nameof(link), "not a pipe");
        if (!(diameter > 0) || !(roughness > 0)) throw new ArgumentOutOfRangeException(nameof(diameter), "diameter and roughness must be positive");
        Diameter[link] = diameter;
        Roughness[link] = roughness;
        InitialSetting[link] = roughness;
        Resistance[link] = LinkFormulas.PipeResistance(Options.HeadLoss, Options.Omega, Length[link], diameter, roughness);
        MinorLoss[link] = LinkFormulas.MinorLossCoefficient(_pipeMinorK[link], diameter);
    }

    /// <summary>
    /// A copy with pipe arrays of its own (diameter, roughness and what is derived from them) and everything else shared
    /// (topology, patterns, curves, controls, the symbolic factorization: read-only once compiled), so a design can
    /// <see cref="SetPipe"/> without compiling the network again.
    /// </summary>
    public EpsNetwork WithOwnPipes()
    {
        var copy = (EpsNetwork)MemberwiseClone();
        copy.Diameter = (double[])Diameter.Clone();
        copy.Roughness = (double[])Roughness.Clone();
        copy.Resistance = (double[])Resistance.Clone();
        copy.MinorLoss = (double[])MinorLoss.Clone();
        copy.InitialSetting = (double[])InitialSetting.Clone();
        return copy;
    }

    private EpsNetwork(Network net, string? file)
    {
        Source = net;
        Options = net.Options;
        Times = net.Times;
        Energy = net.Energy;
        if (net.Junctions.Count == 0) throw new InvalidInputException("network has no junctions", file, field: "JUNCTIONS");
        if (net.Reservoirs.Count + net.Tanks.Count == 0)
            throw new InvalidInputException("network has no reservoir or tank; heads are undetermined", file, field: "RESERVOIRS");

        for (int p = 0; p < net.Patterns.Count; p++) _patternIndex.TryAdd(net.Patterns[p].Id, p);
        Patterns = net.Patterns.Select(p => p.Multipliers.ToArray()).ToArray();
        EnergyPricePattern = PatternIndex(net.Energy.GlobalPricePatternId);

        JunctionCount = net.Junctions.Count;
        ReservoirCount = net.Reservoirs.Count;
        TankCount = net.Tanks.Count;
        int n = NodeCount, nj = JunctionCount;
        NodeIds = new string[n];
        Elevation = new double[n];
        DemandBase = new double[nj][];
        DemandPattern = new int[nj][];
        Emitter = new double[nj];
        int defaultPattern = PatternIndex(net.Options.DefaultPatternId);
        for (int j = 0; j < nj; j++)
        {
            var junction = net.Junctions[j];
            AddNode(j, junction.Id, junction.Elevation, "elevation");
            DemandBase[j] = junction.Demands.Select(d => d.BaseDemand * net.Options.DemandMultiplier).ToArray();
            DemandPattern[j] = junction.Demands.Select(d => d.PatternId is null ? defaultPattern : Pattern(d.PatternId, $"junction {junction.Id}")).ToArray();
            if (DemandBase[j].Any(q => !double.IsFinite(q))) throw new InvalidInputException($"junction {junction.Id}: demand is not a number", file, field: "Demand");
            Emitter[j] = junction.EmitterCoefficient;
            if (!(Emitter[j] >= 0)) throw new InvalidInputException($"junction {junction.Id}: emitter coefficient must be >= 0", file, field: "EMITTERS");
        }
        ReservoirHead = new double[ReservoirCount];
        ReservoirPattern = new int[ReservoirCount];
        for (int r = 0; r < ReservoirCount; r++)
        {
            var reservoir = net.Reservoirs[r];
            AddNode(nj + r, reservoir.Id, reservoir.Head, "head");
            ReservoirHead[r] = reservoir.Head;
            ReservoirPattern[r] = reservoir.PatternId is null ? -1 : Pattern(reservoir.PatternId, $"reservoir {reservoir.Id}");
        }
        Tanks = new EpsTank[TankCount];
        for (int t = 0; t < TankCount; t++)
        {
            var tank = net.Tanks[t];
            int node = nj + ReservoirCount + t;
            AddNode(node, tank.Id, tank.Elevation, "elevation");
            Tanks[t] = CompileTank(net, tank, node, file);
        }

        PipeCount = net.Pipes.Count;
        PumpCount = net.Pumps.Count;
        ValveCount = net.Valves.Count;
        int m = LinkCount;
        LinkIds = new string[m];
        From = new int[m];
        To = new int[m];
        Type = new EpsLinkType[m];
        Diameter = new double[m];
        Length = new double[m];
        Roughness = new double[m];
        Resistance = new double[m];
        MinorLoss = new double[m];
        InitialStatus = new EpsStatus[m];
        InitialSetting = new double[m];
        PumpOf = Enumerable.Repeat(-1, m).ToArray();
        ValveCurve = new IReadOnlyList<Point2>?[m];
        _pipeMinorK = net.Pipes.Select(p => p.MinorLoss).ToArray();
        Viscosity = LinkFormulas.EpanetViscosity * net.Options.RelativeViscosity;
        for (int i = 0; i < PipeCount; i++)
        {
            var p = net.Pipes[i];
            AddLink(i, p.Id, p.Node1, p.Node2);
            PipeInputChecks.Check(p, file);
            Type[i] = p.Status == LinkStatus.CheckValve ? EpsLinkType.CheckValvePipe : EpsLinkType.Pipe;
            Diameter[i] = p.Diameter;
            Length[i] = p.Length;
            Roughness[i] = p.Roughness;
            Resistance[i] = LinkFormulas.PipeResistance(net.Options.HeadLoss, net.Options.Omega, p.Length, p.Diameter, p.Roughness);
            MinorLoss[i] = LinkFormulas.MinorLossCoefficient(p.MinorLoss, p.Diameter);
            InitialStatus[i] = p.Status == LinkStatus.Closed ? EpsStatus.Closed : EpsStatus.Open;
            InitialSetting[i] = p.Roughness;
        }
        Pumps = new EpsPump[PumpCount];
        for (int u = 0; u < PumpCount; u++)
        {
            var pump = net.Pumps[u];
            int link = PipeCount + u;
            AddLink(link, pump.Id, pump.Node1, pump.Node2);
            Type[link] = EpsLinkType.Pump;
            PumpOf[link] = u;
            Pumps[u] = CompilePump(net, pump, link, file);
            if (!(pump.Speed >= 0)) throw new InvalidInputException($"pump {pump.Id}: speed must be >= 0", file, field: "SPEED");
            InitialSetting[link] = pump.Speed;
            InitialStatus[link] = pump.Status == LinkStatus.Closed || pump.Speed == 0 ? EpsStatus.Closed : EpsStatus.Open;
        }
        for (int v = 0; v < ValveCount; v++)
        {
            var valve = net.Valves[v];
            int link = PipeCount + PumpCount + v;
            AddLink(link, valve.Id, valve.Node1, valve.Node2);
            if (!(valve.Diameter > 0)) throw new InvalidInputException($"valve {valve.Id}: diameter must be positive, got {valve.Diameter}", file, field: "Diameter");
            Type[link] = valve.Type switch
            {
                ValveType.PRV => EpsLinkType.PRV,
                ValveType.PSV => EpsLinkType.PSV,
                ValveType.PBV => EpsLinkType.PBV,
                ValveType.FCV => EpsLinkType.FCV,
                ValveType.TCV => EpsLinkType.TCV,
                _ => EpsLinkType.GPV,
            };
            Diameter[link] = valve.Diameter;
            MinorLoss[link] = LinkFormulas.MinorLossCoefficient(valve.MinorLoss, valve.Diameter);
            if (valve.Type == ValveType.GPV)
            {
                ValveCurve[link] = Curve(net, valve.CurveId, $"valve {valve.Id}", file).Points;
                InitialSetting[link] = 1.0; // EPANET keeps the curve index here; any non-MISSING value
                InitialStatus[link] = valve.FixedStatus == LinkStatus.Closed ? EpsStatus.Closed : EpsStatus.Open;
                continue;
            }
            if (!double.IsFinite(valve.Setting)) throw new InvalidInputException($"valve {valve.Id}: setting is not a number", file, field: "Setting");
            InitialSetting[link] = valve.StartSetting;
            InitialStatus[link] = valve.FixedStatus == LinkStatus.Closed ? EpsStatus.Closed : valve.StartsActive ? EpsStatus.Active : EpsStatus.Open;
        }

        Controls = net.Controls.Select((c, i) => CompileControl(c, i, file)).ToArray();
        Rules = net.Rules.Select(r => CompileRule(r, file)).ToArray();

        NodeLinkStart = new int[n + 1];
        for (int k = 0; k < m; k++) { NodeLinkStart[From[k] + 1]++; NodeLinkStart[To[k] + 1]++; }
        for (int i = 0; i < n; i++) NodeLinkStart[i + 1] += NodeLinkStart[i];
        NodeLinks = new int[NodeLinkStart[n]];
        var fill = (int[])NodeLinkStart.Clone();
        for (int k = 0; k < m; k++) { NodeLinks[fill[From[k]]++] = k; NodeLinks[fill[To[k]]++] = k; }

        Factorization = SymbolicCholesky.Analyze(nj, From, To, file);
        LinkEntry = new int[m];
        for (int k = 0; k < m; k++)
        {
            LinkEntry[k] = From[k] < nj && To[k] < nj ? Factorization.EntryOf(Factorization.Position[From[k]], Factorization.Position[To[k]]) : -1;
        }

        void AddNode(int index, string id, double value, string what)
        {
            if (!_nodeIndex.TryAdd(id, index)) throw new InvalidInputException($"node id '{id}' is used twice", file, field: "ID");
            if (!double.IsFinite(value)) throw new InvalidInputException($"node {id}: {what} is not a number", file, field: what);
            NodeIds[index] = id;
            Elevation[index] = value;
        }

        void AddLink(int i, string id, string n1, string n2)
        {
            if (!_linkIndex.TryAdd(id, i)) throw new InvalidInputException($"link id '{id}' is used twice", file, field: "ID");
            LinkIds[i] = id;
            From[i] = _nodeIndex.TryGetValue(n1, out var a) ? a : throw new InvalidInputException($"link {id}: unknown node '{n1}'", file, field: "Node1");
            To[i] = _nodeIndex.TryGetValue(n2, out var b) ? b : throw new InvalidInputException($"link {id}: unknown node '{n2}'", file, field: "Node2");
            if (a == b) throw new InvalidInputException($"link {id}: both ends at node '{n1}'", file, field: "Node2");
        }

        int Pattern(string id, string owner) =>
            PatternIndex(id) is var p and >= 0 ? p : throw new InvalidInputException($"{owner}: unknown pattern '{id}'", file, field: "Pattern");
    }

    private static Curve Curve(Network net, string? id, string owner, string? file) =>
        net.Curves.FirstOrDefault(c => c.Id == id) is { Points.Count: > 0 } curve ? curve
            : throw new InvalidInputException($"{owner}: unknown or empty curve '{id}'", file, field: "CURVES");

    private EpsTank CompileTank(Network net, Tank tank, int node, string? file)
    {
        double area = Math.PI * tank.Diameter * tank.Diameter / 4.0;
        double hmin = tank.Elevation + tank.MinLevel, hmax = tank.Elevation + tank.MaxLevel, h0 = tank.Elevation + tank.InitLevel;
        if (!(tank.MaxLevel >= tank.MinLevel)) throw new InvalidInputException($"tank {tank.Id}: maximum level is below the minimum level", file, field: "MaxLevel");
        if (tank.VolumeCurveId is { } curveId)
        {
            var points = Curve(net, curveId, $"tank {tank.Id}", file).Points;
            var probe = new EpsTank(node, tank.Elevation, area, hmin, hmax, h0, 0, 0, 0, points, tank.CanOverflow);
            // EPANET: a tank with a volume curve gets a nominal area from the curve's end points.
            double span = points[^1].X - points[0].X;
            double nominal = span > 0 ? (points[^1].Y - points[0].Y) / span : area;
            return probe with { Area = nominal, MinVolume = probe.Volume(hmin), MaxVolume = probe.Volume(hmax), InitialVolume = probe.Volume(h0) };
        }
        if (!(area > 0)) throw new InvalidInputException($"tank {tank.Id}: diameter must be positive without a volume curve", file, field: "Diameter");
        // EPANET 2.2 (input3.c tankdata): the minimum volume is the given one, else the cylinder below the minimum level.
        double vmin = tank.MinVolume > 0 ? tank.MinVolume : area * tank.MinLevel;
        return new EpsTank(node, tank.Elevation, area, hmin, hmax, h0, vmin, vmin + (hmax - hmin) * area, vmin + (h0 - hmin) * area, null, tank.CanOverflow);
    }

    private EpsPump CompilePump(Network net, Pump pump, int link, string? file)
    {
        var efficiency = pump.EfficiencyCurveId is { } e ? Curve(net, e, $"pump {pump.Id}", file).Points : null;
        int speedPattern = pump.PatternId is null ? -1
            : PatternIndex(pump.PatternId) is var sp and >= 0 ? sp : throw new InvalidInputException($"pump {pump.Id}: unknown pattern '{pump.PatternId}'", file, field: "PATTERN");
        int pricePattern = pump.PricePatternId is null ? -1
            : PatternIndex(pump.PricePatternId) is var pp and >= 0 ? pp : throw new InvalidInputException($"pump {pump.Id}: unknown price pattern '{pump.PricePatternId}'", file, field: "ENERGY");
        double price = pump.EnergyPrice ?? 0;
        if (pump.HeadCurveId is null)
        {
            if (pump.Power is not { } kw || !(kw > 0))
                throw new InvalidInputException($"pump {pump.Id}: needs a HEAD curve or a positive POWER", file, field: "Parameters");
            return new EpsPump(link, EpsPumpKind.ConstantPower, 0, GgaConstants.ConstantPowerCoefficient * kw, -1, double.MaxValue,
                Units.CubicMetersPerCubicFoot, null, speedPattern, efficiency, price, pricePattern);
        }
        var curve = Curve(net, pump.HeadCurveId, $"pump {pump.Id}", file);
        var pts = curve.Points;
        if (PumpCurveFit.Problem(curve) is { } problem) throw new InvalidInputException($"pump {pump.Id}: {problem}", file, field: "CURVES");
        if (PumpCurveFit.IsPowerCurve(curve))
        {
            var fit = PumpCurveFit.Fit(curve)!.Value;
            return new EpsPump(link, EpsPumpKind.PowerCurve, fit.H0, fit.R, fit.N, fit.H0, fit.DesignFlow, pts, speedPattern, efficiency, price, pricePattern);
        }
        // EPANET (input1.c): a custom curve starts at the middle of its flow range and shuts off at its first head.
        return new EpsPump(link, EpsPumpKind.Custom, 0, 0, 1, pts[0].Y, (pts[0].X + pts[^1].X) / 2.0, pts, speedPattern, efficiency, price, pricePattern);
    }

    private EpsControl CompileControl(SimpleControl control, int index, string? file)
    {
        string where = $"control {index + 1}";
        int link = LinkIndex(control.Action.LinkId);
        if (link < 0) throw new InvalidInputException($"{where}: unknown link '{control.Action.LinkId}'", file, field: "CONTROLS");
        var (status, setting) = ActionOf(link, control.Action.Status, control.Action.Setting);
        int node = -1;
        double grade = 0;
        if (control.Condition is ControlCondition.LowLevel or ControlCondition.HighLevel)
        {
            node = NodeIndex(control.NodeId ?? "");
            if (node < 0) throw new InvalidInputException($"{where}: unknown node '{control.NodeId}'", file, field: "CONTROLS");
            if (node >= JunctionCount && node < JunctionCount + ReservoirCount)
                throw new InvalidInputException($"{where}: node '{control.NodeId}' is a reservoir; a level control needs a tank or junction", file, field: "CONTROLS");
            grade = Elevation[node] + control.Value;
        }
        return new EpsControl(link, control.Condition, node, grade, control.Time, status, setting);
    }

    /// <summary>EPANET's input rules for a control action: OPEN/CLOSED set a pump's speed to 1/0 and clear a valve's setting; a number sets it.</summary>
    private (EpsStatus Status, double Setting) ActionOf(int link, LinkStatus? status, double? setting)
    {
        var type = Type[link];
        if (status is { } s)
        {
            bool open = s != LinkStatus.Closed;
            double value = type == EpsLinkType.Pump ? (open ? 1.0 : 0.0) : type == EpsLinkType.GPV ? 1.0 : double.NaN;
            return (open ? EpsStatus.Open : EpsStatus.Closed, value);
        }
        double x = setting ?? double.NaN;
        if (type is EpsLinkType.Pump or EpsLinkType.Pipe or EpsLinkType.CheckValvePipe)
            return (x == 0 ? EpsStatus.Closed : EpsStatus.Open, x);
        return (EpsStatus.Active, x);
    }

    /// <summary>
    /// EPANET 2.2 rules.c checkvalue compares a premise within 0.001 of the file's own units (ft or m, psi, m or kPa
    /// of water, the flow unit; fill and drain times in seconds), here in SI. The units are those of the file the
    /// network came from: <see cref="HydraulicOptions.FlowUnits"/>, and for pressures in an SI file the
    /// <c>PRESSURE KPA</c> option that [OPTIONS] keeps verbatim (0.001 kPa is a tenth of 0.001 m).
    /// </summary>
    private double RuleTolerance(RuleVariable variable, int index)
    {
        const double tol = 1e-3;
        bool us = Units.IsUsCustomary(Options.FlowUnits);
        double flow = tol * Units.FlowToSi(Options.FlowUnits);
        double pressure = InpUnits.Of(Source).Pressure.ToSi(tol);
        return variable switch
        {
            RuleVariable.Demand or RuleVariable.Flow => flow,
            RuleVariable.Head or RuleVariable.Grade or RuleVariable.Level => us ? tol * Units.MetersPerFoot : tol,
            RuleVariable.Pressure => pressure,
            RuleVariable.Setting => Type[index] switch
            {
                EpsLinkType.PRV or EpsLinkType.PSV or EpsLinkType.PBV => pressure,
                EpsLinkType.FCV => flow,
                _ => tol,
            },
            _ => tol,
        };
    }

    private EpsRule CompileRule(RuleBasedControl rule, string? file)
    {
        string where = $"rule {rule.Id}";
        var premises = rule.Premises.Select(p =>
        {
            int index = -1;
            if (p.Object == RuleObject.Node) index = NodeIndex(p.ElementId ?? "");
            else if (p.Object == RuleObject.Link) index = LinkIndex(p.ElementId ?? "");
            if (p.Object != RuleObject.System && index < 0)
                throw new InvalidInputException($"{where}: unknown {p.Object.ToString().ToLowerInvariant()} '{p.ElementId}'", file, field: "RULES");
            return new EpsRulePremise(p.Logic, p.Object, index, p.Variable, p.Operator, p.Value, p.Status, p.ActiveStatus, RuleTolerance(p.Variable, index));
        }).ToArray();
        EpsRuleAction Action(LinkAction a)
        {
            int link = LinkIndex(a.LinkId);
            if (link < 0) throw new InvalidInputException($"{where}: unknown link '{a.LinkId}'", file, field: "RULES");
            EpsStatus? status = a.Status is { } s ? (s == LinkStatus.Closed ? EpsStatus.Closed : EpsStatus.Open) : null;
            return new EpsRuleAction(link, status, a.Setting ?? double.NaN);
        }
        return new EpsRule(rule.Id, premises, rule.Then.Select(Action).ToArray(), rule.Else.Select(Action).ToArray(), rule.Priority);
    }
}
