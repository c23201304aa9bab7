using BenchmarkDotNet.Attributes;
using WdnAccel.Core.Lp;

namespace WdnAccel.Benchmarks;

/// <summary>
/// Floating solve vs floating solve + exact certification on generated min-cost network-flow LPs
/// (<see cref="NetworkFlowLp"/>: arcs/4 nodes, one equality row per node). The target is
/// certification overhead ≤ 3× the floating solve at 1,000 arcs: compare `Certified` with `FloatOnly`
/// (the exact part alone is their difference).
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class LpBenchmarks
{
    private LpModel _model = null!;

    [Params(100, 1_000, 10_000)]
    public int Arcs { get; set; }

    [GlobalSetup]
    public void Setup() => _model = NetworkFlowLp.Generate(Arcs, seed: 1);

    [Benchmark(Baseline = true)]
    public LpStatus FloatOnly() => LpSolver.SolveFloatOnly(_model).Status;

    [Benchmark]
    public bool Certified() => LpSolver.Solve(_model).Certified;
}
