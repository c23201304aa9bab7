using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>
/// EPANET 2.2's hydraulic engine for one network state, written from its published algorithm (Rossman 2000, the
/// EPANET 2.2 manual and its source's structure: hydraul.c, hydsolver.c, hydcoeffs.c, hydstatus.c, rules.c): the
/// Global Gradient Algorithm (Todini &amp; Pilati 1988) with valves, emitters and pressure-driven demand as extra
/// coefficients; status checks of check valves, pumps, PRV/PSV/FCV and links to full or empty tanks; and the
/// extended-period clock (patterns, tank levels, simple controls, rule-based controls, pump energy). SI units with
/// EPANET's tolerances converted from ft and cfs, so each period takes the decisions EPANET takes.
/// Settings use NaN for EPANET's MISSING (a valve fixed OPEN or CLOSED).
/// </summary>
public sealed class EpsSolver
{
    /// <summary>CBIG as a conductance (1e8 cfs/ft) in m³/s per m: forces heads of active PRV/PSV and losses of PBV.</summary>
    private const double CBigConductance = GgaConstants.CBigConductance;
    /// <summary>EPANET's TINY, the least tank flow (m³/s here) at which a rule's FILLTIME or DRAINTIME is defined.</summary>
    private const double Tiny = 1e-6;
    /// <summary>
    /// EPANET 2.2 rules.c takeactions: a new setting acts when it differs by more than 0.001 in EPANET's internal units,
    /// ft for a PRV, PSV or PBV, cfs for an FCV, the number itself for a pump speed, TCV or GPV.
    /// </summary>
    private double ActionTolerance(int k) => _net.Type[k] switch
    {
        EpsLinkType.PRV or EpsLinkType.PSV or EpsLinkType.PBV => 1e-3 * Units.MetersPerFoot,
        EpsLinkType.FCV => 1e-3 * Units.CubicMetersPerCubicFoot,
        _ => 1e-3,
    };

    private readonly EpsNetwork _net;
    private readonly int _nj, _n, _m;
    private readonly double[] _p, _y, _x, _factor, _rhs, _fullDemand, _demandFlow, _emitterFlow;
    private readonly ValveIslands _islands;
    /// <summary>The matrix diagonal before elimination, per column, the scale of its pivot's round-off.</summary>
    private readonly double[] _diagonal;
    /// <summary>A pivot at most this many ulps of its column's diagonal is zero up to round-off.</summary>
    private const double RoundOffPivot = 4.0 / (1L << 52);
    private readonly double _qexp, _pdaDp, _pdaN;
    /// <summary>Per junction, its emitter's head-loss coefficient (<see cref="LinkFormulas.EmitterResistance"/>; unused without one).</summary>
    private readonly double[] _emitterKe;
    private readonly bool _dw, _pda;
    /// <summary>The pipes' flow exponent (EPANET's Hexp) where they follow a power law (Hazen–Williams, Chezy–Manning).</summary>
    private readonly double _pipeExponent;
    private double _relax = 1.0;
    /// <summary>Largest link flow change of the last trial (EPANET 2.2 FLOWCHANGE test).</summary>
    private double _maxFlowChange;

    public double[] Head { get; }
    /// <summary>Junctions: delivered outflow (demand + emitter); fixed-head nodes: net inflow (m³/s).</summary>
    public double[] Demand { get; }
    public double[] Flow { get; }
    public EpsStatus[] Status { get; }
    public double[] Setting { get; }
    /// <summary>Per tank: current volume (m³).</summary>
    public double[] TankVolume { get; }
    /// <summary>Per junction: demand asked for this period before pressure limits it (m³/s).</summary>
    public double[] RequestedDemand => _fullDemand;
    /// <summary>Per junction: emitter outflow (m³/s).</summary>
    public double[] EmitterFlow => _emitterFlow;
    /// <summary>The demand each junction delivers: its full demand, or under PDA what its pressure allows.</summary>
    public double[] DeliveredDemand => _demandFlow;
    /// <summary>Elapsed time (s).</summary>
    public long Time { get; private set; }
    /// <summary>Trials and relative flow change of the last solve.</summary>
    public int Trials { get; private set; }
    public double RelativeError { get; private set; }
    public bool Converged { get; private set; }
    public EpsEnergy Energy { get; }
    /// <summary>Per pump: speeds per pattern period that replace its speed pattern (a candidate schedule); null = the network's own.</summary>
    public double[]?[]? PumpSchedule { get; set; }
    /// <summary>
    /// Multiplier of every junction demand, on top of the patterns (a demand scenario; 1 = the network's demands).
    /// Kept across <see cref="Reset"/>, like <see cref="PumpSchedule"/>.
    /// </summary>
    public double DemandFactor { get; set; } = 1.0;
    /// <summary>
    /// Per junction: a multiplier of its demand on top of <see cref="DemandFactor"/> (a demand scenario with a factor
    /// per junction); null = 1 at every junction. Kept across <see cref="Reset"/>, like <see cref="DemandFactor"/>.
    /// </summary>
    public double[]? JunctionDemandFactors
    {
        get => _junctionDemandFactors;
        set
        {
            if (value is not null && value.Length != _nj) throw new ArgumentException($"expected one factor per junction ({_nj}), got {value.Length}", nameof(value));
            _junctionDemandFactors = value;
        }
    }
    private double[]? _junctionDemandFactors;

    private long _nextReport;
    private double _systemDemand;

    /// <summary>The compiled network this engine runs (a design's own, where lanes carry designs).</summary>
    public EpsNetwork Network => _net;

    public EpsSolver(EpsNetwork net)
    {
        _net = net;
        _nj = net.JunctionCount;
        _n = net.NodeCount;
        _m = net.LinkCount;
        Head = new double[_n];
        Demand = new double[_n];
        Flow = new double[_m];
        Status = new EpsStatus[_m];
        Setting = new double[_m];
        TankVolume = new double[net.TankCount];
        _p = new double[_m];
        _y = new double[_m];
        _x = new double[_n];
        _factor = new double[_nj + net.Factorization.RowOfEntry.Length];
        _rhs = new double[_nj];
        _fullDemand = new double[_nj];
        _demandFlow = new double[_nj];
        _emitterFlow = new double[_nj];
        _islands = new ValveIslands(net);
        _diagonal = new double[_nj];
        _dw = net.Options.HeadLoss == HeadLossModel.DarcyWeisbach;
        _pipeExponent = LinkFormulas.PipeFlowExponent(net.Options.HeadLoss);
        _pda = net.Options.DemandModel == DemandModel.PressureDriven;
        _qexp = 1.0 / net.Options.EmitterExponent;
        _emitterKe = net.Emitter.Select(c => c > 0 ? LinkFormulas.EmitterResistance(c, _qexp) : 0).ToArray();
        _pdaDp = net.Options.RequiredPressure - net.Options.MinimumPressure;
        _pdaN = 1.0 / net.Options.PressureExponent;
        Energy = new EpsEnergy(net);
        Reset();
    }

