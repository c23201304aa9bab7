using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Quality;

/// <summary>
/// Single-species water quality over the hydraulic periods of an extended-period run, as EPANET 2.2 computes it
/// (quality.c, qualroute.c, qualreact.c): Lagrangian time-driven transport. Each pipe holds a chain of volume
/// segments; every quality step the segments react, then nodes are visited in topological order of flow (sorted
/// again whenever a flow direction changes), each consuming its inflow links' leading segments, mixing them (a tank
/// through its mixing model), adding any source, and feeding its outflow links a new upstream segment, merged into
/// the last one when their qualities differ by less than the tolerance. State is reused between runs (segment pool),
/// so one solver per network serves a whole batch. It computes in EPANET's internal units (see
/// <see cref="QualityNetwork"/>) with each period's flows and demands rounded to single precision in cfs, as EPANET's
/// quality routing reads them back from its hydraulics file.
/// </summary>
public sealed class QualitySolver
{
    private readonly QualityNetwork _q;
    private readonly EpsNetwork _net;
    private readonly int _junctions, _fixedEnd, _links;
    private readonly SegmentPool _seg = new();
    private readonly int[] _first, _last;
    private readonly double[] _nodeQual, _tankC;
    private readonly sbyte[] _dir;
    private readonly double[] _flow, _demand;
    private readonly double[] _wallRate;
    private readonly int[] _sorted, _indegree, _stack;
    private long _periodStart;
    private bool _sortedOnce;

    public QualitySolver(QualityNetwork quality)
    {
        _q = quality;
        _net = quality.Network;
        _junctions = _net.JunctionCount;
        _fixedEnd = _net.JunctionCount + _net.ReservoirCount;
        _links = _net.LinkCount;
        int n = _net.NodeCount, chains = _links + _net.TankCount;
        _first = new int[chains];
        _last = new int[chains];
        _nodeQual = new double[n];
        _tankC = new double[_net.TankCount];
        _dir = new sbyte[_links];
        _flow = new double[_links];
        _demand = new double[n];
        _wallRate = new double[_links];
        _sorted = new int[n];
        _indegree = new int[n];
        _stack = new int[n];
    }

    public QualityNetwork Quality => _q;

    /// <summary>Current quality of node <paramref name="node"/> (mass/L, hours or percent), as EPANET reports it.</summary>
    public double NodeQuality(int node) => _nodeQual[node] * _q.QualityFactor;

    /// <summary>Current quality of link <paramref name="link"/>: EPANET's average over its segments.</summary>
    public double LinkQuality(int link) => AverageQuality(link) * _q.QualityFactor;

    /// <summary>
    /// Runs quality through <paramref name="periods"/> (in time order, as <see cref="ExtendedPeriodSimulation"/> keeps
    /// them) and writes <see cref="EpsStep.NodeQuality"/> and <see cref="EpsStep.LinkQuality"/> of every step whose time
    /// starts a period (every report time does). Arrays already on a step with the right length are reused.
    /// </summary>
    /// <exception cref="InvalidInputException">A step's time starts no period.</exception>
    public void Run(IReadOnlyList<HydraulicPeriod> periods, IReadOnlyList<EpsStep> steps)
    {
        Reset();
        int s = 0;
        foreach (var period in periods)
        {
            long time = (long)period.Time;
            if (s < steps.Count && steps[s].Time < time)
                throw new InvalidInputException($"water quality: report time {steps[s].Time} s does not start a hydraulic period");
            if (s < steps.Count && steps[s].Time == time) Record(steps[s++]);
            long duration = (long)period.Duration;
            if (duration <= 0) continue;
            BeginPeriod(period);
            // EPANET nextqual: quality steps of Qstep up to the next hydraulic event, the last one shorter.
            for (long done = 0; done < duration;)
            {
                long dt = Math.Min(_q.QualityStep, duration - done);
                done += dt;
                Transport(dt);
            }
        }
    }

