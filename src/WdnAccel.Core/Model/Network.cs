namespace WdnAccel.Core.Model;

/// <summary>
/// A water distribution network in SI units (m, m³/s). Links refer to nodes by id; ids are unique across
/// junctions, reservoirs and tanks, and across pipes, pumps and valves (EPANET's rule).
/// </summary>
public sealed record Network
{
    public string Title { get; init; } = "";
    public IReadOnlyList<Junction> Junctions { get; init; } = [];
    public IReadOnlyList<Reservoir> Reservoirs { get; init; } = [];
    public IReadOnlyList<Tank> Tanks { get; init; } = [];
    public IReadOnlyList<Pipe> Pipes { get; init; } = [];
    public IReadOnlyList<Pump> Pumps { get; init; } = [];
    public IReadOnlyList<Valve> Valves { get; init; } = [];
    public IReadOnlyList<Curve> Curves { get; init; } = [];
    public IReadOnlyList<Pattern> Patterns { get; init; } = [];
    /// <summary>Loading conditions; empty means one case "base" with multiplier 1.</summary>
    public IReadOnlyList<DemandCase> DemandCases { get; init; } = [];
    public HydraulicOptions Options { get; init; } = new();
    /// <summary>Extended-period settings ([TIMES]); a zero duration is a single snapshot.</summary>
    public SimulationTimes Times { get; init; } = new();
    public IReadOnlyList<SimpleControl> Controls { get; init; } = [];
    public IReadOnlyList<RuleBasedControl> Rules { get; init; } = [];
    public EnergySettings Energy { get; init; } = new();
    public QualitySettings Quality { get; init; } = new();
    public ReactionSettings Reactions { get; init; } = new();
    public IReadOnlyList<QualitySource> Sources { get; init; } = [];
    /// <summary>Non-hydraulic .inp sections kept verbatim for export.</summary>
    public IReadOnlyList<InpSection> ExtraSections { get; init; } = [];

    public int NodeCount => Junctions.Count + Reservoirs.Count + Tanks.Count;
    public int LinkCount => Pipes.Count + Pumps.Count + Valves.Count;

    /// <summary>
    /// True when something needs the extended-period engine rather than the batched snapshot GGA: a duration,
    /// or anything of EPANET's time-zero solve the snapshot GGA would not reproduce
    /// (<see cref="SnapshotGaps"/>).
    /// </summary>
    public bool NeedsExtendedEngine => ExtendedEngineReasons().Count > 0;

    /// <summary>Why <see cref="NeedsExtendedEngine"/>, one phrase each (for messages that refuse a snapshot-only option).</summary>
    public IReadOnlyList<string> ExtendedEngineReasons()
    {
        var reasons = new List<string>();
        if (Times.Duration > 0) reasons.Add($"a duration of {Times.Duration / 3600:G4} h");
        reasons.AddRange(SnapshotGaps());
        return reasons;
    }

    /// <summary>
    /// What of EPANET's solve at time zero the batched snapshot GGA does not reproduce, one phrase each (empty when it
    /// reproduces all of it): simple controls on a reservoir's level (EPANET 2.2 fires those whatever the level; the
    /// extended-period engine refuses them), and those controls on a junction's pressure that the snapshot's
    /// pressure switches do not take (on a check valve or a valve, or setting a pump to a speed other than the one it runs at at
    /// time zero, or, for a pump at setting 0 then, than the first such control's: each lane keeps one speed per pump). Controls due at time zero on a tank's level, AT TIME 0 or AT CLOCKTIME
    /// of the start the snapshot applies (<see cref="ControlsActAtTimeZero"/>), and the other pressure controls it
    /// checks inside the solve as EPANET does (<see cref="Hydraulics.CompiledNetwork.PressureControlLink"/>). UNBALANCED CONTINUE's extra trials matter only to a solve that does not converge,
    /// which the snapshot reports as such (`simulate --duration 0` runs them with the extended-period engine). A control
    /// due at time zero on a valve acts too (its status or setting). Rules are not evaluated at time zero by EPANET 2.2.
    /// </summary>
    public IReadOnlyList<string> SnapshotGaps() => TimeZeroControls(out _);