    /// <summary>Back to time zero: initial statuses, settings, flows, tank levels (EPANET inithyd).</summary>
    public void Reset()
    {
        for (int i = 0; i < _n; i++) Head[i] = _net.Elevation[i];
        for (int r = 0; r < _net.ReservoirCount; r++) Head[_nj + r] = _net.ReservoirHead[r];
        for (int t = 0; t < _net.TankCount; t++)
        {
            var tank = _net.Tanks[t];
            TankVolume[t] = tank.InitialVolume;
            Head[tank.Node] = tank.InitialHead;
        }
        Array.Clear(Demand);
        for (int k = 0; k < _m; k++)
        {
            Status[k] = _net.InitialStatus[k];
            Setting[k] = _net.InitialSetting[k];
            Flow[k] = Status[k] <= EpsStatus.Closed ? GgaConstants.QZero : InitialFlow(k);
        }
        for (int j = 0; j < _nj; j++) _emitterFlow[j] = _net.Emitter[j] > 0 ? Units.CubicMetersPerCubicFoot : 0;
        Time = 0;
        _nextReport = (long)_net.Times.ReportStep;
        Energy.Reset();
    }

    /// <summary>EPANET initlinkflow: a pump at its design flow × speed, any other link at 1 ft/s.</summary>
    private double InitialFlow(int k)
    {
        int u = _net.PumpOf[k];
        if (u >= 0) return Setting[k] * _net.Pumps[u].DesignFlow;
        double d = _net.Diameter[k];
        return GgaConstants.StartFlow(d);
    }

    // ---- one period ------------------------------------------------------------------------------------

    /// <summary>Demands and patterns for the current time, simple controls, then the network solve (EPANET runhyd).</summary>
    public void SolveCurrentPeriod()
    {
        BeginPeriod();
        Solve();
    }

    /// <summary>
    /// The period's inputs for the current time: demands, reservoir heads and pump speeds from their patterns (or the
    /// pump schedule), then simple controls (EPANET runhyd before hydsolve). A batched engine calls this, solves the
    /// network itself, and hands the solution back with <see cref="AcceptSolution"/>.
    /// </summary>
    public void BeginPeriod()
    {
        ApplyPatterns();
        ApplyControls();
    }

    /// <summary>The network solve of the current period with this engine's own GGA (after <see cref="BeginPeriod"/>).</summary>
    public void SolveNetwork() => Solve();

    /// <summary>
    /// Takes a period's solution computed elsewhere: the caller has written the junction heads into <see cref="Head"/>,
    /// the flows into <see cref="Flow"/> and the statuses into <see cref="Status"/>. Sets what the solve would have
    /// set besides: junction outflows (demand plus the emitter outflows the caller wrote into <see cref="EmitterFlow"/>)
    /// and the net inflow of every reservoir and tank from the open links (newflows). Under PDA the caller writes the
    /// delivered demands into <see cref="DeliveredDemand"/>.
    /// </summary>
    public void AcceptSolution(int trials, double relativeError, bool converged)
    {
        for (int i = _nj; i < _n; i++) Demand[i] = 0;
        for (int k = 0; k < _m; k++)
        {
            if (Status[k] <= EpsStatus.Closed) continue;
            int n1 = _net.From[k], n2 = _net.To[k];
            if (n1 >= _nj) Demand[n1] -= Flow[k];
            if (n2 >= _nj) Demand[n2] += Flow[k];
        }
        for (int j = 0; j < _nj; j++) Demand[j] = _demandFlow[j] + _emitterFlow[j];
        Trials = trials;
        RelativeError = relativeError;
        Converged = converged;
    }

    /// <summary>EPANET demands(): pattern multipliers of junction demands, reservoir heads and pump speeds.</summary>
    private void ApplyPatterns()
    {
        long period = PatternPeriod(Time);
        _systemDemand = 0;
        for (int j = 0; j < _nj; j++)
        {
            double sum = 0;
            var bases = _net.DemandBase[j];
            var patterns = _net.DemandPattern[j];
            double factor = _junctionDemandFactors is { } own ? DemandFactor * own[j] : DemandFactor;
            for (int c = 0; c < bases.Length; c++)
            {
                double d = bases[c] * _net.Multiplier(patterns[c], period) * factor;
                if (d > 0) _systemDemand += d;
                sum += d;
            }
            _fullDemand[j] = sum;
            _demandFlow[j] = sum;
        }
        for (int r = 0; r < _net.ReservoirCount; r++)
        {
            if (_net.ReservoirPattern[r] >= 0) Head[_nj + r] = _net.ReservoirHead[r] * _net.Multiplier(_net.ReservoirPattern[r], period);
        }
        for (int u = 0; u < _net.PumpCount; u++)
        {
            var pump = _net.Pumps[u];
            if (PumpSchedule?[u] is { Length: > 0 } schedule) SetLinkSetting(pump.Link, schedule[(int)(period % schedule.Length)]);
            else if (pump.SpeedPattern >= 0) SetLinkSetting(pump.Link, _net.Multiplier(pump.SpeedPattern, period));
        }
    }

    internal long PatternPeriod(long time) => (time + (long)_net.Times.PatternStart) / Math.Max(1L, (long)_net.Times.PatternStep);

    private static bool SameSetting(double a, double b) => a == b || (double.IsNaN(a) && double.IsNaN(b));

    /// <summary>EPANET controls(): tank-level and time controls due now.</summary>
    private void ApplyControls()
    {
        foreach (var c in _net.Controls)
        {
            bool reset = false;
            if (c.Node >= _nj + _net.ReservoirCount)
            {
                var tank = _net.Tanks[c.Node - _nj - _net.ReservoirCount];
                double vplus = Math.Abs(Demand[c.Node]);
                double v1 = tank.Volume(Head[c.Node]), v2 = tank.Volume(c.Grade);
                if (c.Condition == ControlCondition.LowLevel && v1 <= v2 + vplus) reset = true;
                if (c.Condition == ControlCondition.HighLevel && v1 >= v2 - vplus) reset = true;
            }
            if (c.Condition == ControlCondition.Timer && (long)c.Time == Time) reset = true;
            if (c.Condition == ControlCondition.TimeOfDay && ClockTime(Time) == (long)c.Time) reset = true;
            if (!reset) continue;
            int k = c.Link;
            var s1 = Status[k] <= EpsStatus.Closed ? EpsStatus.Closed : EpsStatus.Open;
            double k1 = Setting[k], k2 = _net.Type[k] > EpsLinkType.CheckValvePipe ? c.Setting : k1;
            if (_net.Type[k] == EpsLinkType.Pump && s1 == EpsStatus.Closed && c.Status == EpsStatus.Open) ResetPumpFlow(k);
            if (s1 != c.Status || !SameSetting(k1, k2))
            {
                Status[k] = c.Status;
                Setting[k] = k2;
            }
        }
    }

    private long ClockTime(long time) => (time + (long)_net.Times.StartClockTime) % 86400;

    // ---- the GGA (hydsolver.c) ---------------------------------------------------------------------------