    /// <summary>EPANET initqual and initsegs: initial node, tank and pipe qualities.</summary>
    public void Reset()
    {
        int n = _net.NodeCount;
        bool trace = _q.Mode == QualityMode.Trace;
        for (int i = 0; i < n; i++) _nodeQual[i] = trace ? 0.0 : _q.InitialQuality[i];
        for (int t = 0; t < _tankC.Length; t++) _tankC[t] = _nodeQual[_fixedEnd + t];
        if (trace) _nodeQual[_q.TraceNode] = 100.0;

        _seg.Clear();
        Array.Fill(_first, -1);
        Array.Fill(_last, -1);
        // A pipe starts as one segment at its downstream node's quality; pumps, valves and (EPANET 2.2) check-valve
        // pipes start empty.
        for (int k = 0; k < _links; k++)
        {
            if (_q.PlainPipe[k]) AddSegment(k, _q.LinkVolume[k], _nodeQual[_net.To[k]]);
        }
        for (int t = 0; t < _tankC.Length; t++)
        {
            int chain = _links + t;
            double c = _q.InitialQuality[_fixedEnd + t], v = _q.InitialVolume[t];
            AddSegment(chain, v, c);
            if (_q.Mixing[t] == MixingModel.TwoCompartment)
            {
                // First segment: stagnant zone (what exceeds the mixing zone); last: mixing zone.
                double stagnant = Math.Max(0, v - _q.MixingZoneVolume[t]);
                _seg.V[_first[chain]] = stagnant;
                AddSegment(chain, v - stagnant, c);
            }
        }
        Array.Clear(_dir);
        Array.Clear(_wallRate);
        _sortedOnce = false;
    }

    private void BeginPeriod(HydraulicPeriod period)
    {
        _periodStart = (long)period.Time;
        // EPANET's hydraulics file: single-precision cfs, a closed link's flow zero.
        for (int i = 0; i < _demand.Length; i++) _demand[i] = (float)(period.Demand[i] / QualityNetwork.CubicFoot);
        for (int k = 0; k < _links; k++) _flow[k] = period.Status[k] <= EpsStatus.Closed ? 0.0 : (float)(period.Flow[k] / QualityNetwork.CubicFoot);
        if (_q.Reactive && _q.Mode != QualityMode.Age) RateCoefficients();
        if (FlowDirectionChanged() || !_sortedOnce) SortNodes();
    }

    private void Record(EpsStep step)
    {
        int n = _net.NodeCount;
        var nodes = step.NodeQuality is { } a && a.Length == n ? a : new double[n];
        for (int i = 0; i < n; i++) nodes[i] = _nodeQual[i] * _q.QualityFactor;
        var links = step.LinkQuality is { } b && b.Length == _links ? b : new double[_links];
        for (int k = 0; k < _links; k++) links[k] = AverageQuality(k) * _q.QualityFactor;
        step.NodeQuality = nodes;
        step.LinkQuality = links;
    }

    /// <summary>EPANET avgqual: volume-weighted quality of a link's segments, else the mean of its end nodes.</summary>
    private double AverageQuality(int link)
    {
        double vsum = 0, msum = 0;
        for (int s = _first[link]; s >= 0; s = _seg.Prev[s])
        {
            vsum += _seg.V[s];
            msum += _seg.C[s] * _seg.V[s];
        }
        return vsum > 0 ? msum / vsum : (_nodeQual[_net.From[link]] + _nodeQual[_net.To[link]]) / 2;
    }

    // ---- transport (EPANET qualroute.c) ----

