using WdnAccel.Kernels.Scalar;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Kernels.Tests.Ilgpu;

namespace WdnAccel.Kernels.Tests.Hydraulics;

/// <summary>
/// Sessions own their state: two networks (Hanoi, two-loop) at two batch sizes each, four sessions open at once in one
/// process on every backend, solved and scored interleaved (A, B, C, D, then A again with new designs). Each result
/// must equal the scalar oracle solved on its own: the scalar session exactly, SIMD and the GPU kernels (DeviceMath's
/// pow) to the GGA parity tolerance. This is the case where the retired OpenCL backend's per-batch caches leaked
/// between batches (the second network's pressure margins were scored with the first one's tables). On the GPU
/// backend the second pair of sessions keeps the loop-flow kernel's scratch in shared memory, beside two that do not.
/// </summary>
[Collection(IlgpuCollection.Name)]
public class HydraulicSessionTests
{
    private static HydraulicBatch Random(CompiledNetwork net, Core.Model.DesignSpec design, int k, int seed)
    {
        var rng = new Random(seed);
        var batch = new HydraulicBatch(net, k) { OutputsToHost = seed % 2 == 0 };
        for (int lane = 0; lane < k; lane++)
            foreach (int pipe in net.DecisionPipes)
                batch.SetPipe(lane, pipe, design.Catalog[rng.Next(design.Catalog.Count)].Diameter);
        return batch;
    }

    [Theory]
    [MemberData(nameof(EveryBackend.Names), MemberType = typeof(EveryBackend))]
    public void Interleaved_sessions_of_two_networks_and_two_sizes_each_match_the_oracle(string backendName)
    {
        var backend = EveryBackend.Create(backendName);
        var han = HydraulicsTestData.DesignScenario("HAN");
        var tln = HydraulicsTestData.DesignScenario("TLN");
        var shapes = new[] { (han, 17), (tln, 9), (han, 40), (tln, 33) };
        var sessions = shapes.Select((s, i) => backend is Kernels.Ilgpu.IlgpuBackend gpu && i >= 2
            ? gpu.OpenHydraulicSession(s.Item1.Net, s.Item2, gpu.LoopFlows, Kernels.Ilgpu.GgaScratchMemory.Shared)
            : backend.OpenHydraulicSession(s.Item1.Net, s.Item2)).ToArray();
        if (backend is Kernels.Ilgpu.IlgpuBackend) Assert.All(sessions[2..], s => Assert.True(((Kernels.Ilgpu.IlgpuHydraulicSession)s).SharedScratchLanesPerGroup > 0));
        try
        {
            for (int round = 0; round < 2; round++)
            {
                for (int i = 0; i < shapes.Length; i++)
                {
                    var ((net, design), k) = shapes[i];
                    int seed = 100 * round + i;
                    var batch = Random(net, design, k, seed);
                    sessions[i].Solve(batch);
                    var limits = new DesignFeasibility(net, design);
                    int[] cases = new int[k];
                    double[] margin = new double[k], violation = new double[k];
                    sessions[i].EvaluateDesignLimits(batch, limits, cases, margin, violation);

                    var oracle = Random(net, design, k, seed);
                    oracle.OutputsToHost = true;
                    GgaScalarSolver.Solve(oracle);
                    double[] m0 = new double[k], v0 = new double[k];
                    limits.Evaluate(oracle, cases, m0, v0);

                    Assert.Equal(oracle.Status, batch.Status);
                    Assert.Equal(oracle.Iterations, batch.Iterations);
                    for (int lane = 0; lane < k; lane++)
                    {
                        string where = $"{backendName} {net.Source.Title} K={k} round {round} lane {lane}";
                        if (backendName != "scalar")
                        {
                            Assert.True(Math.Abs(margin[lane] - m0[lane]) <= 1e-7 * Math.Abs(m0[lane]) + 1e-6, $"{where}: margin {margin[lane]:R} vs {m0[lane]:R}");
                            Assert.True(Math.Abs(violation[lane] - v0[lane]) <= 1e-7 * Math.Abs(v0[lane]) + 1e-6, $"{where}: violation {violation[lane]:R} vs {v0[lane]:R}");
                        }
                        else
                        {
                            Assert.True(margin[lane] == m0[lane], $"{where}: margin {margin[lane]:R} vs {m0[lane]:R}");
                            Assert.True(violation[lane] == v0[lane], $"{where}: violation {violation[lane]:R} vs {v0[lane]:R}");
                        }
                    }
                    if (batch.OutputsToHost && backendName == "scalar") Assert.Equal(oracle.Head, batch.Head);
                }
            }
        }
        finally
        {
            foreach (var s in sessions) s.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(EveryBackend.Names), MemberType = typeof(EveryBackend))]
    public void A_session_refuses_a_batch_of_another_shape(string backendName)
    {
        var (net, _) = HydraulicsTestData.DesignScenario("HAN");
        var (other, _) = HydraulicsTestData.DesignScenario("TLN");
        using var session = EveryBackend.Create(backendName).OpenHydraulicSession(net, 8);
        Assert.Throws<ArgumentException>(() => session.Solve(new HydraulicBatch(net, 9)));
        Assert.Throws<ArgumentException>(() => session.Solve(new HydraulicBatch(other, 8)));
    }
}
