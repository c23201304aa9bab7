using System.Reflection;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// Every ILGPU kernel of the project by name: what `devices --ptx` writes and what the PTX test compiles.
/// <paramref name="Grouped"/> marks explicitly grouped kernels (shared memory, barriers), the others are
/// implicitly grouped (one thread per element).
/// </summary>
public sealed record IlgpuKernel(string Name, MethodInfo Method, bool Grouped)
{
    public static IReadOnlyList<IlgpuKernel> All { get; } =
    [
        new("gga_solve", Find(typeof(HydraulicKernels), nameof(HydraulicKernels.Gga)), false),
        new("gga_solve_full", Find(typeof(HydraulicKernels), nameof(HydraulicKernels.GgaFull)), false),
        new("gga_solve_loops", Find(typeof(HydraulicKernels), nameof(HydraulicKernels.GgaLoops)), false),
        new("gga_solve_loops_shared", Find(typeof(HydraulicKernels), nameof(HydraulicKernels.GgaLoopsShared)), true),
        new("compare_demands", Find(typeof(HydraulicKernels), nameof(HydraulicKernels.CompareDemands)), false),
        new("shared_forest", Find(typeof(HydraulicKernels), nameof(HydraulicKernels.SharedForest)), false),
        new("draw_designs", Find(typeof(HydraulicKernels), nameof(HydraulicKernels.DrawDesigns)), false),
        new("design_resistances", Find(typeof(HydraulicKernels), nameof(HydraulicKernels.DesignResistances)), false),
        new("lane_resistances", Find(typeof(HydraulicKernels), nameof(HydraulicKernels.LaneResistances)), false),
        new("design_limits", Find(typeof(HydraulicKernels), nameof(HydraulicKernels.DesignLimits)), false),
        .. FloydWarshallKernels.All.Select(k => new IlgpuKernel(k.Name, k.Method, k.Grouped)),
    ];

    private static MethodInfo Find(Type type, string name) =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
        ?? throw new InvalidOperationException($"kernel {type.Name}.{name} not found");
}