    private void Transport(long dt)
    {
        if (_q.Reactive)
        {
            ReactPipes(dt);
            ReactTanks(dt);
        }
        var start = _q.AdjacencyStart;
        var adjacent = _q.AdjacentLink;
        var from = _net.From;
        var to = _net.To;
        for (int j = 0; j < _sorted.Length; j++)
        {
            int n = _sorted[j];
            double volin = 0, massin = 0, volout = 0;
            for (int a = start[n]; a < start[n + 1]; a++)
            {
                int k = adjacent[a];
                int downstream = _dir[k] < 0 ? from[k] : to[k];
                if (downstream == n) NodeInflow(k, dt, ref volin, ref massin);
                else volout += Math.Abs(_flow[k]);
            }
            if (n < _junctions) volout += Math.Max(0.0, _demand[n]);
            volout *= dt;
            double quality = FindNodeQuality(n, volin, massin, volout, dt);
            for (int a = start[n]; a < start[n + 1]; a++)
            {
                int k = adjacent[a];
                int upstream = _dir[k] < 0 ? to[k] : from[k];
                if (upstream == n) NodeOutflow(k, quality, dt);
            }
        }
    }

    /// <summary>EPANET evalnodeinflow: moves a link's flow volume over the step out of its leading segments.</summary>
    private void NodeInflow(int k, long dt, ref double volin, ref double massin)
    {
        double v = Math.Abs(_flow[k]) * dt;
        while (v > 0.0)
        {
            int s = _first[k];
            if (s < 0) break;
            double vseg = Math.Min(_seg.V[s], v);
            volin += vseg;
            massin += vseg * _seg.C[s];
            v -= vseg;
            if (v >= 0.0 && vseg >= _seg.V[s])
            {
                _first[k] = _seg.Prev[s];
                if (_first[k] < 0) _last[k] = -1;
                _seg.Release(s);
            }
            else _seg.V[s] -= vseg;
        }
    }

    /// <summary>EPANET findnodequal: the quality a node sends downstream, updating the node's own quality.</summary>
    private double FindNodeQuality(int n, double volin, double massin, double volout, long dt)
    {
        bool junction = n < _junctions, tank = n >= _fixedEnd;
        if (junction)
        {
            // External inflow (negative demand) dilutes.
            volin -= Math.Min(0.0, _demand[n]) * dt;
            if (volin > 0.0) _nodeQual[n] = massin / volin;
            else if (_q.Reactive) _nodeQual[n] = NoFlowQuality(n);
        }
        else if (tank)
        {
            _nodeQual[n] = MixTank(n - _fixedEnd, volin, massin, volout);
        }

        if (_q.Mode == QualityMode.Trace)
        {
            if (n == _q.TraceNode) _nodeQual[n] = 100.0;
            return _nodeQual[n];
        }
        // A source adds to a junction's quality and to a tank's outflow; it replaces a reservoir's quality.
        double added = SourceQuality(n, volout, dt);
        if (added == 0.0) return _nodeQual[n];
        if (junction) return _nodeQual[n] += added;
        if (tank) return _nodeQual[n] + added;
        return _nodeQual[n] = added;
    }

    /// <summary>EPANET noflowqual: a junction without inflow takes the mean quality of its links' adjacent segments.</summary>
    private double NoFlowQuality(int n)
    {
        double c = 0;
        int count = 0;
        for (int a = _q.AdjacencyStart[n]; a < _q.AdjacencyStart[n + 1]; a++)
        {
            int k = _q.AdjacentLink[a];
            bool inflow = (_net.To[k] == n && _dir[k] >= 0) || (_net.From[k] == n && _dir[k] < 0);
            if (inflow && _first[k] >= 0)
            {
                c += _seg.C[_first[k]];
                count++;
            }
            else if (!inflow && _last[k] >= 0)
            {
                c += _seg.C[_last[k]];
                count++;
            }
        }
        return count > 0 ? c / count : 0.0;
    }