    /// <summary>
    /// Whether a simple control due at time zero (a tank's level at or past its threshold, AT TIME 0, AT CLOCKTIME of
    /// the start) leaves a link other than the file and its patterns made it: the snapshot then takes the links' state
    /// before its solve from the extended-period engine's (EPANET's runhyd: demands(), controls(), then the solve).
    /// </summary>
    public bool ControlsActAtTimeZero()
    {
        TimeZeroControls(out bool act);
        return act;
    }

    private List<string> TimeZeroControls(out bool controlsAct)
    {
        var gaps = new List<string>();
        var junctionIds = Junctions.Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        var tanks = Tanks.ToDictionary(t => t.Id, StringComparer.Ordinal);
        // Simple controls due at time zero (EPANET controls() before the first solve, in file order): a tank's level
        // against its threshold (volumes, with no tank inflow yet), AT TIME 0, AT CLOCKTIME of the start. Only those
        // that leave a link other than the file made it count; a junction's pressure is only known inside the solve.
        var state = new Dictionary<string, (bool Open, double Speed)>(StringComparer.Ordinal);
        var onReservoirs = new Dictionary<string, string>(StringComparer.Ordinal);
        var pressureControls = new List<int>();
        var openingSpeed = new Dictionary<string, double>(StringComparer.Ordinal);
        bool valveControlDue = false;
        for (int i = 0; i < Controls.Count; i++)
        {
            var c = Controls[i];
            string link = c.Action.LinkId;
            if (c.Condition is ControlCondition.LowLevel or ControlCondition.HighLevel && c.NodeId is { } jid && junctionIds.Contains(jid))
            {
                pressureControls.Add(i);
                continue;
            }
            // A level control on a reservoir: EPANET 2.2 compares the volumes of a node without area (0 with 0), so it
            // fires at every check whatever the level, time zero included (the extended-period engine refuses it).
            bool onReservoir = c.Condition is ControlCondition.LowLevel or ControlCondition.HighLevel && c.NodeId is { } rid && Reservoirs.Any(r => r.Id == rid);
            bool due = onReservoir || c.Condition switch
            {
                ControlCondition.LowLevel => c.NodeId is { } id && tanks.TryGetValue(id, out var t) && t.InitLevel <= c.Value,
                ControlCondition.HighLevel => c.NodeId is { } id && tanks.TryGetValue(id, out var t) && t.InitLevel >= c.Value,
                ControlCondition.Timer => (long)c.Time == 0,
                ControlCondition.TimeOfDay => (long)c.Time == (long)Times.StartClockTime % 86400,
                _ => false,
            };
            // A valve's status or setting due at time zero: the snapshot takes the valves' state from the extended-period
            // engine's after its controls at time zero, as it does the pipes' and pumps'.
            if (due && Valves.Any(v => v.Id == link))
            {
                if (onReservoir) gaps.Add($"control {i + 1} (LINK {link} on reservoir {c.NodeId}'s level, which EPANET 2.2 acts on at time zero whatever the level)");
                else valveControlDue = true;
                continue;
            }
            if (!due || InitialLinkState(link) is not { } initial) continue;
            var before = state.TryGetValue(link, out var s0) ? s0 : initial;
            bool isPump = Pumps.Any(p => p.Id == link);
            state[link] = (c.Action.Opens, isPump ? c.Action.PumpSetting : before.Speed);
            if (onReservoir) onReservoirs.TryAdd(link, $"control {i + 1} (LINK {link} on reservoir {c.NodeId}'s level, which EPANET 2.2 acts on at time zero whatever the level)");
        }
        foreach (int i in pressureControls)
        {
            var c = Controls[i];
            string link = c.Action.LinkId;
            if (Pipes.FirstOrDefault(p => p.Id == link) is { Status: LinkStatus.CheckValve })
            {
                gaps.Add($"control {i + 1} (LINK {link}, a check valve, on junction {c.NodeId}'s pressure)");
                continue;
            }
            if (Valves.Any(v => v.Id == link))
            {
                gaps.Add($"control {i + 1} (LINK {link}, a valve, on junction {c.NodeId}'s pressure)");
                continue;
            }
            if (!Pumps.Any(p => p.Id == link) || InitialLinkState(link) is not { } initial) continue;
            // EPANET sets the pump's speed to the control's (OPEN: 1); the snapshot's lanes keep one speed per pump:
            // that of a pump at speed (setting) 0 at time zero is the first control's to open it.
            double speed = c.Action.PumpSetting;
            double atZero = state.TryGetValue(link, out var now) ? now.Speed : initial.Speed;
            if (speed == 0) continue;
            if (atZero == 0 && openingSpeed.TryAdd(link, speed)) continue;
            double runs = atZero == 0 ? openingSpeed[link] : atZero;
            if (speed != runs)
                gaps.Add($"control {i + 1} (LINK {link} to speed {speed:G4} on junction {c.NodeId}'s pressure, while the pump {(atZero == 0 ? "opens" : "runs")} at {runs:G4}{(atZero == 0 ? " by another control" : " at time zero")})");
        }
        if (ValvesClosedCutOff() is { Count: > 0 } cut)
            gaps.Add($"valve(s) CLOSED in [STATUS] cutting junction(s) {string.Join(", ", cut.Take(5))}{(cut.Count > 5 ? ", ..." : "")} off from every reservoir and tank (EPANET runs them, warning of disconnected nodes)");
        controlsAct = valveControlDue;
        foreach (var (link, now) in state)
        {
            var initial = InitialLinkState(link)!.Value;
            // A closed pump's speed is its setting, which a control on junction pressure compares (a pump CLOSED in
            // [STATUS] keeps its speed; CLOSED AT TIME 0 sets it to 0), so it counts even while the pump stays closed.
            bool status = now.Open != initial.Open || now.Open && now.Speed != initial.Speed;
            if (!status && now.Speed == initial.Speed) continue;
            if (!onReservoirs.TryGetValue(link, out var note)) controlsAct = true;
            else if (status) gaps.Add(note);
        }
        return gaps;
    }

