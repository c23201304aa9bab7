using BenchmarkDotNet.Attributes;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Benchmarks;

/// <summary>
/// The sparse direct solver on square grids (<see cref="NetworkGenerator.Grid"/>, side × side junctions):
/// <see cref="Compile"/> = ordering (nested dissection or approximate minimum degree, whichever needs fewer
/// operations) + symbolic factorization + the rest of compilation; <see cref="Factorize"/> = one numeric up-looking
/// factorization and solve of A = A12ᵀ·P·A12 (<see cref="GgaLaneSolver.CholeskySolve"/>, the scalar oracle's and the
/// GPU kernels' code); <see cref="Snapshot"/> = a whole GGA snapshot of one lane on the SIMD backend with one thread
/// (one-lane blocks, up-looking). docs/performance.md, "Large networks", has the factor sizes next to these.
/// </summary>
[ShortRunJob]
public class FactorizationBenchmarks
{
    [Params(50, 100, 200, 300)]
    public int Side { get; set; }

    private Core.Model.Network _network = null!;
    private CompiledNetwork _net = null!;
    private HydraulicBatch _batch = null!;
    private HostGgaScratch _scratch = null!;
    private double[] _assembled = [], _rhs = [], _grounding = [];
    private SimdBackend _simd = null!;

    [GlobalSetup]
    public void Prepare()
    {
        _network = NetworkGenerator.Grid(Side * Side);
        _net = CompiledNetwork.Compile(_network);
        _batch = new HydraulicBatch(_net, 1);
        _scratch = new HostGgaScratch(_net);
        // A = A12ᵀ·P·A12 with random conductances, as the GGA assembles it (fixed-head links on the diagonal only).
        _assembled = new double[_net.FactorSize];
        _rhs = new double[_net.JunctionCount];
        _grounding = new double[_net.JunctionCount];
        RandomSpdSystem.Fill(_net, new Random(3), _assembled, _rhs, _grounding);
        _simd = new SimdBackend(1);
        _simd.SolveHydraulics(_batch);
    }

    [GlobalCleanup]
    public void Cleanup() => _simd.Dispose();

    [Benchmark]
    public CompiledNetwork Compile() => CompiledNetwork.Compile(_network);

    [Benchmark]
    public bool Factorize()
    {
        _assembled.CopyTo(_scratch.Factor, 0);
        _rhs.CopyTo(_scratch.Rhs, 0);
        _grounding.CopyTo(_scratch.Grounding, 0);
        return GgaLaneSolver.CholeskySolve(new HostGgaNetwork(_net), new HostGgaLane(_batch, 0, _scratch));
    }

    [Benchmark]
    public void Snapshot() => _simd.SolveHydraulics(_batch);
}