    private void Solve()
    {
        var o = _net.Options;
        int maxTrials = o.MaxTrials + Math.Max(0, o.ExtraTrials);
        int nextCheck = o.CheckFrequency;
        double accuracy = o.Accuracy;
        _relax = 1.0;
        int iter = 1;
        bool converged = false;
        double relErr = double.NaN;
        while (iter <= maxTrials)
        {
            HeadLossCoefficients();
            MatrixCoefficients();
            int bad = Factorize();
            if (bad >= 0)
            {
                // EPANET badvalve(): a singular row at an active valve's node means the valve cannot hold its target.
                if (MarkBadValve(bad)) continue;
                break;
            }
            var order = _net.Factorization.Order;
            for (int pos = 0; pos < _nj; pos++) Head[order[pos]] = _rhs[pos];
            relErr = NewFlows();

            _relax = 1.0;
            bool valveChange;
            if (o.DampLimit > 0)
            {
                valveChange = false;
                if (relErr <= o.DampLimit)
                {
                    _relax = 0.6;
                    valveChange = ValveStatus();
                }
            }
            else valveChange = ValveStatus();

            if (HasConverged(relErr, accuracy))
            {
                converged = true;
                if (iter > o.MaxTrials) break;
                bool change = valveChange;
                if (CheckLinkStatus()) change = true;
                if (PressureSwitch()) change = true;
                if (!change) break;
                converged = false;
                nextCheck = iter + o.CheckFrequency;
            }
            else if (iter <= o.MaxCheck && iter == nextCheck)
            {
                CheckLinkStatus();
                nextCheck += o.CheckFrequency;
            }
            iter++;
        }
        for (int j = 0; j < _nj; j++) Demand[j] = _demandFlow[j] + _emitterFlow[j];
        Trials = Math.Min(iter, maxTrials);
        RelativeError = relErr;
        Converged = converged;
    }

    private bool HasConverged(double relErr, double accuracy)
    {
        if (!(relErr <= accuracy)) return false;
        var o = _net.Options;
        if (o.FlowChange > 0 && _maxFlowChange > o.FlowChange) return false;
        if (o.HeadError > 0 && MaxHeadError() > o.HeadError) return false;
        return !_pda || PdaConverged();
    }

    /// <summary>
    /// EPANET 2.2 pdaconverged(): under pressure-driven demand a solution is not accepted while a junction draws a
    /// negative demand, or a positive one below its minimum pressure, beyond 0.001 (cfs, ft), so the solve goes on
    /// where the relative flow change alone would stop it.
    /// </summary>
    private bool PdaConverged()
    {
        for (int j = 0; j < _nj; j++)
        {
            if (_fullDemand[j] > 0 && !GgaConstants.PressureDrivenDemandSettled(_demandFlow[j], Head[j] - _net.Elevation[j] - _net.Options.MinimumPressure)) return false;
        }
        return true;
    }

    /// <summary>
    /// EPANET checkhydbalance(): the largest difference between a link's head loss and its end heads, with the
    /// coefficients taken afresh at the updated flows, as EPANET does.
    /// </summary>
    private double MaxHeadError()
    {
        HeadLossCoefficients();
        double maxHeadError = 0;
        for (int k = 0; k < _m; k++)
        {
            if (Status[k] <= EpsStatus.Closed) continue;
            if (_p[k] == 0) continue;
            double dh = Head[_net.From[k]] - Head[_net.To[k]];
            double loss = _y[k] / _p[k];
            maxHeadError = Math.Max(maxHeadError, Math.Abs(dh - loss));
        }
        return maxHeadError;
    }

    /// <summary>EPANET headlosscoeffs(): P and Y of every link at its current flow.</summary>
    private void HeadLossCoefficients()
    {
        for (int k = 0; k < _m; k++)
        {
            switch (_net.Type[k])
            {
                case EpsLinkType.Pipe:
                case EpsLinkType.CheckValvePipe: PipeCoefficients(k); break;
                case EpsLinkType.Pump: PumpCoefficients(k); break;
                case EpsLinkType.PBV: PbvCoefficients(k); break;
                case EpsLinkType.TCV: TcvCoefficients(k); break;
                case EpsLinkType.GPV: GpvCoefficients(k); break;
                default:
                    if (double.IsNaN(Setting[k])) ValveCoefficients(k, _net.MinorLoss[k]);
                    else _p[k] = 0.0; // active PRV/PSV/FCV: assembled in ControlValveCoefficients
                    break;
            }
        }
    }

    private void Closed(int k)
    {
        _p[k] = 1.0 / GgaConstants.CBig;
        _y[k] = Flow[k];
    }

    private void PipeCoefficients(int k)
    {
        if (Status[k] <= EpsStatus.Closed) { Closed(k); return; }
        double p, y;
        if (_dw)
        {
            double d = _net.Diameter[k];
            LinkCoefficients<HostMath>.DarcyWeisbach(_net.Resistance[k], _net.Roughness[k] / d, _net.Viscosity * d, _net.MinorLoss[k], Flow[k], out p, out y);
        }
        else LinkCoefficients<HostMath>.PowerLawPipe(_net.Resistance[k], _net.MinorLoss[k], _pipeExponent, Flow[k], out p, out y);
        _p[k] = p;
        _y[k] = y;
    }

    private void PumpCoefficients(int k)
    {
        double speed = Setting[k];
        if (Status[k] <= EpsStatus.Closed || speed == 0) { Closed(k); return; }
        var pump = _net.Pumps[_net.PumpOf[k]];
        switch (pump.Kind)
        {
            case EpsPumpKind.Custom:
                // EPANET curvecoeff(): the segment holding the speed-adjusted flow.
                var (h0, r) = CurveSegment.Find(pump.Curve!, Math.Abs(Flow[k]) / speed);
                LinkCoefficients<HostMath>.CustomCurvePump(h0, r, speed, Flow[k], out _p[k], out _y[k]);
                break;
            case EpsPumpKind.ConstantPower:
                LinkCoefficients<HostMath>.ConstantPowerPump(pump.R, speed, Flow[k], out _p[k], out _y[k]);
                break;
            default:
                LinkCoefficients<HostMath>.PowerCurvePump(pump.H0, pump.R, pump.N, speed, Flow[k], out _p[k], out _y[k]);
                break;
        }
    }

    /// <summary>EPANET valvecoeff(): an open valve's minor loss, or a tiny linear resistance without one.</summary>
    private void ValveCoefficients(int k, double km)
    {
        if (Status[k] <= EpsStatus.Closed) { Closed(k); return; }
        LinkCoefficients<HostMath>.OpenValve(km, Flow[k], out _p[k], out _y[k]);
    }

    private void PbvCoefficients(int k)
    {
        double s = Setting[k];
        if (double.IsNaN(s) || s == 0 || _net.MinorLoss[k] * Flow[k] * Flow[k] > s) ValveCoefficients(k, _net.MinorLoss[k]);
        else LinkCoefficients<HostMath>.BreakPressure(s, out _p[k], out _y[k]);
    }

