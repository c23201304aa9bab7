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

    public bool Satisfied(HydraulicBatch batch, int lane, int caseIndex)
    {
        if (batch.Status[lane] != LaneStatus.Converged || PressureMargin(batch, lane, caseIndex) < 0) return false;
        if (_minVelocity is null && _maxVelocity is null) return true;
        int K = batch.Count;
        for (int i = 0; i < _net.PipeCount; i++)
        {
            double d = batch.Diameter[i * K + lane];
            if (d <= 0 || batch.Closed[i * K + lane] != 0) continue;
            double v = Math.Abs(LinkFormulas.Velocity(batch.Flow[i * K + lane], d));
            if (v > (_maxVelocity ?? double.PositiveInfinity) || v < (_minVelocity ?? 0)) return false;
        }
        return true;
    }
}
