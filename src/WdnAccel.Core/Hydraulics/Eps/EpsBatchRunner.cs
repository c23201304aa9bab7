using WdnAccel.Core.Compute;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>
/// Many extended-period runs of one network through time together on a batched GGA backend (scalar, SIMD, ILGPU).
/// Each lane is one run with its own clock, tank levels, pump speeds and link statuses, kept in its own
/// <see cref="EpsSolver"/> and <see cref="EpsRunCursor"/>, so every step decision (patterns, controls, rules, tank
/// fill/empty events, report times, energy) is the scalar engine's code. Each round, every unfinished run's period
/// at its own time goes into one <see cref="HydraulicBatch"/> (demands, tank and reservoir heads, pump speeds, closed
/// links and full/empty-tank directions as per-lane inputs, warm-started from its last flows and statuses as EPANET
/// does), the backend solves them in one call, and each run takes its own step. Finished runs leave the batch and
/// waiting ones take their lanes; unfinished runs are packed at the front, so finished lanes cost nothing.
/// A period the batch does not converge (or finds singular) is solved again by the run's own engine, which also
/// knows EPANET's extra trials, so no run is scored on a failed solve.
/// </summary>
public sealed class EpsBatchRunner : IDisposable
{
    private readonly EpsNetwork _net;
    private readonly CompiledNetwork _compiled;
    private readonly IHydraulicSession _session;
    private readonly HydraulicBatch _batch;
    private readonly int _threads;

    /// <summary>Periods solved in the batch, and periods the runs' own engines solved again.</summary>
    public long BatchedPeriods { get; private set; }
    public long ScalarPeriods { get; private set; }
    /// <summary>Backend solves (rounds).</summary>
    public int Rounds { get; private set; }
    public int Lanes => _batch.Count;
    /// <summary>Seconds spent in the backend's solves (the rest of a run is the lanes' own clocks, on the host).</summary>
    public double SolveSeconds { get; private set; }

    /// <summary>
    /// Why <paramref name="net"/> cannot run batched (null when it can): the batched GGA models pipes, check valves,
    /// power-curve, custom-curve and constant-power pumps, reservoirs and tanks, emitters (their outflows carried from
    /// period to period, as EPANET's), pressure-driven demand, and controls on junction pressure (checked inside each
    /// lane's solve); valves stay with the scalar engine, and
    /// so do controls on junction pressure that open one pump at two different speeds.
    /// </summary>
    public static string? Unsupported(EpsNetwork net)
    {
        if (net.ValveCount > 0) return $"{net.ValveCount} valve(s)";
        foreach (var pump in PressureOpenings(net).GroupBy(c => c.Link))
        {
            if (pump.Select(c => c.Setting).Distinct().Count() > 1) return $"controls on junction pressure that open pump {net.LinkIds[pump.Key]} at different speeds";
        }
        return null;
    }

    /// <summary>The controls on junction pressure that open a pump (EPANET sets its setting, the speed, to theirs).</summary>
    private static IEnumerable<EpsControl> PressureOpenings(EpsNetwork net) =>
        net.Controls.Where(c => c.Node >= 0 && c.Node < net.JunctionCount && net.Type[c.Link] == EpsLinkType.Pump && c.Setting > 0);

    /// <summary>Per link: the speed controls on junction pressure open the pump at (NaN: no such control).</summary>
    private readonly double[] _openingSpeed;
    /// <summary>Per lane, this round: a pump runs at a speed other than the one a pressure control would set, which the lane cannot change, so the run's own engine solves the period.</summary>
    private readonly bool[] _ownEngine;

