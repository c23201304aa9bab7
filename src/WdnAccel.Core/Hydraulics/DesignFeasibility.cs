using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// The constraints of a pipe-sizing design block checked on one solved lane: per-junction minimum/maximum pressure
/// (junction overrides, then the case's minimum, then the design's), minimum total heads (New York Tunnels style)
/// and velocity limits on open pipes. Tables are resolved once; <see cref="Satisfied"/> allocates nothing.
/// </summary>
public sealed class DesignFeasibility
{
    private readonly CompiledNetwork _net;
    private readonly double[][] _minPressure; // [case][junction]
    private readonly double[] _maxPressure;
    private readonly double[] _minHead;
    private readonly double? _minVelocity;
    private readonly double? _maxVelocity;

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
    }

    /// <summary>Smallest margin (m) over the pressure and head limits of lane <paramref name="lane"/> solved under case <paramref name="caseIndex"/>; negative when violated.</summary>
    public double PressureMargin(HydraulicBatch batch, int lane, int caseIndex)
    {
        int K = batch.Count;
        double margin = double.PositiveInfinity;
        var minP = _minPressure[caseIndex];
        for (int j = 0; j < _net.JunctionCount; j++)
        {
            double h = batch.Head[j * K + lane];
            double p = h - _net.Elevation[j];
            margin = Math.Min(margin, Math.Min(p - minP[j], Math.Min(_maxPressure[j] - p, h - _minHead[j])));
        }
        return margin;
    }

    /// <summary>
    /// Every lane at once, junction-major so that the SoA arrays are read contiguously (lane-by-lane reads stride
    /// through K·8 bytes per junction and cost a cache miss each). <paramref name="caseOfLane"/> gives each lane's
    /// demand case. Writes the pressure/head margin (m; −∞ for lanes that did not converge) and feasibility
    /// (converged, margin ≥ 0, velocities inside the limits).
    /// </summary>
    public void Evaluate(HydraulicBatch batch, ReadOnlySpan<int> caseOfLane, Span<double> margin, Span<bool> feasible)
    {
        int K = batch.Count;
        margin[..K].Fill(double.PositiveInfinity);
        for (int j = 0; j < _net.JunctionCount; j++)
        {
            var heads = batch.Head.AsSpan(j * K, K);
            double elev = _net.Elevation[j], maxP = _maxPressure[j], minH = _minHead[j];
            for (int lane = 0; lane < K; lane++)
            {
                double h = heads[lane], p = h - elev;
                double m = Math.Min(p - _minPressure[caseOfLane[lane]][j], Math.Min(maxP - p, h - minH));
                if (m < margin[lane]) margin[lane] = m;
            }
        }
        for (int lane = 0; lane < K; lane++)
        {
            if (batch.Status[lane] != LaneStatus.Converged) margin[lane] = double.NegativeInfinity;
            feasible[lane] = margin[lane] >= 0;
        }
        if (_minVelocity is null && _maxVelocity is null) return;
        double vMax = _maxVelocity ?? double.PositiveInfinity, vMin = _minVelocity ?? 0;
        for (int i = 0; i < _net.PipeCount; i++)
        {
            for (int lane = 0; lane < K; lane++)
            {
                double d = batch.Diameter[i * K + lane];
                if (d <= 0 || batch.Closed[i * K + lane] != 0) continue;
                double v = Math.Abs(LinkFormulas.Velocity(batch.Flow[i * K + lane], d));
                if (v > vMax || v < vMin) feasible[lane] = false;
            }
        }
    }

    /// <summary>Lowest and highest allowed total head (m) of junction <paramref name="junction"/> in case <paramref name="caseIndex"/>.</summary>
    public (double Min, double Max) HeadLimits(int junction, int caseIndex)
    {
        double z = _net.Elevation[junction];
        return (Math.Max(z + _minPressure[caseIndex][junction], _minHead[junction]), z + _maxPressure[junction]);
    }

    /// <summary>
    /// Total violation of lane <paramref name="lane"/> under case <paramref name="caseIndex"/>: the sum over junctions of
    /// pressure deficits and excesses and head deficits (m), plus velocity excesses and shortfalls on open pipes (m/s).
    /// Zero exactly when the limits hold; the penalty of pipe-sizing fitness grows with it.
    /// </summary>
    public double Violation(HydraulicBatch batch, int lane, int caseIndex)
    {
        int K = batch.Count;
        double total = 0;
        var minP = _minPressure[caseIndex];
        for (int j = 0; j < _net.JunctionCount; j++)
        {
            double h = batch.Head[j * K + lane];
            double p = h - _net.Elevation[j];
            total += Math.Max(0, minP[j] - p) + Math.Max(0, p - _maxPressure[j]) + Math.Max(0, _minHead[j] - h);
        }
        if (_minVelocity is null && _maxVelocity is null) return total;
        for (int i = 0; i < _net.PipeCount; i++)
        {
            double d = batch.Diameter[i * K + lane];
            if (d <= 0 || batch.Closed[i * K + lane] != 0) continue;
            double v = Math.Abs(LinkFormulas.Velocity(batch.Flow[i * K + lane], d));
            total += Math.Max(0, v - (_maxVelocity ?? double.PositiveInfinity)) + Math.Max(0, (_minVelocity ?? 0) - v);
        }
        return total;
    }

    /// <summary>True when lane <paramref name="lane"/> converged and meets every limit of case <paramref name="caseIndex"/>.</summary>
    public bool Satisfied(HydraulicBatch batch, int lane, int caseIndex) =>
        batch.Status[lane] == LaneStatus.Converged && Violation(batch, lane, caseIndex) == 0;
}
