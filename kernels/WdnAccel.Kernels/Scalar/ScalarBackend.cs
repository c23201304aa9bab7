using WdnAccel.Core.Compute;

namespace WdnAccel.Kernels.Scalar;

/// <summary>
/// The reference backend: the simplest correct code, one candidate at a time, single-threaded.
/// Every other backend is tested lane by lane against it. Operations live in partial files, one per family.
/// </summary>
public sealed partial class ScalarBackend : IComputeBackend
{
    public string Name => "scalar";
    public string Description => "scalar reference (1 thread)";
    public bool RunsOnHost => true;
    public void Dispose() { }
}