    /// <summary>Compiles the batched network; throws <see cref="InvalidInputException"/> with the reason when it cannot run batched.</summary>
    public EpsBatchRunner(EpsNetwork net, IComputeBackend backend, int lanes, int threads, string? file = null)
    {
        if (Unsupported(net) is { } why) throw new InvalidInputException($"the batched extended-period runner does not model {why}", file);
        _net = net;
        // Every link open and every pump at speed 1 in the shared tables: which links are closed, and at what speed the
        // pumps run, is each lane's own input (LinkState, PumpSpeed), as controls change it through time.
        var source = net.Source with
        {
            Pipes = net.Source.Pipes.Select(p => p.Status == LinkStatus.Closed ? p with { Status = LinkStatus.Open } : p).ToArray(),
            Pumps = net.Source.Pumps.Select(p => p with { Status = LinkStatus.Open, Speed = 1.0, PatternId = null }).ToArray(),
        };
        _compiled = CompiledNetwork.Compile(source, file: file, lanesSetTimeZero: true);
        if (Math.Abs(_compiled.Accuracy - net.Options.Accuracy) > 0 || _compiled.MaxTrials != net.Options.MaxTrials)
            throw new InvalidInputException("the batched extended-period runner needs ACCURACY and TRIALS within the snapshot solver's limits", file);
        lanes = Math.Clamp(lanes, 1, HydraulicBatch.MaxLanes(_compiled));
        _session = backend.OpenHydraulicSession(_compiled, lanes);
        _batch = new HydraulicBatch(_compiled, lanes) { WarmStart = true };
        _threads = threads > 0 ? threads : Environment.ProcessorCount;
        _openingSpeed = new double[net.LinkCount];
        Array.Fill(_openingSpeed, double.NaN);
        foreach (var c in PressureOpenings(net)) _openingSpeed[c.Link] = c.Setting;
        _ownEngine = new bool[lanes];
    }

    /// <summary>
    /// Runs <paramref name="count"/> runs: <paramref name="start"/>(i, solver) prepares run i on a recycled solver and
    /// returns its cursor (which resets the solver); <paramref name="finish"/>(i, cursor) is called once run i has
    /// ended, before its solver is reused.
    /// </summary>
    /// <param name="networkOf">
    /// Optional: run i's own compiled network (a design: the same network with other pipe diameters, e.g. through
    /// <see cref="EpsNetwork.SetPipe"/>). Its solver is built on it, and its pipe diameters are the lane's
    /// <see cref="HydraulicBatch.Diameter"/>; topology, pumps, tanks and controls must be this runner's network's.
    /// </param>
    public void Run(int count, Func<int, EpsSolver, EpsRunCursor> start, Action<int, EpsRunCursor> finish, Func<int, EpsNetwork>? networkOf = null)
    {
        try { RunLanes(count, start, finish, networkOf); }
        finally
        {
            if (networkOf is not null)
            {
                // Back to the shared network's diameters for a later run without designs.
                int k = _batch.Count;
                for (int p = 0; p < _net.PipeCount; p++) Array.Fill(_batch.Diameter, _net.Diameter[p], p * k, k);
            }
        }
    }

    private EpsSolver NewSolver(int index, Func<int, EpsNetwork>? networkOf)
    {
        if (networkOf is null) return new EpsSolver(_net);
        var net = networkOf(index);
        if (net.PipeCount != _net.PipeCount || net.LinkCount != _net.LinkCount || net.NodeCount != _net.NodeCount)
            throw new ArgumentException($"run {index}'s network is not a design of the runner's network (other pipes, links or nodes)", nameof(networkOf));
        return new EpsSolver(net);
    }

