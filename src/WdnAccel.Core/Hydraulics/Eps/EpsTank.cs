using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>
/// A storage tank as the extended-period engine needs it (SI: heads in m, volumes in m³, area in m²).
/// Without a volume curve V = Vmin + A·(h − Hmin); with one, the curve (level → volume) is interpolated both ways.
/// </summary>
public sealed record EpsTank(
    int Node,
    double Elevation,
    double Area,
    double MinHead,
    double MaxHead,
    double InitialHead,
    double MinVolume,
    double MaxVolume,
    double InitialVolume,
    IReadOnlyList<Point2>? VolumeCurve,
    bool CanOverflow)
{
    /// <summary>Volume at head <paramref name="head"/> (EPANET tankvolume).</summary>
    public double Volume(double head)
    {
        if (VolumeCurve is null) return MinVolume + (head - MinHead) * Area;
        return Interpolation.Linear(VolumeCurve, head - Elevation, x => x.X, x => x.Y);
    }

    /// <summary>Head at volume <paramref name="volume"/> (EPANET tankgrade).</summary>
    public double Head(double volume)
    {
        if (VolumeCurve is null) return MinHead + (volume - MinVolume) / Area;
        return Elevation + Interpolation.Linear(VolumeCurve, volume, x => x.Y, x => x.X);
    }
}