    private void TcvCoefficients(int k)
    {
        double s = Setting[k];
        ValveCoefficients(k, double.IsNaN(s) ? _net.MinorLoss[k] : LinkFormulas.MinorLossCoefficient(s, _net.Diameter[k]));
    }

    private void GpvCoefficients(int k)
    {
        if (Status[k] == EpsStatus.Closed) { ValveCoefficients(k, _net.MinorLoss[k]); return; }
        var (h0, r) = CurveSegment.Find(_net.ValveCurve[k]!, LinkCoefficients<HostMath>.GeneralPurposeValveFlow(Flow[k]));
        LinkCoefficients<HostMath>.GeneralPurposeValve(h0, r, Flow[k], out _p[k], out _y[k]);
    }

    /// <summary>EPANET matrixcoeffs(): links, emitters, pressure-driven demands, node balances, then active control valves.</summary>
    private void MatrixCoefficients()
    {
        Array.Clear(_factor);
        Array.Clear(_rhs);
        Array.Clear(_x);
        var pos = _net.Factorization.Position;
        for (int k = 0; k < _m; k++)
        {
            if (_p[k] == 0.0) continue;
            int n1 = _net.From[k], n2 = _net.To[k];
            double p = _p[k], y = _y[k];
            _x[n1] -= Flow[k];
            _x[n2] += Flow[k];
            int e = _net.LinkEntry[k];
            if (e >= 0) _factor[e] -= p;
            if (n1 < _nj)
            {
                _factor[pos[n1]] += p;
                _rhs[pos[n1]] += y;
            }
            // A link between two fixed heads touches no junction row; its flow still updates.
            else if (n2 < _nj) _rhs[pos[n2]] += p * Head[n1];
            if (n2 < _nj)
            {
                _factor[pos[n2]] += p;
                _rhs[pos[n2]] -= y;
            }
            else if (n1 < _nj) _rhs[pos[n1]] += p * Head[n2];
        }
        for (int j = 0; j < _nj; j++)
        {
            if (_net.Emitter[j] <= 0) continue;
            EmitterHeadLoss(j, out double hloss, out double hgrad);
            _factor[pos[j]] += 1.0 / hgrad;
            _rhs[pos[j]] += (hloss + _net.Elevation[j]) / hgrad;
            _x[j] -= _emitterFlow[j];
        }
        if (_pda)
        {
            for (int j = 0; j < _nj; j++)
            {
                if (_fullDemand[j] <= 0) continue;
                DemandHeadLoss(j, out double hloss, out double hgrad);
                if (hgrad > 0)
                {
                    _factor[pos[j]] += 1.0 / hgrad;
                    _rhs[pos[j]] += (hloss + _net.Elevation[j] + _net.Options.MinimumPressure) / hgrad;
                }
            }
        }
        for (int j = 0; j < _nj; j++)
        {
            _x[j] -= _demandFlow[j];
            _rhs[pos[j]] += _x[j];
        }
        for (int k = _net.PipeCount + _net.PumpCount; k < _m; k++)
        {
            if (double.IsNaN(Setting[k])) continue;
            switch (_net.Type[k])
            {
                case EpsLinkType.PRV: PressureValve(k, downstream: true); break;
                case EpsLinkType.PSV: PressureValve(k, downstream: false); break;
                case EpsLinkType.FCV: FlowValve(k); break;
            }
        }
    }

    /// <summary>EPANET prvcoeff/psvcoeff: an active valve fixes the head on its controlled side and passes that side's imbalance.</summary>
    private void PressureValve(int k, bool downstream)
    {
        var pos = _net.Factorization.Position;
        int n1 = _net.From[k], n2 = _net.To[k], i = pos[n1], j = pos[n2];
        if (Status[k] == EpsStatus.Active)
        {
            if (downstream)
            {
                double hset = _net.Elevation[n2] + Setting[k];
                _p[k] = 0.0;
                _y[k] = Flow[k] + _x[n2];
                _rhs[j] += hset * CBigConductance;
                _factor[j] += CBigConductance;
                if (_x[n2] < 0) _rhs[i] += _x[n2];
            }
            else
            {
                double hset = _net.Elevation[n1] + Setting[k];
                _p[k] = 0.0;
                _y[k] = Flow[k] - _x[n1];
                _rhs[i] += hset * CBigConductance;
                _factor[i] += CBigConductance;
                if (_x[n1] > 0) _rhs[j] += _x[n1];
            }
            return;
        }
        ValveCoefficients(k, _net.MinorLoss[k]);
        AddValveAsPipe(k, i, j);
    }

    private void AddValveAsPipe(int k, int i, int j)
    {
        _factor[_net.LinkEntry[k]] -= _p[k];
        _factor[i] += _p[k];
        _factor[j] += _p[k];
        _rhs[i] += _y[k] - Flow[k];
        _rhs[j] -= _y[k] - Flow[k];
    }

    /// <summary>EPANET fcvcoeff: an active FCV splits the network, its setting a demand upstream and a supply downstream.</summary>
    private void FlowValve(int k)
    {
        var pos = _net.Factorization.Position;
        int n1 = _net.From[k], n2 = _net.To[k], i = pos[n1], j = pos[n2];
        if (Status[k] == EpsStatus.Active)
        {
            double q = Setting[k];
            _x[n1] -= q;
            _x[n2] += q;
            _y[k] = Flow[k] - q;
            _rhs[i] -= q;
            _rhs[j] += q;
            _p[k] = 1.0 / GgaConstants.CBig;
            _factor[_net.LinkEntry[k]] -= _p[k];
            _factor[i] += _p[k];
            _factor[j] += _p[k];
            return;
        }
        ValveCoefficients(k, _net.MinorLoss[k]);
        AddValveAsPipe(k, i, j);
    }

    /// <summary>
    /// EPANET 2.2 hydcoeffs.c emitterheadloss(): h = ke·q^(1/γ) with ke at least CSMALL (1e-6 ft/cfs^(1/γ)), linear
    /// below RQtol (<see cref="LinkCoefficients{TMath}.PowerLaw"/>).
    /// </summary>
    private void EmitterHeadLoss(int j, out double hloss, out double hgrad)
    {
        LinkCoefficients<HostMath>.Emitter(_emitterKe[j], _qexp, _emitterFlow[j], out hgrad, out hloss);
    }

    /// <summary>
    /// EPANET 2.2 hydcoeffs.c demandheadloss(): the inverted pressure–demand relation, with barriers (gradient CBIG) at
    /// zero and full demand; between them linear where the gradient falls below RQtol (a demand just above zero, or a
    /// pressure range of zero width: <see cref="LinkCoefficients{TMath}.PowerLaw"/>).
    /// </summary>
    private void DemandHeadLoss(int j, out double hloss, out double hgrad) =>
        LinkCoefficients<HostMath>.PressureDrivenDemand(_demandFlow[j], _fullDemand[j], _pdaDp, _pdaN, out hgrad, out hloss);

