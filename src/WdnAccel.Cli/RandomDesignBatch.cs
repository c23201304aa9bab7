using System.Globalization;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;

namespace WdnAccel.Cli;

/// <summary>How many random designs one batched solve takes (`simulate --random-designs`, `bench --hydraulics`).</summary>
public static class RandomDesignBatch
{
    /// <summary>
    /// Designs per batched solve when --batch is not given and memory allows: 16,384 lanes keep a GPU busy; on the CPU
    /// each thread solves batches of its own, and 1,024 Hanoi designs (~1.6 MB of lanes) stay in cache, measured
    /// 10–25 % faster than 16,384 on 1 and 2 threads (docs/performance.md, "One pipeline per thread").
    /// </summary>
    internal const int DefaultBatch = 16384, DefaultHostBatch = 1024;

    /// <summary>
    /// Designs per batch: <paramref name="requested"/> (--batch), or the default above. A design takes one lane per
    /// demand case (<see cref="HydraulicBatch.BytesPerLane"/> each, plus the problem's margins) and its genome; a batch
    /// must fit in .NET arrays and in this process's memory besides the solver's per-thread workspaces. An explicit
    /// --batch that does not is an input error with the numbers; the default shrinks to what fits, with a note on stderr.
    /// </summary>
    public static int Designs(CommandContext context, CompiledNetwork net, IComputeBackend backend, int? requested, int designs, int threads, string? file)
    {
        int cases = net.CaseNames.Length;
        int wanted = Math.Min(requested ?? (backend.RunsOnHost ? DefaultHostBatch : DefaultBatch), designs);
        long lanes = (long)wanted * cases;
        if (lanes > HydraulicBatch.MaxLanes(net))
            throw new InvalidInputException($"--batch {wanted:N0} × {cases} demand case(s) = {lanes:N0} lanes; this network's batches hold at most {HydraulicBatch.MaxLanes(net):N0} (and every lane costs memory: try 1024)", field: "--batch");
        var form = backend is Kernels.Simd.SimdBackend simd ? simd.LoopFlows : LoopFlowMode.Auto;
        long budget = HydraulicBatch.AvailableMemory() - threads * Kernels.Simd.GgaBatchSolver.WorkspaceBytes(net, form);
        // Each host thread holds a batch of its own (RandomDesignThroughput.Run).
        int holders = Math.Max(1, backend.HostThreads);
        long perDesign = cases * (HydraulicBatch.BytesPerLane(net) + 3 * sizeof(double)) + net.DecisionPipes.Length * sizeof(int) + 64;
        long fit = Math.Clamp(budget / (perDesign * holders), 1, HydraulicBatch.MaxLanes(net) / cases);
        if (wanted <= fit) return wanted;
        const double GiB = 1 << 30;
        if (requested is not null)
            throw new InvalidInputException(string.Format(CultureInfo.InvariantCulture,
                "--batch {0:N0} designs × {1} demand case(s) on {5} thread(s), a batch each, need {2:F1} GiB ({3:N2} MB per design); about {4:N0} designs per batch fit in this process's memory: try --batch {4}",
                wanted, cases, wanted * (double)perDesign * holders / GiB, perDesign / 1e6, fit, holders), file, field: "--batch");
        context.Error.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "note: {0:N0} designs per batch ({1:N2} MB each, a batch per thread): what fits in this process's memory (--batch sets it)", fit, perDesign / 1e6));
        return (int)fit;
    }
}
