using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// The constraints of a pipe-sizing design block checked on one solved lane: per-junction minimum/maximum pressure
/// (junction overrides, then the case's minimum, then the design's), minimum total heads (New York Tunnels style)
/// and velocity limits on open pipes. Tables are resolved once; <see cref="Evaluate"/> allocates nothing.
/// </summary>
public sealed class DesignFeasibility
{
    private readonly CompiledNetwork _net;
    private readonly double[][] _minPressure; // [case][junction]
    private readonly double[] _maxPressure;
    private readonly double[] _minHead;
    private readonly double? _minVelocity;
    private readonly double? _maxVelocity;

    /// <summary>Minimum pressure (m) per case and junction: [case][junction].</summary>
    public IReadOnlyList<double[]> MinPressure => _minPressure;
    /// <summary>Maximum pressure (m) per junction (+∞ where none).</summary>
    public ReadOnlySpan<double> MaxPressure => _maxPressure;
    /// <summary>Minimum total head (m) per junction (−∞ where none).</summary>
    public ReadOnlySpan<double> MinHead => _minHead;
    /// <summary>Velocity limits on open pipes (m/s), when the design sets them.</summary>
    public double? MinVelocity => _minVelocity;
    public double? MaxVelocity => _maxVelocity;

    /// <summary>True when every demand case has the same minimum pressures, so a lane's case does not matter to the junction pass.</summary>
    public bool CaseIndependent { get; }

    public DesignFeasibility(CompiledNetwork net, DesignSpec design)
    {
        _net = net;
        var junctions = net.Source.Junctions;
        var cases = net.Source.EffectiveDemandCases;
        _minPressure = new double[cases.Count][];
        for (int c = 0; c < cases.Count; c++)
        {
            _minPressure[c] = junctions.Select(j => j.MinPressure ?? cases[c].MinPressure ?? design.MinPressure).ToArray();
        }
        _maxPressure = junctions.Select(j => j.MaxPressure ?? design.MaxPressure ?? double.PositiveInfinity).ToArray();
        _minHead = junctions.Select(j => design.MinHead is { } mh && mh.TryGetValue(j.Id, out var h) ? h : double.NegativeInfinity).ToArray();
        _minVelocity = design.MinVelocity;
        _maxVelocity = design.MaxVelocity;
        CaseIndependent = _minPressure.All(row => row.AsSpan().SequenceEqual(_minPressure[0]));
    }

    /// <summary>
    /// The scalar reference of the pipe-sizing limits kernel (backends' <c>EvaluateDesignLimits</c>).
    /// Every lane at once, junction-major so that the SoA arrays are read contiguously (lane-by-lane reads stride
    /// through K·8 bytes per junction and cost a cache miss each). <paramref name="caseOfLane"/> gives each lane's
    /// demand case. Writes per lane the smallest pressure/head margin (m) and the total violation: the sum of
    /// pressure deficits and excesses and head deficits (m) plus velocity excesses and shortfalls on open pipes
    /// (m/s). A lane that did not converge gets margin −∞ and violation +∞. Feasible ⇔ violation == 0.
    /// </summary>
    public void Evaluate(HydraulicBatch batch, ReadOnlySpan<int> caseOfLane, Span<double> margin, Span<double> violation)
    {
        int K = batch.Count;
        margin[..K].Fill(double.PositiveInfinity);
        violation[..K].Clear();
        for (int j = 0; j < _net.JunctionCount; j++)
        {
            var heads = batch.Head.AsSpan(j * K, K);
            double elev = _net.Elevation[j], maxP = _maxPressure[j], minH = _minHead[j];
            for (int lane = 0; lane < K; lane++)
            {
                JunctionTerms(heads[lane], elev, _minPressure[caseOfLane[lane]][j], maxP, minH, ref margin[lane], ref violation[lane]);
            }
        }
        FinishLanes(batch, margin, violation);
    }

    /// <summary>
    /// The part of <see cref="Evaluate"/> after the junction pass, shared by every backend's kernel: velocity limits on
    /// open pipes, and margin −∞ / violation +∞ for lanes that did not converge.
    /// </summary>
    public void FinishLanes(HydraulicBatch batch, Span<double> margin, Span<double> violation)
    {
        int K = batch.Count;
        if (_minVelocity is not null || _maxVelocity is not null)
        {
            double vMax = _maxVelocity ?? double.PositiveInfinity, vMin = _minVelocity ?? 0;
            for (int i = 0; i < _net.PipeCount; i++)
            {
                for (int lane = 0; lane < K; lane++)
                {
                    int at = i * K + lane;
                    VelocityTerms(batch.Diameter[at], batch.Flow[at], batch.Closed[at] != 0, vMin, vMax, ref violation[lane]);
                }
            }
        }
        for (int lane = 0; lane < K; lane++)
        {
            if (batch.Status[lane] == LaneStatus.Converged) continue;
            margin[lane] = double.NegativeInfinity;
            violation[lane] = double.PositiveInfinity;
        }
    }

    /// <summary>
    /// One junction's share of a lane's limits: p = h − z; low = p − p_min, high = p_max − p, head = h − h_min;
    /// margin = min(margin, low, high, head), violation += max(0, −low) + max(0, −high) + max(0, −head). Shared by the
    /// scalar reference and the device kernel, so both do the same operations in the same order.
    /// </summary>
    public static void JunctionTerms(double h, double elevation, double minPressure, double maxPressure, double minHead, ref double margin, ref double violation)
    {
        double p = h - elevation;
        double low = p - minPressure, high = maxPressure - p, head = h - minHead;
        margin = Math.Min(margin, Math.Min(low, Math.Min(high, head)));
        violation += Math.Max(0, -low) + Math.Max(0, -high) + Math.Max(0, -head);
    }

    /// <summary>One pipe's velocity-limit share (open pipes only): violation += max(0, v − v_max) + max(0, v_min − v), v = |4Q/(πD²)|.</summary>
    public static void VelocityTerms(double diameter, double flow, bool closed, double minVelocity, double maxVelocity, ref double violation)
    {
        if (!PipeDiameter.IsLaid(diameter) || closed) return;
        double v = Math.Abs(LinkFormulas.Velocity(flow, diameter));
        violation += Math.Max(0, v - maxVelocity) + Math.Max(0, minVelocity - v);
    }

    /// <summary>Lowest and highest allowed total head (m) of junction <paramref name="junction"/> in case <paramref name="caseIndex"/>.</summary>
    public (double Min, double Max) HeadLimits(int junction, int caseIndex)
    {
        double z = _net.Elevation[junction];
        return (Math.Max(z + _minPressure[caseIndex][junction], _minHead[junction]), z + _maxPressure[junction]);
    }
}