    /// <summary>
    /// Cholesky over the symbolic pattern; returns −1, or the junction whose pivot is not positive. In a zone that
    /// active PRVs or PSVs cut off from every fixed head a pivot within round-off of zero (a few ulps of the column's
    /// diagonal) counts as zero too: such a zone is exactly singular, and whether its computed pivot lands on 0, −ulp
    /// or +ulp is a toss of the last bits (EPANET 2.2 tests pivot ≤ 0), where a +ulp pivot would go on with garbage heads.
    /// </summary>
    private int Factorize()
    {
        var s = _net.Factorization;
        int nj = _nj;
        // Most networks have no active PRV or PSV: no zone to find, no diagonal to keep.
        bool islands = UpdateValveIslands();
        if (islands) Array.Copy(_factor, _diagonal, nj);
        for (int c = 0; c < nj; c++)
        {
            double pivot = _factor[c];
            int node = s.Order[c];
            if (!(pivot > 0)) return node;
            if (islands && pivot <= RoundOffPivot * _diagonal[c] && _islands.IsCutOff(node)) return node;
            double d = Math.Sqrt(pivot);
            _factor[c] = d;
            int e1 = s.ColumnStart[c + 1];
            for (int e = s.ColumnStart[c]; e < e1; e++) _factor[nj + e] /= d;
            int u1 = s.UpdateStart[c + 1];
            for (int u = s.UpdateStart[c]; u < u1; u++) _factor[s.UpdateTarget[u]] -= _factor[s.UpdateA[u]] * _factor[s.UpdateB[u]];
        }
        for (int c = 0; c < nj; c++)
        {
            double fc = _rhs[c] / _factor[c];
            _rhs[c] = fc;
            int e1 = s.ColumnStart[c + 1];
            for (int e = s.ColumnStart[c]; e < e1; e++) _rhs[s.RowOfEntry[e]] -= _factor[nj + e] * fc;
        }
        for (int c = nj - 1; c >= 0; c--)
        {
            double sum = _rhs[c];
            int e1 = s.ColumnStart[c + 1];
            for (int e = s.ColumnStart[c]; e < e1; e++) sum -= _factor[nj + e] * _rhs[s.RowOfEntry[e]];
            _rhs[c] = sum / _factor[c];
        }
        return -1;
    }

    /// <summary>
    /// EPANET badvalve(): the first valve (in input order) at the singular node, if it is an active PRV, PSV or FCV,
    /// cannot hold its target and opens. Where the singular node is not a valve's, but lies in a zone active pressure
    /// valves cut off (our ordering need not end the zone at its valve, as EPANET's does), the zone's valve opens.
    /// </summary>
    private bool MarkBadValve(int node)
    {
        int k = ValveToOpenAt(node);
        if (k < 0) k = _islands.ValveOf(node, Status, Setting);
        if (k < 0) return false;
        Status[k] = _net.Type[k] == EpsLinkType.FCV ? EpsStatus.OpenBelowSetting : EpsStatus.OpenCannotHold;
        return true;
    }

    /// <summary>The link badvalve() would open at <paramref name="node"/>, or −1.</summary>
    private int ValveToOpenAt(int node)
    {
        for (int k = _net.PipeCount + _net.PumpCount; k < _m; k++)
        {
            if (_net.From[k] != node && _net.To[k] != node) continue;
            var type = _net.Type[k];
            return type is EpsLinkType.PRV or EpsLinkType.PSV or EpsLinkType.FCV && Status[k] == EpsStatus.Active ? k : -1;
        }
        return -1;
    }

    private bool UpdateValveIslands()
    {
        if (!_islands.Update(Status, Setting)) return false;
        for (int j = 0; j < _nj; j++)
        {
            if (_net.Emitter[j] > 0 || (_pda && _fullDemand[j] > 0)) _islands.Ground(j);
        }
        return true;
    }

    /// <summary>EPANET newflows(): link, emitter and demand flow updates; returns Σ|ΔQ|/Σ|Q|.</summary>
    private double NewFlows()
    {
        for (int i = _nj; i < _n; i++) Demand[i] = 0;
        double qsum = 0, dqsum = 0;
        _maxFlowChange = 0;
        for (int k = 0; k < _m; k++)
        {
            int n1 = _net.From[k], n2 = _net.To[k];
            double dq = _y[k] - _p[k] * (Head[n1] - Head[n2]);
            dq *= _relax;
            int u = _net.PumpOf[k];
            if (u >= 0 && _net.Pumps[u].Kind == EpsPumpKind.ConstantPower && dq > Flow[k]) dq = Flow[k] / 2.0;
            Flow[k] -= dq;
            _maxFlowChange = Math.Max(_maxFlowChange, Math.Abs(dq));
            qsum += Math.Abs(Flow[k]);
            dqsum += Math.Abs(dq);
            if (Status[k] > EpsStatus.Closed)
            {
                if (n1 >= _nj) Demand[n1] -= Flow[k];
                if (n2 >= _nj) Demand[n2] += Flow[k];
            }
        }
        for (int j = 0; j < _nj; j++)
        {
            if (_net.Emitter[j] <= 0) continue;
            EmitterHeadLoss(j, out double hloss, out double hgrad);
            double dq = (hloss - (Head[j] - _net.Elevation[j])) / hgrad * _relax;
            _emitterFlow[j] -= dq;
            qsum += Math.Abs(_emitterFlow[j]);
            dqsum += Math.Abs(dq);
        }
        if (_pda)
        {
            for (int j = 0; j < _nj; j++)
            {
                if (_fullDemand[j] <= 0) continue;
                DemandHeadLoss(j, out double hloss, out double hgrad);
                double dq = (hloss - (Head[j] - _net.Elevation[j] - _net.Options.MinimumPressure)) / hgrad * _relax;
                _demandFlow[j] -= dq;
                qsum += Math.Abs(_demandFlow[j]);
                dqsum += Math.Abs(dq);
            }
        }
        return qsum > _net.Options.Accuracy * Units.CubicMetersPerCubicFoot ? dqsum / qsum : dqsum;
    }

    // ---- status checks (hydstatus.c) --------------------------------------------------------------------

    /// <summary>EPANET valvestatus(): PRVs and PSVs with a setting.</summary>
    private bool ValveStatus()
    {
        bool change = false;
        for (int k = _net.PipeCount + _net.PumpCount; k < _m; k++)
        {
            if (double.IsNaN(Setting[k])) continue;
            var type = _net.Type[k];
            if (type is not (EpsLinkType.PRV or EpsLinkType.PSV)) continue;
            int n1 = _net.From[k], n2 = _net.To[k];
            var s = Status[k];
            Status[k] = type == EpsLinkType.PRV
                ? PrvStatus(k, s, _net.Elevation[n2] + Setting[k], Head[n1], Head[n2])
                : PsvStatus(k, s, _net.Elevation[n1] + Setting[k], Head[n1], Head[n2]);
            if (Status[k] != s) change = true;
        }
        return change;
    }

