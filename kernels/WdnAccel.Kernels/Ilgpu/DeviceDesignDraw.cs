using ILGPU;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// The random-design kernel's parameter: which designs to draw (<see cref="Seed"/>, <see cref="First"/>,
/// <see cref="Count"/>), how lanes hold them (<see cref="Cases"/> per design) and the catalog of
/// <see cref="Core.Problems.RandomDesignCatalog"/> on the device; for the loop-flow kernel also each decision's
/// resistance at each option (<see cref="Resistance"/>, [decision × options + option], empty otherwise), which the
/// draw writes beside the diameters so that the solve need not compute it.
/// </summary>
public struct DeviceDesignDraw
{
    public int Seed, Count, Cases, Decisions, Options, HasRoughness;
    public long First;
    public ArrayView<int> DecisionPipe;
    public ArrayView<double> Diameter, Roughness, Resistance;
}