    /// <summary>EPANET evalnodeoutflow: the node's outflow volume enters the link's upstream end.</summary>
    private void NodeOutflow(int k, double c, long dt)
    {
        double v = Math.Abs(_flow[k]) * dt;
        if (v == 0.0) return;
        int s = _last[k];
        if (s >= 0 && Math.Abs(_seg.C[s] - c) < _q.Tolerance)
        {
            _seg.C[s] = (_seg.C[s] * _seg.V[s] + c * v) / (_seg.V[s] + v);
            _seg.V[s] += v;
        }
        else AddSegment(k, v, c);
    }

    /// <summary>EPANET addseg: a new last (most upstream) segment of a chain.</summary>
    private void AddSegment(int chain, double v, double c)
    {
        int s = _seg.Take(v, c);
        if (_first[chain] < 0) _first[chain] = s;
        if (_last[chain] >= 0) _seg.Prev[_last[chain]] = s;
        _last[chain] = s;
    }

    /// <summary>EPANET reversesegs: re-orients a chain when its flow reverses.</summary>
    private void ReverseSegments(int chain)
    {
        int s = _first[chain];
        _first[chain] = _last[chain];
        _last[chain] = s;
        int previous = -1;
        while (s >= 0)
        {
            int next = _seg.Prev[s];
            _seg.Prev[s] = previous;
            previous = s;
            s = next;
        }
    }

    /// <summary>
    /// EPANET findsourcequal: the concentration a chemical source adds to the node's outflow (none without outflow).
    /// The pattern period is that of the hydraulic period's start (EPANET's Qtime while nextqual routes it).
    /// </summary>
    private double SourceQuality(int n, double volout, long dt)
    {
        if (_q.Mode != QualityMode.Chemical) return 0.0;
        int kind = _q.SourceKind[n];
        if (kind < 0 || _q.SourceStrength[n] == 0.0) return 0.0;
        if (volout / dt <= QualityNetwork.StagnantFlow) return 0.0;
        var times = _net.Times;
        long period = (_periodStart + (long)times.PatternStart) / Math.Max(1L, (long)times.PatternStep);
        double c = _q.SourceStrength[n] * _net.Multiplier(_q.SourcePattern[n], period);
        switch ((SourceType)kind)
        {
            case SourceType.Concentration:
                // At a junction the strength is the concentration of the external inflow (negative demand).
                if (n < _junctions) c = _demand[n] < 0.0 ? -c * _demand[n] * dt / volout : 0.0;
                break;
            case SourceType.Mass:
                // mass/s spread over the outflow volume.
                c = c * dt / volout;
                break;
            case SourceType.Setpoint:
                c = Math.Max(c - _nodeQual[n], 0.0);
                break;
        }
        return c;
    }

    // ---- reactions (EPANET qualreact.c) ----

    /// <summary>EPANET ratecoeffs/piperate: each pipe's wall rate for this period's flow.</summary>
    private void RateCoefficients()
    {
        for (int k = 0; k < _links; k++)
        {
            double kw = _q.WallCoefficient[k];
            _wallRate[k] = kw != 0.0 ? PipeRate(k, kw) : 0.0;
        }
    }

    /// <summary>
    /// First-order wall: apparent rate (1/s) 4/D·kw·kf/(kf + |kw|) with the mass-transfer coefficient kf = Sh·Dm/D;
    /// zero-order wall: kf itself (m/s). Sh = 2 below Re 1, Notter–Sleicher 0.0149·Re^0.88·Sc^0.333 from Re 2300,
    /// else Graetz 3.65 + 0.0668·y/(1 + 0.04·y^0.667), y = D/L·Re·Sc (Rossman, Clark &amp; Grayman 1994).
    /// </summary>
    private double PipeRate(int k, double kw)
    {
        double d = _q.Diameter[k];
        if (_q.Schmidt == 0.0) return _q.WallOrder == 0.0 ? 1e10 : kw * (4.0 / d);
        double area = 3.141592654 * d * d / 4.0;
        double re = Math.Abs(_flow[k]) / area * d / _q.Viscosity;
        double sh;
        if (re < 1.0) sh = 2.0;
        else if (re >= 2300.0) sh = 0.0149 * Math.Pow(re, 0.88) * Math.Pow(_q.Schmidt, 0.333);
        else
        {
            double y = d / _q.Length[k] * re * _q.Schmidt;
            sh = 3.65 + 0.0668 * y / (1.0 + 0.04 * Math.Pow(y, 0.667));
        }
        double kf = sh * _q.Diffusivity / d;
        if (_q.WallOrder == 0.0) return kf;
        return 4.0 / d * kw * kf / (kf + Math.Abs(kw));
    }