    private EpsStatus PrvStatus(int k, EpsStatus s, double hset, double h1, double h2) =>
        FromValveState(LinkStatusRules.PressureReducingValveState(ToValveState(s), hset, h1, h2, Flow[k], _net.MinorLoss[k]), s, EpsStatus.OpenCannotHold);

    private EpsStatus PsvStatus(int k, EpsStatus s, double hset, double h1, double h2) =>
        FromValveState(LinkStatusRules.PressureSustainingValveState(ToValveState(s), hset, h1, h2, Flow[k], _net.MinorLoss[k]), s, EpsStatus.OpenCannotHold);

    /// <summary>A valve's status as the shared valve rules (<see cref="LinkStatusRules"/>) take it, the lanes' valve states.</summary>
    private static int ToValveState(EpsStatus s) => s switch
    {
        EpsStatus.Open => 0,
        EpsStatus.Active => GgaLaneSolver.ValveActive,
        EpsStatus.Closed => GgaLaneSolver.ClosedByStatus,
        EpsStatus.OpenCannotHold or EpsStatus.OpenBelowSetting => GgaLaneSolver.ValveCannotHold,
        _ => GgaLaneSolver.ValveTempClosed,
    };

    /// <summary>The status of valve state <paramref name="state"/>, <paramref name="unchanged"/> when the rules kept <paramref name="unchanged"/>'s; <paramref name="cannotHold"/> names XPRESSURE or XFCV.</summary>
    private static EpsStatus FromValveState(int state, EpsStatus unchanged, EpsStatus cannotHold) =>
        state == ToValveState(unchanged) ? unchanged : state switch
        {
            0 => EpsStatus.Open,
            GgaLaneSolver.ValveActive => EpsStatus.Active,
            GgaLaneSolver.ClosedByStatus => EpsStatus.Closed,
            GgaLaneSolver.ValveCannotHold => cannotHold,
            _ => unchanged,
        };

    /// <summary>EPANET linkstatus(): check valves, pumps, FCVs and links to full or empty tanks.</summary>
    private bool CheckLinkStatus()
    {
        bool change = false;
        double htol = GgaConstants.Htol;
        for (int k = 0; k < _m; k++)
        {
            int n1 = _net.From[k], n2 = _net.To[k];
            double dh = Head[n1] - Head[n2];
            var status = Status[k];
            if (status is EpsStatus.ClosedHead or EpsStatus.TempClosed) Status[k] = EpsStatus.Open;
            var type = _net.Type[k];
            if (type == EpsLinkType.CheckValvePipe) Status[k] = CheckValveStatus(Status[k], dh, Flow[k]);
            if (type == EpsLinkType.Pump && Status[k] >= EpsStatus.Open && Setting[k] > 0)
            {
                var pump = _net.Pumps[_net.PumpOf[k]];
                double hmax = pump.Kind == EpsPumpKind.ConstantPower ? double.MaxValue : Setting[k] * Setting[k] * pump.ShutoffHead;
                if (-dh > hmax + htol) Status[k] = EpsStatus.ClosedHead;
            }
            if (type == EpsLinkType.FCV && !double.IsNaN(Setting[k]))
            {
                int next = LinkStatusRules.FlowControlValveState(ToValveState(status), dh, Flow[k], Setting[k]);
                if (next != ToValveState(status)) Status[k] = FromValveState(next, status, EpsStatus.OpenBelowSetting);
            }
            if (n1 >= _nj + _net.ReservoirCount || n2 >= _nj + _net.ReservoirCount) TankLinkStatus(k, n1, n2);
            if (Status[k] != status) change = true;
        }
        return change;
    }

    private static EpsStatus CheckValveStatus(EpsStatus s, double dh, double q)
    {
        double htol = GgaConstants.Htol, qtol = GgaConstants.Qtol;
        if (Math.Abs(dh) > htol)
        {
            if (dh < -htol) return EpsStatus.Closed;
            return q < -qtol ? EpsStatus.Closed : EpsStatus.Open;
        }
        return q < -qtol ? EpsStatus.Closed : s;
    }

    /// <summary>
    /// EPANET 2.2 tankstatus(): no flow into a full tank or out of an empty one. Only one end is checked: the start
    /// node when it is a reservoir or tank, else the end node; so a link between two tanks follows its start tank
    /// alone, and a link from a reservoir into a tank is never closed by the tank (EPANET 2.2, hydstatus.c).
    /// </summary>
    private void TankLinkStatus(int k, int n1, int n2)
    {
        if (Status[k] <= EpsStatus.Closed) return;
        int tankNode = _net.TankCheckedBy(k);
        if (tankNode < 0) return;
        int other = tankNode == n1 ? n2 : n1;
        double q = tankNode == n1 ? Flow[k] : -Flow[k];
        var tank = _net.Tanks[tankNode - _nj - _net.ReservoirCount];
        double htol = GgaConstants.Htol;
        double h = Head[tankNode] - Head[other];
        bool pump = _net.Type[k] == EpsLinkType.Pump;
        if (Head[tankNode] >= tank.MaxHead - htol && !tank.CanOverflow)
        {
            if (pump) { if (_net.To[k] == tankNode) Status[k] = EpsStatus.TempClosed; }
            else if (CheckValveStatus(EpsStatus.Open, h, q) == EpsStatus.Closed) Status[k] = EpsStatus.TempClosed;
        }
        if (Head[tankNode] <= tank.MinHead + htol)
        {
            if (pump) { if (_net.From[k] == tankNode) Status[k] = EpsStatus.TempClosed; }
            // EPANET 2.2: closed when a closed check valve from the tank would open, i.e. the tank's head is above the
            // other end's by more than HTOL with no inflow; within HTOL the link stays open even if it drains the tank.
            else if (CheckValveStatus(EpsStatus.Closed, h, q) == EpsStatus.Open) Status[k] = EpsStatus.TempClosed;
        }
    }

    /// <summary>EPANET pswitch(): controls on junction pressure, checked once the solution converges.</summary>
    private bool PressureSwitch()
    {
        bool any = false;
        foreach (var c in _net.Controls)
        {
            if (c.Node < 0 || c.Node >= _nj) continue;
            bool reset = (c.Condition == ControlCondition.LowLevel && Head[c.Node] <= c.Grade + GgaConstants.Htol)
                || (c.Condition == ControlCondition.HighLevel && Head[c.Node] >= c.Grade - GgaConstants.Htol);
            if (!reset) continue;
            int k = c.Link;
            var type = _net.Type[k];
            var s = Status[k];
            bool change = type switch
            {
                EpsLinkType.Pipe or EpsLinkType.CheckValvePipe => s != c.Status,
                EpsLinkType.Pump => !SameSetting(Setting[k], c.Setting),
                _ => !SameSetting(Setting[k], c.Setting) || (double.IsNaN(Setting[k]) && s != c.Status),
            };
            if (!change) continue;
            Status[k] = c.Status;
            if (type > EpsLinkType.CheckValvePipe) Setting[k] = c.Setting;
            any = true;
        }
        return any;
    }

    // ---- settings (hydraul.c setlinkstatus / setlinksetting) ----------------------------------------------

