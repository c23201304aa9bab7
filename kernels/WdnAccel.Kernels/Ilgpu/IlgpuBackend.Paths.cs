using WdnAccel.Kernels.Scalar;
namespace WdnAccel.Kernels.Ilgpu;
public sealed partial class IlgpuBackend
{
    public bool AllPairsShortestPaths(Span<double> dist, Span<int> next, int n, IProgress<double>? progress = null) => FloydWarshallScalar.Run(dist, next, n, progress);
    public bool AllPairsShortestPaths(Span<float> dist, Span<int> next, int n, IProgress<double>? progress = null) => FloydWarshallScalar.Run(dist, next, n, progress);
    public void AllPairsShortestPathsBatched(Span<double> dist, Span<int> next, int n, int graphs, Span<bool> negativeCycle) => FloydWarshallScalar.RunBatched(dist, next, n, graphs, negativeCycle);
    public void AllPairsShortestPathsBatched(Span<float> dist, Span<int> next, int n, int graphs, Span<bool> negativeCycle) => FloydWarshallScalar.RunBatched(dist, next, n, graphs, negativeCycle);
}