    private void ReactPipes(long dt)
    {
        bool age = _q.Mode == QualityMode.Age;
        for (int k = 0; k < _links; k++)
        {
            if (!_q.PlainPipe[k]) continue;
            for (int s = _first[k]; s >= 0; s = _seg.Prev[s])
            {
                double c = _seg.C[s];
                if (age)
                {
                    _seg.C[s] = Math.Max(0.0, c + dt / 3600.0);
                    continue;
                }
                double dc = BulkRate(c, _q.BulkCoefficient[k], _q.BulkOrder) * _q.BulkUnits * dt + WallRate(c, k) * dt;
                _seg.C[s] = Math.Max(0.0, c + dc);
            }
        }
    }

    private void ReactTanks(long dt)
    {
        bool age = _q.Mode == QualityMode.Age;
        for (int t = 0; t < _tankC.Length; t++)
        {
            for (int s = _first[_links + t]; s >= 0; s = _seg.Prev[s])
            {
                double c = _seg.C[s];
                _seg.C[s] = Math.Max(0.0, c + (age ? dt / 3600.0 : BulkRate(c, _q.TankBulk[t], _q.TankOrder) * _q.TankUnits * dt));
            }
        }
    }

    /// <summary>
    /// EPANET bulkrate: zero order kb; Michaelis–Menten (order &lt; 0) kb·c/(CL + sgn(kb)·c); order n kb·c^n, or with
    /// a limiting potential CL kb·max(0, sgn(kb)·(CL − c))·c^(n−1) (times the order's unit factor by the caller).
    /// </summary>
    private double BulkRate(double c, double kb, double order)
    {
        double climit = _q.LimitingPotential;
        if (order == 0.0) c = 1.0;
        else if (order < 0.0)
        {
            const double tiny = 1e-6; // EPANET's TINY
            double c1 = climit + Math.Sign(kb) * c;
            if (Math.Abs(c1) < tiny) c1 = Math.Sign(c1) * tiny;
            c /= c1;
        }
        else
        {
            double c1 = climit == 0.0 ? c : Math.Max(0.0, Math.Sign(kb) * (climit - c));
            if (order == 1.0) c = c1;
            else if (order == 2.0) c = c1 * c;
            else c = c1 * Math.Pow(Math.Max(0.0, c), order - 1.0);
        }
        if (c < 0) c = 0;
        return kb * c;
    }

    /// <summary>EPANET wallrate (mass/ft³/s): first order c·rate; zero order 4/D·kw, limited by the mass transfer sgn(kw)·c·kf.</summary>
    private double WallRate(double c, int k)
    {
        double kw = _q.WallCoefficient[k];
        if (kw == 0.0) return 0.0;
        if (_q.WallOrder == 0.0)
        {
            double transfer = Math.Sign(kw) * c * _wallRate[k];
            if (Math.Abs(transfer) < Math.Abs(kw)) kw = transfer;
            return kw * 4.0 / _q.Diameter[k];
        }
        return c * _wallRate[k];
    }

    // ---- tanks (EPANET qualreact.c tankmix1..4) ----

    private double MixTank(int t, double vin, double win, double vout)
    {
        double vnet = vin - vout;
        switch (_q.Mixing[t])
        {
            case MixingModel.Mixed: MixComplete(t, vin, win, vnet); break;
            case MixingModel.TwoCompartment: MixTwoCompartment(t, vin, win, vnet); break;
            case MixingModel.Fifo: MixFifo(t, vin, win, vnet); break;
            default: MixLifo(t, vin, win, vnet); break;
        }
        return _tankC[t];
    }