    internal void SetLinkStatus(int k, bool open)
    {
        var type = _net.Type[k];
        if (type == EpsLinkType.Pump && open && Status[k] == EpsStatus.Closed) ResetPumpFlow(k);
        if (type == EpsLinkType.Pump) Setting[k] = open ? 1.0 : 0.0;
        if (type > EpsLinkType.Pump && type != EpsLinkType.GPV) Setting[k] = double.NaN;
        Status[k] = open ? EpsStatus.Open : EpsStatus.Closed;
    }

    internal void SetLinkSetting(int k, double value)
    {
        var type = _net.Type[k];
        if (type == EpsLinkType.Pump)
        {
            Setting[k] = value;
            if (value > 0 && Status[k] <= EpsStatus.Closed)
            {
                ResetPumpFlow(k);
                Status[k] = EpsStatus.Open;
            }
            if (value == 0 && Status[k] > EpsStatus.Closed) Status[k] = EpsStatus.Closed;
        }
        else if (type == EpsLinkType.FCV)
        {
            Setting[k] = value;
            Status[k] = EpsStatus.Active;
        }
        else
        {
            if (double.IsNaN(Setting[k]) && Status[k] <= EpsStatus.Closed) Status[k] = EpsStatus.Open;
            Setting[k] = value;
        }
    }

    /// <summary>
    /// EPANET 2.2 resetpumpflow(): a constant-power pump that reopens starts from its initial flow (1 cfs) again. From the
    /// near-zero flow it had while closed its head R·s³/Q would be huge, and the solve could settle elsewhere.
    /// </summary>
    private void ResetPumpFlow(int k)
    {
        int u = _net.PumpOf[k];
        if (u >= 0 && _net.Pumps[u].Kind == EpsPumpKind.ConstantPower) Flow[k] = _net.Pumps[u].DesignFlow;
    }

    // ---- the clock (hydraul.c nexthyd / timestep) --------------------------------------------------------

    /// <summary>
    /// Advances to the next hydraulic time (EPANET nexthyd): the step ends at the next hydraulic step, pattern period,
    /// report time, tank filling or draining, or control action, whichever is first; rules are evaluated every rule step
    /// inside it. Tank levels and pump energy are updated. Returns the step taken (0 at the end of the run).
    /// </summary>
    public long Advance()
    {
        long duration = (long)_net.Times.Duration;
        if (Time >= duration)
        {
            if (duration == 0) Energy.Add(this, 0, Time, snapshot: true);
            return 0;
        }
        long step = TimeStep();
        Energy.Add(this, step, Time, snapshot: false);
        Time += step;
        if (Time >= _nextReport) _nextReport += (long)_net.Times.ReportStep;
        return step;
    }

    private long TimeStep()
    {
        var times = _net.Times;
        long step = (long)times.EffectiveHydraulicStep;
        long pstep = Math.Max(1L, (long)times.PatternStep);
        // EPANET 2.2 timestep() takes the time to the next pattern period n = (Htime + Pstart)/Pstep + 1 as
        // n·Pstep − Htime, without taking PATTERN START off again: with a start that is not a multiple of the pattern
        // step (1:15 on 1:00) no period ends where the multipliers change; they change at the next hydraulic time.
        // Ours does the same, so that both solve at the same times.
        long t = ((Time + (long)times.PatternStart) / pstep + 1) * pstep - Time;
        if (t > 0 && t < step) step = t;
        t = _nextReport - Time;
        if (t > 0 && t < step) step = t;
        TankTimeStep(ref step);
        ControlTimeStep(ref step);
        if (_net.Rules.Length > 0) RuleTimeStep(ref step);
        else TankLevels(step);
        return step;
    }

    private void TankTimeStep(ref long step)
    {
        for (int t = 0; t < _net.TankCount; t++)
        {
            var tank = _net.Tanks[t];
            double h = Head[tank.Node], q = Demand[tank.Node], v;
            if (Math.Abs(q) <= GgaConstants.QZero) continue;
            if (q > 0 && h < tank.MaxHead) v = tank.MaxVolume - TankVolume[t];
            else if (q < 0 && h > tank.MinHead) v = tank.MinVolume - TankVolume[t];
            else continue;
            long dt = (long)Math.Round(v / q, MidpointRounding.AwayFromZero);
            if (dt > 0 && dt < step) step = dt;
        }
    }

    private void ControlTimeStep(ref long step)
    {
        int firstTank = _nj + _net.ReservoirCount;
        foreach (var c in _net.Controls)
        {
            long t = 0;
            if (c.Node >= 0)
            {
                if (c.Node < firstTank) continue;
                var tank = _net.Tanks[c.Node - firstTank];
                double h = Head[c.Node], q = Demand[c.Node];
                if (Math.Abs(q) <= GgaConstants.QZero) continue;
                if ((h < c.Grade && c.Condition == ControlCondition.HighLevel && q > 0)
                    || (h > c.Grade && c.Condition == ControlCondition.LowLevel && q < 0))
                {
                    double v = tank.Volume(c.Grade) - TankVolume[c.Node - firstTank];
                    t = (long)Math.Round(v / q, MidpointRounding.AwayFromZero);
                }
            }
            if (c.Condition == ControlCondition.Timer && (long)c.Time > Time) t = (long)c.Time - Time;
            if (c.Condition == ControlCondition.TimeOfDay)
            {
                long t1 = ClockTime(Time), t2 = (long)c.Time;
                t = t2 >= t1 ? t2 - t1 : 86400 - t1 + t2;
            }
            if (t > 0 && t < step)
            {
                int k = c.Link;
                if ((_net.Type[k] > EpsLinkType.CheckValvePipe && !SameSetting(Setting[k], c.Setting)) || Status[k] != c.Status) step = t;
            }
        }
    }

    /// <summary>EPANET tanklevels(): volumes and heads after <paramref name="dt"/> seconds of the current inflows.</summary>
    private void TankLevels(long dt)
    {
        for (int t = 0; t < _net.TankCount; t++)
        {
            var tank = _net.Tanks[t];
            double q = Demand[tank.Node];
            double v = TankVolume[t] + q * dt;
            // Full or empty within the next second: EPANET 2.2 tests the minimum only when the maximum does not hold
            // (hydraulic.c tanklevels, `else if`); with two separate tests (EPANET 2.0) a tank whose whole range flows
            // in within a second would be set full and then back to empty.
            if (v + q >= tank.MaxVolume) v = tank.MaxVolume;
            else if (v - q <= tank.MinVolume) v = tank.MinVolume;
            TankVolume[t] = v;
            Head[tank.Node] = tank.Head(v);
        }
    }

