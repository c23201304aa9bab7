using BenchmarkDotNet.Attributes;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Kernels.OpenCl;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Benchmarks;

/// <summary>
/// OpenCL backend next to the scalar loop: Hazen–Williams head loss over links × candidates (transfers
/// included: inputs up, three outputs down, as an optimizer generation would), one Floyd–Warshall step
/// sweep, the fixed cost of one kernel launch + clFinish, and the batched GGA on Hanoi (Device/gga.cl next to
/// the SIMD backend, K = 1024 and 16384 random catalog designs; one operation = one lane's solve, so Op/s is
/// solves/s; each invocation changes one diameter so the diameters go up as in an optimizer generation).
/// On PoCL (CPU) these numbers measure overhead and correctness, not GPU speed. Device: WDNACCEL_OPENCL_DEVICE
/// or the default choice.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class OpenClBenchmarks
{
    private const double Omega = 10.667;

    private OpenClBackend _backend = null!;
    private ClProgram _noopProgram = null!;
    private ClKernel _noop = null!;
    private double[] _length = [], _c = [], _minorK = [], _diameter = [], _flow = [], _h = [], _v = [], _re = [];
    private double[] _graph = [], _dist = [];
    private ClKernel _headLoss = null!;
    private readonly List<ClBufferLease> _resident = [];
    private int[] _next = [];
    private SimdBackend _simd = null!;
    private HydraulicBatch _gga1024Cl = null!, _gga1024Simd = null!, _gga16384Cl = null!, _gga16384Simd = null!;

    [Params(200)]
    public int Links { get; set; }

    [Params(256)]
    public int Candidates { get; set; }

    [Params(128)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _backend = new OpenClBackend(OpenClOptions.FromEnvironment());
        _noopProgram = _backend.Context.BuildProgram("__kernel void noop(const int n) { }", name: "noop");
        _noop = _noopProgram.CreateKernel("noop").SetArg(0, 0);
        var random = new Random(42);
        int total = Links * Candidates;
        _length = Fill(Links, () => 10 + 990 * random.NextDouble());
        _c = Fill(Links, () => 80 + 70 * random.NextDouble());
        _minorK = Fill(Links, () => 5 * random.NextDouble());
        _diameter = Fill(total, () => 0.05 + 0.95 * random.NextDouble());
        _flow = Fill(total, () => (random.NextDouble() - 0.3) * 0.5);
        _h = new double[total];
        _v = new double[total];
        _re = new double[total];
        _graph = Fill(Nodes * Nodes, () => random.NextDouble() < 0.1 ? 0.1 + 10 * random.NextDouble() : double.PositiveInfinity);
        for (int i = 0; i < Nodes; i++) _graph[i * Nodes + i] = 0;
        _dist = new double[_graph.Length];
        _next = new int[_graph.Length];
        HeadLossOpenCl(); // builds the program outside the measurement

        // The same kernel with its data already on the device: the launch and compute alone.
        _headLoss = _backend.Kernel("head_loss.cl", "hw_head_loss_batch");
        _headLoss.SetArg(0, Links).SetArg(1, Candidates);
        _backend.SetRealArg(_headLoss, 2, Omega);
        _backend.SetRealArg(_headLoss, 3, LinkFormulas.HazenWilliamsFlowExponent);
        _backend.SetRealArg(_headLoss, 4, LinkFormulas.HazenWilliamsDiameterExponent);
        _backend.SetRealArg(_headLoss, 5, LinkFormulas.Gravity);
        _backend.SetRealArg(_headLoss, 6, LinkFormulas.WaterViscosity20C);
        double[][] inputs = [_length, _c, _minorK, _diameter, _flow, _h, _v, _re];
        for (int a = 0; a < inputs.Length; a++)
        {
            var lease = _backend.UploadReal(inputs[a]); // real_t on the device, whatever its precision
            _resident.Add(lease);
            _headLoss.SetArg(7 + a, lease.Buffer);
        }
        FloydWarshallOpenCl();
        FloydWarshallOpenClStepwise();

        _simd = new SimdBackend();
        var hanoi = CompiledNetwork.Compile(ScenarioFile.Load(FindData("networks", "HAN.inp")).Scenario.Network);
        _gga1024Cl = HanoiBatch(hanoi, 1024);
        _gga1024Simd = HanoiBatch(hanoi, 1024);
        _gga16384Cl = HanoiBatch(hanoi, 16384);
        _gga16384Simd = HanoiBatch(hanoi, 16384);
        _backend.SolveHydraulics(_gga1024Cl); // builds gga.cl outside the measurement
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var lease in _resident) lease.Dispose();
        _noop.Dispose();
        _noopProgram.Dispose();
        _backend.Dispose();
        _simd.Dispose();
    }

    [Benchmark(Description = "Hanoi GGA K=1024, OpenCL (per solve)", OperationsPerInvoke = 1024)]
    public LaneStatus GgaOpenCl1024() => Solve(_backend, _gga1024Cl);

    [Benchmark(Description = "Hanoi GGA K=1024, SIMD (per solve)", OperationsPerInvoke = 1024)]
    public LaneStatus GgaSimd1024() => Solve(_simd, _gga1024Simd);

    [Benchmark(Description = "Hanoi GGA K=16384, OpenCL (per solve)", OperationsPerInvoke = 16384)]
    public LaneStatus GgaOpenCl16384() => Solve(_backend, _gga16384Cl);

    [Benchmark(Description = "Hanoi GGA K=16384, SIMD (per solve)", OperationsPerInvoke = 16384)]
    public LaneStatus GgaSimd16384() => Solve(_simd, _gga16384Simd);

    private static LaneStatus Solve(Core.Compute.IComputeBackend backend, HydraulicBatch batch)
    {
        // A new generation: one gene changes (so the diameters are re-sent), everything else as before.
        batch.Diameter[0] = batch.Diameter[0] == 0.3048 ? 0.4064 : 0.3048;
        backend.SolveHydraulics(batch);
        return batch.Status[^1];
    }

    private static HydraulicBatch HanoiBatch(CompiledNetwork net, int k)
    {
        double[] catalog = [0.3048, 0.4064, 0.508, 0.6096, 0.762, 1.016];
        var rng = new Random(42);
        var batch = new HydraulicBatch(net, k);
        for (int lane = 0; lane < k; lane++)
        {
            for (int p = 0; p < net.PipeCount; p++) batch.SetPipe(lane, p, catalog[rng.Next(catalog.Length)]);
        }
        return batch;
    }

    private static string FindData(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WdnAccel.sln"))) dir = dir.Parent;
        return Path.Combine([dir?.FullName ?? throw new InvalidOperationException("WdnAccel.sln not found"), "data", .. parts]);
    }

    [Benchmark(Baseline = true, Description = "head loss, scalar loop")]
    public double HeadLossScalar()
    {
        for (int link = 0; link < Links; link++)
        {
            for (int k = 0; k < Candidates; k++)
            {
                int i = link * Candidates + k;
                _h[i] = LinkFormulas.HazenWilliamsHeadLoss(Omega, _length[link], _diameter[i], _c[link], _flow[i])
                    + LinkFormulas.MinorHeadLoss(_minorK[link], _diameter[i], _flow[i]);
                _v[i] = LinkFormulas.Velocity(_flow[i], _diameter[i]);
                _re[i] = LinkFormulas.Reynolds(_flow[i], _diameter[i]);
            }
        }
        return _h[^1];
    }

    [Benchmark(Description = "head loss, OpenCL (with transfers)")]
    public double HeadLossOpenCl()
    {
        _backend.HazenWilliamsBatch(Omega, Links, Candidates, _length, _c, _minorK, _diameter, _flow, _h, _v, _re);
        return _h[^1];
    }

    [Benchmark(Description = "head loss, OpenCL kernel only (data resident)")]
    public void HeadLossOpenClResident()
    {
        _headLoss.Launch((long)Links * Candidates, _backend.LocalSize1D);
        _backend.Context.Finish();
    }

    [Benchmark(Description = "empty kernel launch + clFinish")]
    public void LaunchOverhead()
    {
        _noop.Launch(1, 1);
        _backend.Context.Finish();
    }

    [Benchmark(Description = "Floyd-Warshall n=Nodes, OpenCL blocked (3 phases, 16x16 tiles)")]
    public double FloydWarshallOpenCl()
    {
        _graph.CopyTo(_dist, 0);
        _backend.AllPairsShortestPathsBlocked(_dist, _next, Nodes);
        return _dist[1];
    }

    [Benchmark(Description = "Floyd-Warshall n=Nodes, OpenCL one launch per k")]
    public double FloydWarshallOpenClStepwise()
    {
        _graph.CopyTo(_dist, 0);
        _backend.AllPairsShortestPaths(_dist, _next, Nodes);
        return _dist[1];
    }

    [Benchmark(Description = "Floyd-Warshall n=Nodes, scalar triple loop")]
    public double FloydWarshallScalar()
    {
        int n = Nodes;
        _graph.CopyTo(_dist, 0);
        for (int k = 0; k < n; k++)
            for (int i = 0; i < n; i++)
            {
                double ik = _dist[i * n + k];
                for (int j = 0; j < n; j++)
                {
                    double through = ik + _dist[k * n + j];
                    if (through < _dist[i * n + j])
                    {
                        _dist[i * n + j] = through;
                        _next[i * n + j] = _next[i * n + k];
                    }
                }
            }
        return _dist[1];
    }

    private static double[] Fill(int count, Func<double> value)
    {
        var array = new double[count];
        for (int i = 0; i < count; i++) array[i] = value();
        return array;
    }
}
