using ILGPU;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// The random-design kernel's parameter: which designs to draw (<see cref="Seed"/>, <see cref="First"/>,
/// <see cref="Count"/>), how lanes hold them (<see cref="Cases"/> per design) and the catalog of
/// <see cref="Core.Problems.RandomDesignCatalog"/> on the device.
/// </summary>
public struct DeviceDesignDraw
{
    public int Seed, Count, Cases, Decisions, Options, HasRoughness;
    public long First;
    public ArrayView<int> DecisionPipe;
    public ArrayView<double> Diameter, Roughness;
}