    /// <summary>EPANET ruletimestep(): steps through the period in rule steps, updating tanks, until a rule fires.</summary>
    private void RuleTimeStep(ref long step)
    {
        long now = Time, end = now + step;
        long ruleStep = Math.Max(1L, (long)_net.Times.EffectiveRuleStep);
        long dt = Math.Min(ruleStep, step), dt1 = Math.Min(ruleStep - now % ruleStep, step);
        if (dt1 == 0) dt1 = dt;
        do
        {
            Time += dt1;
            TankLevels(dt1);
            if (CheckRules(dt1)) break;
            dt = Math.Min(dt, end - Time);
            dt1 = dt;
        }
        while (dt > 0);
        step = Time - now;
        Time = now;
    }

    private bool CheckRules(long dt)
    {
        long windowStart = Time - dt + 1;
        var actions = new List<(EpsRuleAction Action, double Priority)>();
        foreach (var rule in _net.Rules)
        {
            var list = EvaluatePremises(rule, windowStart) ? rule.Then : rule.Else;
            foreach (var a in list)
            {
                int existing = actions.FindIndex(x => x.Action.Link == a.Link);
                if (existing < 0) actions.Add((a, rule.Priority));
                else if (rule.Priority > actions[existing].Priority) actions[existing] = (a, rule.Priority);
            }
        }
        int fired = 0;
        foreach (var (a, _) in actions)
        {
            int k = a.Link;
            var s = Status[k];
            if (a.Status == EpsStatus.Open && s <= EpsStatus.Closed) { SetLinkStatus(k, true); fired++; }
            else if (a.Status == EpsStatus.Closed && s > EpsStatus.Closed) { SetLinkStatus(k, false); fired++; }
            else if (!double.IsNaN(a.Setting) && (double.IsNaN(Setting[k]) || Math.Abs(a.Setting - Setting[k]) > ActionTolerance(k)))
            {
                SetLinkSetting(k, a.Setting);
                fired++;
            }
        }
        return fired > 0;
    }

    private bool EvaluatePremises(EpsRule rule, long windowStart)
    {
        bool result = true;
        foreach (var p in rule.Premises)
        {
            if (p.Logic == RuleLogic.Or)
            {
                if (!result) result = CheckPremise(p, windowStart);
            }
            else
            {
                if (!result) return false;
                result = CheckPremise(p, windowStart);
            }
        }
        return result;
    }

    private bool CheckPremise(EpsRulePremise p, long windowStart)
    {
        if (p.Variable is RuleVariable.Time or RuleVariable.ClockTime) return CheckTime(p, windowStart);
        if (p.Variable == RuleVariable.Status) return CheckStatus(p);
        double x;
        int i = p.Index;
        int firstTank = _nj + _net.ReservoirCount;
        switch (p.Variable)
        {
            case RuleVariable.Demand: x = p.Object == RuleObject.System ? _systemDemand : Demand[i]; break;
            case RuleVariable.Head:
            case RuleVariable.Grade: x = Head[i]; break;
            case RuleVariable.Pressure:
            case RuleVariable.Level: x = Head[i] - _net.Elevation[i]; break;
            case RuleVariable.Flow: x = Math.Abs(Flow[i]); break;
            case RuleVariable.Setting:
                if (double.IsNaN(Setting[i])) return false;
                x = Setting[i];
                break;
            case RuleVariable.FillTime:
            case RuleVariable.DrainTime:
            {
                if (i < firstTank) return false;
                var tank = _net.Tanks[i - firstTank];
                double q = Demand[i], v = TankVolume[i - firstTank];
                if (p.Variable == RuleVariable.FillTime)
                {
                    if (q <= Tiny) return false;
                    x = (tank.MaxVolume - v) / q;
                }
                else
                {
                    if (q >= -Tiny) return false;
                    x = (tank.MinVolume - v) / q;
                }
                break;
            }
            default: return false;
        }
        double tol = p.Tolerance;
        return p.Operator switch
        {
            RuleOperator.Equal => Math.Abs(x - p.Value) <= tol,
            RuleOperator.NotEqual => Math.Abs(x - p.Value) >= tol,
            RuleOperator.Less => x <= p.Value + tol,
            RuleOperator.LessOrEqual => x <= p.Value - tol,
            RuleOperator.Greater => x >= p.Value - tol,
            _ => x >= p.Value + tol,
        };
    }

    private bool CheckTime(EpsRulePremise p, long windowStart)
    {
        long t1 = windowStart, t2 = Time;
        if (p.Variable == RuleVariable.ClockTime)
        {
            t1 = ClockTime(t1);
            t2 = ClockTime(t2);
        }
        long x = (long)p.Value;
        switch (p.Operator)
        {
            case RuleOperator.Less: return t2 < x;
            case RuleOperator.LessOrEqual: return t2 <= x;
            case RuleOperator.Greater: return t2 > x;
            case RuleOperator.GreaterOrEqual: return t2 >= x;
            default:
                bool inside = t2 < t1 ? x >= t1 || x <= t2 : x >= t1 && x <= t2;
                return p.Operator == RuleOperator.Equal ? inside : !inside;
        }
    }

    private bool CheckStatus(EpsRulePremise p)
    {
        var s = Status[p.Index];
        // Compare as EPANET does: closed (any closed state), active, or open.
        int actual = s <= EpsStatus.Closed ? 0 : s == EpsStatus.Active ? 2 : 1;
        int wanted = p.ActiveStatus ? 2 : p.Status == LinkStatus.Closed ? 0 : 1;
        return p.Operator == RuleOperator.Equal ? actual == wanted : p.Operator == RuleOperator.NotEqual && actual != wanted;
    }

    /// <summary>
    /// Junctions with no path of open links to a reservoir or tank (EPANET disconnected()): their heads are not
    /// meaningful. Returns how many, and the first one's index in <paramref name="first"/> (−1 for none).
    /// </summary>
    public int CountDisconnected(out int first)
    {
        _reached ??= new bool[_n];
        _queue ??= new int[_n];
        Array.Clear(_reached);
        int head = 0, tail = 0;
        for (int i = _nj; i < _n; i++) { _reached[i] = true; _queue[tail++] = i; }
        while (head < tail)
        {
            int i = _queue[head++];
            for (int e = _net.NodeLinkStart[i]; e < _net.NodeLinkStart[i + 1]; e++)
            {
                int k = _net.NodeLinks[e];
                if (Status[k] <= EpsStatus.Closed) continue;
                int other = _net.From[k] == i ? _net.To[k] : _net.From[k];
                if (_reached[other]) continue;
                _reached[other] = true;
                _queue[tail++] = other;
            }
        }
        int count = 0;
        first = -1;
        for (int j = 0; j < _nj; j++)
        {
            if (_reached[j]) continue;
            if (count++ == 0) first = j;
        }
        return count;
    }

    private bool[]? _reached;

    /// <summary>Whether <see cref="CountDisconnected"/> (the last call) reached node <paramref name="node"/>.</summary>
    public bool IsConnected(int node) => _reached is null || _reached[node];
    private int[]? _queue;

    /// <summary>The period's results for the water-quality engine.</summary>
    public HydraulicPeriod Snapshot(long duration) =>
        new(Time, duration, (double[])Head.Clone(), (double[])Demand.Clone(), (double[])Flow.Clone(), (EpsStatus[])Status.Clone());
}