    private void MixComplete(int t, double vin, double win, double vnet)
    {
        int s = _first[_links + t];
        if (s < 0) return;
        double vnew = _seg.V[s] + vin;
        if (vnew > 0.0) _seg.C[s] = (_seg.C[s] * _seg.V[s] + win) / vnew;
        _seg.V[s] = Math.Max(0.0, _seg.V[s] + vnet);
        _tankC[t] = _seg.C[s];
    }

    /// <summary>Two compartments: inflow and outflow pass through the mixing zone; it overflows into, and refills from, the stagnant zone.</summary>
    private void MixTwoCompartment(int t, double vin, double win, double vnet)
    {
        int chain = _links + t;
        int mix = _last[chain], stag = _first[chain];
        if (mix < 0 || stag < 0) return;
        var v = _seg.V;
        var c = _seg.C;
        double vmz = _q.MixingZoneVolume[t], vt = 0.0;
        if (vnet > 0.0)
        {
            vt = Math.Max(0.0, v[mix] + vnet - vmz);
            if (vin > 0.0) c[mix] = (c[mix] * v[mix] + win) / (v[mix] + vin);
            if (vt > 0.0) c[stag] = (c[stag] * v[stag] + c[mix] * vt) / (v[stag] + vt);
        }
        else if (vnet < 0.0)
        {
            if (v[stag] > 0.0) vt = Math.Min(v[stag], -vnet);
            if (vin + vt > 0.0) c[mix] = (c[mix] * v[mix] + win + c[stag] * vt) / (v[mix] + vin + vt);
        }
        if (vt > 0.0)
        {
            v[mix] = vmz;
            v[stag] = vnet > 0.0 ? v[stag] + vt : Math.Max(0.0, v[stag] - vt);
        }
        else
        {
            v[mix] = Math.Max(0.0, Math.Min(v[mix] + vnet, vmz));
            v[stag] = 0.0;
        }
        _tankC[t] = c[mix];
    }

    /// <summary>First in, first out: inflow joins the back, outflow leaves from the front.</summary>
    private void MixFifo(int t, double vin, double win, double vnet)
    {
        int chain = _links + t;
        if (_last[chain] < 0 || _first[chain] < 0) return;
        if (vin > 0.0)
        {
            double cin = win / vin;
            int last = _last[chain];
            if (Math.Abs(_seg.C[last] - cin) < _q.Tolerance) _seg.V[last] += vin;
            else AddSegment(chain, vin, cin);
        }
        var (vsum, wsum) = Withdraw(chain, vin - vnet);
        if (vsum > 0.0) _tankC[t] = wsum / vsum;
        else _tankC[t] = _first[chain] < 0 ? 0.0 : _seg.C[_first[chain]];
    }

    /// <summary>Last in, first out: inflow stacks on top, outflow leaves from the top.</summary>
    private void MixLifo(int t, double vin, double win, double vnet)
    {
        int chain = _links + t;
        if (_last[chain] < 0 || _first[chain] < 0) return;
        double cin = vin > 0.0 ? win / vin : 0.0;
        int last = _last[chain];
        _tankC[t] = _seg.C[last];
        if (vnet > 0.0)
        {
            if (Math.Abs(_seg.C[last] - cin) < _q.Tolerance) _seg.V[last] += vnet;
            else AddSegment(chain, vnet, cin);
            _tankC[t] = _seg.C[_last[chain]];
        }
        else if (vnet < 0.0)
        {
            // The top is the chain's last segment: withdraw from the reversed chain.
            ReverseSegments(chain);
            var (vsum, wsum) = Withdraw(chain, -vnet);
            ReverseSegments(chain);
            _tankC[t] = (wsum + win) / (vsum + vin);
        }
    }