    /// <summary>The loading conditions to solve: <see cref="DemandCases"/>, or the single base case.</summary>
    public IReadOnlyList<DemandCase> EffectiveDemandCases => DemandCases.Count > 0 ? DemandCases : [new DemandCase("base")];

    /// <summary>
    /// Snapshot demand (m³/s) of a junction in the base case, as EPANET computes it at time zero:
    /// Σ base demand × its pattern's (or the default pattern's) multiplier at time zero × the global multiplier.
    /// </summary>
    public double SnapshotDemand(Junction junction)
    {
        double total = 0;
        foreach (var d in junction.Demands)
        {
            total += d.BaseDemand * StartMultiplier(d.PatternId ?? Options.DefaultPatternId);
        }
        return total * Options.DemandMultiplier;
    }

    /// <summary>Demand of <paramref name="junction"/> under loading <paramref name="demandCase"/> (m³/s).</summary>
    public double CaseDemand(Junction junction, DemandCase demandCase) =>
        demandCase.JunctionDemands is { } map && map.TryGetValue(junction.Id, out var q)
            ? q
            : SnapshotDemand(junction) * demandCase.Multiplier;

    /// <summary>Snapshot head of a reservoir (head × its head pattern's multiplier at time zero, if it has one).</summary>
    public double SnapshotHead(Reservoir reservoir) =>
        reservoir.PatternId is null ? reservoir.Head : reservoir.Head * StartMultiplier(reservoir.PatternId);

    /// <summary>
    /// Relative speed of a pump at time zero: its speed pattern's multiplier there, which replaces the speed setting as
    /// EPANET's demands() does (0 closes the pump), or its own speed without a pattern.
    /// </summary>
    public double SnapshotSpeed(Pump pump) =>
        pump.PatternId is { } id && Patterns.Any(p => p.Id == id) ? StartMultiplier(id) : pump.Speed;

    /// <summary>
    /// Whether a pump runs at time zero before any control: a speed pattern decides alone (its multiplier there, 0
    /// closes it whatever its status: EPANET demands() → setlinksetting); without one, its status and a nonzero speed.
    /// </summary>
    public bool SnapshotOpen(Pump pump) =>
        pump.PatternId is { } id && Patterns.Any(p => p.Id == id) ? SnapshotSpeed(pump) != 0 : pump.Status != LinkStatus.Closed && pump.Speed != 0;