    private void RunLanes(int count, Func<int, EpsSolver, EpsRunCursor> start, Action<int, EpsRunCursor> finish, Func<int, EpsNetwork>? networkOf)
    {
        var idle = new Stack<EpsSolver>();
        var active = new List<(int Index, EpsRunCursor Cursor)>(_batch.Count);
        int next = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = _threads };
        while (true)
        {
            while (active.Count < _batch.Count && next < count)
            {
                // A design brings its own network, so its solver is its own; otherwise solvers are recycled.
                var solver = networkOf is null && idle.Count > 0 ? idle.Pop() : NewSolver(next, networkOf);
                active.Add((next, start(next, solver)));
                next++;
            }
            int lanes = active.Count;
            if (lanes == 0) break;
            _batch.ActiveLanes = lanes;
            // Lanes in chunks of whole cache lines, element by element inside a chunk: a batch row holds K lanes
            // K·8 bytes apart, so lane-by-lane copies would touch a new line per element and value.
            int chunks = (lanes + Chunk - 1) / Chunk;
            var solvers = new EpsSolver[lanes];
            for (int lane = 0; lane < lanes; lane++) solvers[lane] = active[lane].Cursor.Solver;
            Parallel.For(0, chunks, options, c =>
            {
                int lo = c * Chunk, hi = Math.Min(lanes, lo + Chunk);
                for (int lane = lo; lane < hi; lane++) solvers[lane].BeginPeriod();
                WriteLanes(lo, hi, solvers, perLaneDiameters: networkOf is not null);
            });
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            _session.Solve(_batch);
            SolveSeconds += System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalSeconds;
            Rounds++;
            for (int lane = 0; lane < lanes; lane++)
            {
                if (_ownEngine[lane]) _batch.Status[lane] = LaneStatus.NotConverged;
            }
            long scalar = 0;
            Parallel.For(0, chunks, options, c =>
            {
                int lo = c * Chunk, hi = Math.Min(lanes, lo + Chunk);
                ReadLanes(lo, hi, solvers);
                for (int lane = lo; lane < hi; lane++)
                {
                    var cursor = active[lane].Cursor;
                    if (_batch.Status[lane] == LaneStatus.Converged) cursor.Solver.AcceptSolution(_batch.Iterations[lane], _batch.RelativeError[lane], converged: true);
                    else
                    {
                        cursor.Solver.SolveNetwork();
                        Interlocked.Increment(ref scalar);
                    }
                    cursor.AfterSolve();
                }
            });
            ScalarPeriods += scalar;
            BatchedPeriods += lanes - scalar;
            // Pack the unfinished runs to the front, in order; finished ones hand back their solvers.
            int kept = 0;
            for (int lane = 0; lane < lanes; lane++)
            {
                var run = active[lane];
                if (run.Cursor.Finished)
                {
                    finish(run.Index, run.Cursor);
                    if (networkOf is null) idle.Push(run.Cursor.Solver);
                }
                else active[kept++] = run;
            }
            active.RemoveRange(kept, lanes - kept);
        }
    }

    /// <summary>Lanes per host work item: 64 lanes = 8 cache lines of doubles per batch row.</summary>
    private const int Chunk = 64;

    /// <summary>
    /// Lanes [<paramref name="lo"/>, <paramref name="hi"/>)'s inputs from their runs' states after
    /// <see cref="EpsSolver.BeginPeriod"/>: demands, fixed heads (reservoirs, tank levels), pump speeds, closed links,
    /// the directions a full or empty tank forbids (EPANET tanklinkstatus), and the last period's flows and
    /// status-closed links as the starting point.
    /// </summary>
    private void WriteLanes(int lo, int hi, EpsSolver[] solvers, bool perLaneDiameters)
    {
        int k = _batch.Count, nj = _net.JunctionCount, firstTank = nj + _net.ReservoirCount;
        for (int j = 0; j < nj; j++)
        {
            for (int lane = lo; lane < hi; lane++) _batch.Demand[j * k + lane] = solvers[lane].RequestedDemand[j];
        }
        if (perLaneDiameters)
        {
            for (int p = 0; p < _net.PipeCount; p++)
            {
                for (int lane = lo; lane < hi; lane++) _batch.Diameter[p * k + lane] = solvers[lane].Network.Diameter[p];
            }
        }
        for (int f = 0; f < _compiled.FixedCount; f++)
        {
            for (int lane = lo; lane < hi; lane++) _batch.FixedHead[f * k + lane] = solvers[lane].Head[nj + f];
        }
        // Emitters start from the run's last outflows (1 cfs in its first period).
        for (int j = 0; j < nj && _compiled.EmitterCount > 0; j++)
        {
            if (_compiled.EmitterResistance[j] == 0) continue;
            for (int lane = lo; lane < hi; lane++) _batch.EmitterFlow[j * k + lane] = solvers[lane].EmitterFlow[j];
        }
        for (int lane = lo; lane < hi; lane++) _ownEngine[lane] = false;
        for (int i = 0; i < _net.LinkCount; i++)
        {
            var type = _net.Type[i];
            int tankNode = _net.TankCheckedBy(i); // as the scalar engine's tank status check
            bool tankLink = tankNode >= 0, atStart = tankNode == _net.From[i];
            double opening = _openingSpeed[i];
            int row = i * k;
            for (int lane = lo; lane < hi; lane++)
            {
                var s = solvers[lane];
                var status = s.Status[i];
                bool fixedClosed = type == EpsLinkType.Pump ? status == EpsStatus.Closed || s.Setting[i] == 0
                    : type == EpsLinkType.Pipe && status == EpsStatus.Closed;
                byte state = fixedClosed ? HydraulicBatch.LinkClosed : (byte)0;
                // A pump that a control on junction pressure may open: from setting 0 the lane opens it at that control's
                // speed; at another speed than that control's it cannot follow the switch.
                if (!double.IsNaN(opening))
                {
                    if (s.Setting[i] == 0) state |= HydraulicBatch.LinkSettingZero;
                    else if (s.Setting[i] != opening) _ownEngine[lane] = true;
                }
                if (tankLink)
                {
                    var tank = _net.Tanks[tankNode - firstTank];
                    state |= LinkStatusRules.TankBits(s.Head[tankNode], tank.MinHead, tank.MaxHead, tank.CanOverflow, atStart);
                }
                _batch.LinkState[row + lane] = state;
                _batch.Flow[row + lane] = s.Flow[i];
                _batch.Closed[row + lane] = (byte)(!fixedClosed && status <= EpsStatus.Closed ? 1 : 0);
            }
            if (type == EpsLinkType.Pump)
            {
                int prow = _net.PumpOf[i] * k;
                for (int lane = lo; lane < hi; lane++)
                {
                    double setting = solvers[lane].Setting[i];
                    _batch.PumpSpeed[prow + lane] = setting == 0 && !double.IsNaN(opening) ? opening : setting;
                }
            }
        }
    }

    /// <summary>
    /// The batch's solutions of lanes [<paramref name="lo"/>, <paramref name="hi"/>) that converged back into their
    /// runs: junction heads, emitter outflows, delivered demands, flows, statuses (the caller then hands the run <see cref="EpsSolver.AcceptSolution"/>).
    /// </summary>
    private void ReadLanes(int lo, int hi, EpsSolver[] solvers)
    {
        int k = _batch.Count, nj = _net.JunctionCount;
        for (int j = 0; j < nj; j++)
        {
            for (int lane = lo; lane < hi; lane++)
            {
                if (_batch.Status[lane] != LaneStatus.Converged) continue;
                solvers[lane].Head[j] = _batch.Head[j * k + lane];
                if (_compiled.EmitterCount > 0) solvers[lane].EmitterFlow[j] = _batch.EmitterFlow[j * k + lane];
                if (_compiled.PressureDriven) solvers[lane].DeliveredDemand[j] = _batch.DemandFlow[j * k + lane];
            }
        }
        for (int i = 0; i < _net.LinkCount; i++)
        {
            var type = _net.Type[i];
            for (int lane = lo; lane < hi; lane++)
            {
                if (_batch.Status[lane] != LaneStatus.Converged) continue;
                var s = solvers[lane];
                int at = i * k + lane;
                s.Flow[i] = _batch.Flow[at];
                byte state = _batch.LinkState[at], closed = _batch.Closed[at];
                // What a control on junction pressure did (EPANET pswitch): CLOSED, a pump's setting 0; or opened a link
                // that came in closed, a pump at the speed the control sets.
                if ((closed & GgaLaneSolver.ClosedByControl) != 0)
                {
                    s.Status[i] = EpsStatus.Closed;
                    if (type == EpsLinkType.Pump) s.Setting[i] = 0;
                    continue;
                }
                if ((state & HydraulicBatch.LinkClosed) != 0)
                {
                    if (closed != 0) continue;
                    s.Status[i] = EpsStatus.Open;
                    if (type == EpsLinkType.Pump) s.Setting[i] = _batch.PumpSpeed[_net.PumpOf[i] * k + lane];
                    continue;
                }
                s.Status[i] = closed == 0 ? EpsStatus.Open : type switch
                {
                    EpsLinkType.CheckValvePipe => EpsStatus.Closed,
                    EpsLinkType.Pump => (state & (HydraulicBatch.LinkNoForward | HydraulicBatch.LinkEmptyForward)) != 0 ? EpsStatus.TempClosed : EpsStatus.ClosedHead,
                    _ => EpsStatus.TempClosed, // a pipe closed at a status check: only a full or empty tank does that
                };
            }
        }
    }

    public void Dispose() => _session.Dispose();
}