    /// <summary>
    /// Takes <paramref name="volume"/> from a tank chain's first segments (EPANET tankmix3/4): used-up segments are
    /// recycled, but the last one stays and gives whatever is still asked for. Returns the volume and mass taken.
    /// </summary>
    private (double Volume, double Mass) Withdraw(int chain, double volume)
    {
        double vsum = 0, wsum = 0;
        while (volume > 0.0)
        {
            int s = _first[chain];
            if (s < 0) break;
            double vseg = Math.Min(_seg.V[s], volume);
            if (s == _last[chain]) vseg = volume;
            vsum += vseg;
            wsum += _seg.C[s] * vseg;
            volume -= vseg;
            if (volume >= 0.0 && vseg >= _seg.V[s])
            {
                if (_seg.Prev[s] >= 0)
                {
                    _first[chain] = _seg.Prev[s];
                    _seg.Release(s);
                }
            }
            else _seg.V[s] -= vseg;
        }
        return (vsum, wsum);
    }

    // ---- flow directions and node order (EPANET quality.c flowdirchanged, qualroute.c sortnodes) ----

    /// <summary>New flow directions (0 below EPANET's stagnant flow); a chain is reversed only on a sign change.</summary>
    private bool FlowDirectionChanged()
    {
        bool changed = false;
        for (int k = 0; k < _links; k++)
        {
            double q = _flow[k];
            sbyte dir = Math.Abs(q) < QualityNetwork.StagnantFlow ? (sbyte)0 : (sbyte)Math.Sign(q);
            if (dir * _dir[k] < 0) ReverseSegments(k);
            if (dir != _dir[k]) changed = true;
            _dir[k] = dir;
        }
        return changed;
    }

    /// <summary>Topological order of nodes along non-stagnant flow; a cycle is broken at the unsorted node nearest the last sorted ones.</summary>
    private void SortNodes()
    {
        _sortedOnce = true;
        int n = _net.NodeCount;
        Array.Clear(_indegree);
        for (int k = 0; k < _links; k++)
        {
            if (_dir[k] > 0) _indegree[_net.To[k]]++;
            else if (_dir[k] < 0) _indegree[_net.From[k]]++;
        }
        int stack = 0, sorted = 0;
        for (int i = 0; i < n; i++)
        {
            if (_indegree[i] == 0) _stack[stack++] = i;
        }
        var start = _q.AdjacencyStart;
        while (sorted < n)
        {
            if (stack == 0)
            {
                // Never −1: an unsorted node off the stack still has inflow.
                int j = CycleBreaker(sorted);
                if (j < 0) break;
                _indegree[j] = 0;
                _stack[stack++] = j;
            }
            int i = _stack[--stack];
            _sorted[sorted++] = i;
            for (int a = start[i]; a < start[i + 1]; a++)
            {
                int k = _q.AdjacentLink[a];
                if (_dir[k] == 0) continue;
                int down = _dir[k] < 0 ? _net.From[k] : _net.To[k];
                if (down != i && _indegree[down] > 0 && --_indegree[down] == 0) _stack[stack++] = down;
            }
        }
    }

    /// <summary>EPANET selectnonstacknode: a neighbour, still with inflow, of the most recently sorted node possible.</summary>
    private int CycleBreaker(int sorted)
    {
        for (int i = sorted - 1; i >= 0; i--)
        {
            int m = _sorted[i];
            for (int a = _q.AdjacencyStart[m]; a < _q.AdjacencyStart[m + 1]; a++)
            {
                int k = _q.AdjacentLink[a];
                int other = _net.From[k] == m ? _net.To[k] : _net.From[k];
                if (_indegree[other] > 0) return other;
            }
        }
        for (int i = 0; i < _indegree.Length; i++)
        {
            if (_indegree[i] > 0) return i;
        }
        return -1;
    }
}
