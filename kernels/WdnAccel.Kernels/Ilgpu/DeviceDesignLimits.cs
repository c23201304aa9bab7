using ILGPU;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>Device views of a DesignFeasibility's per-junction tables (case-independent limits) and its velocity limits.</summary>
public struct DeviceDesignLimits
{
    public int Junctions, Pipes, CheckVelocity;
    public double MinVelocity, MaxVelocity;
    public ArrayView<double> Elevation, MinPressure, MaxPressure, MinHead;
}