    /// <summary>
    /// This network with the given pipe diameters (m); a diameter of 0 ("no pipe" catalog option) closes the pipe
    /// and keeps its old diameter, so the exported .inp stays valid for EPANET.
    /// </summary>
    public Network WithPipeDiameters(IReadOnlyDictionary<string, double> diameters) => this with
    {
        Pipes = Pipes.Select(p => !diameters.TryGetValue(p.Id, out var d) ? p
            : PipeDiameter.IsLaid(d) ? p with { Diameter = d }
            : p with { Status = LinkStatus.Closed }).ToArray(),
    };

    /// <summary>A pipe's or pump's state at time zero before any control (open, pump speed), or null for a valve or unknown id.</summary>
    /// <summary>
    /// Junctions that reach a reservoir or tank through links not closed in the file only while the valves CLOSED in
    /// [STATUS] are left open: the snapshot refuses a junction cut off by closed links (every lane would be singular),
    /// where EPANET, and the extended-period engine, run on and warn.
    /// </summary>
    private List<string> ValvesClosedCutOff()
    {
        if (!Valves.Any(v => v.FixedStatus == LinkStatus.Closed)) return [];
        var links = Pipes.Where(p => p.Status != LinkStatus.Closed).Select(p => (p.Node1, p.Node2, ClosedValve: false))
            .Concat(Pumps.Where(SnapshotOpen).Select(p => (p.Node1, p.Node2, ClosedValve: false)))
            .Concat(Valves.Select(v => (v.Node1, v.Node2, ClosedValve: v.FixedStatus == LinkStatus.Closed)));
        var adjacent = new Dictionary<string, List<(string Node, bool ClosedValve)>>(StringComparer.Ordinal);
        foreach (var (a, b, closedValve) in links)
        {
            (adjacent.TryGetValue(a, out var at) ? at : adjacent[a] = []).Add((b, closedValve));
            (adjacent.TryGetValue(b, out var bt) ? bt : adjacent[b] = []).Add((a, closedValve));
        }
        // Breadth-first from every reservoir and tank, across the closed valves or not.
        HashSet<string> Reached(bool acrossClosedValves)
        {
            var seen = Reservoirs.Select(r => r.Id).Concat(Tanks.Select(t => t.Id)).ToHashSet(StringComparer.Ordinal);
            var queue = new Queue<string>(seen);
            while (queue.TryDequeue(out var node))
            {
                if (!adjacent.TryGetValue(node, out var next)) continue;
                foreach (var (other, closedValve) in next)
                {
                    if ((acrossClosedValves || !closedValve) && seen.Add(other)) queue.Enqueue(other);
                }
            }
            return seen;
        }
        var reached = Reached(acrossClosedValves: false);
        var reachedAcross = Reached(acrossClosedValves: true);
        return Junctions.Select(j => j.Id).Where(id => !reached.Contains(id) && reachedAcross.Contains(id)).ToList();
    }

    private (bool Open, double Speed)? InitialLinkState(string id)
    {
        foreach (var p in Pipes)
        {
            if (p.Id == id) return (p.Status != LinkStatus.Closed, 1.0);
        }
        foreach (var p in Pumps)
        {
            if (p.Id == id) return (SnapshotOpen(p), SnapshotSpeed(p));
        }
        return null;
    }

    /// <summary>
    /// A pattern's multiplier at time zero: period (PATTERN START / PATTERN TIMESTEP) of it, wrapped around its length
    /// (EPANET's (Htime + Pstart) / Pstep at Htime = 0).
    /// </summary>
    private double StartMultiplier(string? patternId)
    {
        if (patternId is null) return 1.0;
        foreach (var p in Patterns)
        {
            if (p.Id != patternId) continue;
            if (p.Multipliers.Count == 0) return 1.0;
            long period = (long)Times.PatternStart / Math.Max(1L, (long)Times.PatternStep);
            return p.Multipliers[(int)(period % p.Multipliers.Count)];
        }
        return 1.0; // EPANET: a missing default pattern "1" means multiplier 1.
    }
}
