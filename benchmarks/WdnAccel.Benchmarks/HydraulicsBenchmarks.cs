using BenchmarkDotNet.Attributes;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Benchmarks;

/// <summary>
/// Batched GGA throughput: one operation = one snapshot solve of one lane, so BenchmarkDotNet's
/// "Op/s" is solves per second. Designs are random catalog designs (Hanoi) or random ±20 % diameters (synthetic
/// grid/tree networks), drawn once per case. Large combinations are left out: a 10,000-junction grid solves at
/// ~15 lanes/s per core, so K ≥ 1024 there would take minutes per iteration on the 2-core CI machine.
/// </summary>
[ShortRunJob]
public class HydraulicsBenchmarks
{
    public sealed record Case(string Network, int K, string Backend)
    {
        /// <summary>Short (≤ 20 characters) so BenchmarkDotNet does not truncate it: "g10k K64 simd-1t".</summary>
        public override string ToString() =>
            $"{Network.Replace("grid-", "g").Replace("tree-", "t").Replace("10000", "10k").Replace("1000", "1k")} K{K} {Backend.Replace("simd-all", "simd-N")}";
    }

    /// <summary>
    /// All cases, or only those whose name contains one of the comma-separated parts of the environment variable
    /// WDNACCEL_HYDRAULICS_CASES (e.g. "HAN K16384" for the issue's headline figure): the full suite takes most of
    /// an hour on the 2-core box, and BenchmarkDotNet's --filter selects methods, not parameter values.
    /// </summary>
    public static IEnumerable<Case> Cases()
    {
        var parts = Environment.GetEnvironmentVariable("WDNACCEL_HYDRAULICS_CASES")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts is { Length: > 0 } ? AllCases().Where(c => parts.Any(p => c.ToString().Contains(p, StringComparison.Ordinal))) : AllCases();
    }

    private static IEnumerable<Case> AllCases()
    {
        string[] backends = ["scalar", "simd-1t", "simd-all"];
        foreach (int k in new[] { 1, 64, 1024, 16384 })
        {
            foreach (var b in backends)
            {
                if (b == "scalar" && k > 1024) continue;
                yield return new Case("HAN", k, b);
            }
        }
        foreach (var net in new[] { "grid-100", "tree-100", "grid-1000", "tree-1000", "grid-10000", "tree-10000" })
        {
            int size = int.Parse(net[(net.IndexOf('-') + 1)..]);
            foreach (int k in new[] { 1, 64, 1024 })
            {
                if (size >= 10000 && k > 64) continue;
                if (size >= 1000 && k > 1024) continue;
                foreach (var b in backends)
                {
                    if (b == "scalar" && k > 64) continue;
                    yield return new Case(net, k, b);
                }
            }
        }
    }

    [ParamsSource(nameof(Cases))]
    public Case Setup { get; set; } = new("HAN", 1, "scalar");

    private HydraulicBatch _batch = null!;
    private IComputeBackend _backend = null!;

    [GlobalSetup]
    public void Prepare()
    {
        var network = Setup.Network switch
        {
            "HAN" => ScenarioFile.Load(FindData("networks", "HAN.inp")).Scenario.Network,
            var s when s.StartsWith("grid-") => NetworkGenerator.Grid(int.Parse(s[5..])),
            var s => NetworkGenerator.Tree(int.Parse(s[5..])),
        };
        var net = CompiledNetwork.Compile(network);
        _batch = new HydraulicBatch(net, Setup.K);
        var rng = new Random(42);
        double[] hanoi = [0.3048, 0.4064, 0.508, 0.6096, 0.762, 1.016];
        for (int lane = 0; lane < Setup.K; lane++)
        {
            for (int p = 0; p < net.PipeCount; p++)
            {
                _batch.SetPipe(lane, p, Setup.Network == "HAN" ? hanoi[rng.Next(hanoi.Length)] : net.BaseDiameter[p] * (0.8 + 0.4 * rng.NextDouble()));
            }
        }
        _backend = Setup.Backend switch
        {
            "scalar" => new ScalarBackend(),
            "simd-1t" => new SimdBackend(1),
            _ => new SimdBackend(0),
        };
        _backend.SolveHydraulics(_batch); // warm the workspace pool
    }

    [GlobalCleanup]
    public void Cleanup() => _backend.Dispose();

    [Benchmark]
    public void Solve() => _backend.SolveHydraulics(_batch);

    private static string FindData(params string[] parts) => RepoPaths.Data(parts);
}
