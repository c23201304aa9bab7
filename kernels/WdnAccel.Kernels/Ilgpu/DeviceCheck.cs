using System.Diagnostics;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Problems;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// Checks a GPU backend against the SIMD backend on the same machine, and measures it: the GGA and limits kernels on
/// random catalog designs of real networks, Floyd–Warshall (per-k, blocked, batched, double and float, with
/// successors and distances alone) on random graphs. What `wdnaccel devices --check BACKEND` runs, and what tools/device-check runs on a GPU machine.
/// <para>
/// Parity rules: hydraulic lanes must end with the same status; GPUs compute pow/exp/log with ILGPU.Algorithms
/// rather than the host's libm, so a lane may rarely take one trial more or less (counted, at most 0.1 % of lanes);
/// where trial counts agree, heads must agree to 1e-5·(|h| + 10 m) and flows, in the GGA's own norm Σ|ΔQ|/Σ|Q|, to a
/// tenth of its stopping tolerance (accuracy 0.001 stops when successive flows differ by that much), and the limits
/// kernel must give the same feasibility verdict. Measured on an H200 over 65,536 random designs per network: heads
/// ≤ 5e-6, the largest on two-loop designs with 1-inch mains (heads of −10⁶ m), where one ulp of pow in the first
/// trials moves everything after. Floyd–Warshall only adds
/// and compares, so distances and successors must be identical bit for bit.
/// </para>
/// </summary>
public static class DeviceCheck
{
    /// <summary>Heads of converged lanes with equal trial counts: |Δh| ≤ 1e-5·(|h| + 10 m).</summary>
    public const double HeadTolerance = 1e-5;

    /// <summary>
    /// GGA + limits parity on <paramref name="lanes"/> random catalog designs per network; <paramref name="deviceForm"/>
    /// picks the form of a GPU backend's Newton steps and <paramref name="scratch"/> where its loop-flow kernel keeps the
    /// per-trial scratch (default: the backend's own).
    /// </summary>
    public static DeviceCheckRow Hydraulics(IComputeBackend device, IComputeBackend reference, string name, CompiledNetwork net, DesignSpec design, int lanes, int seed,
        LoopFlowMode? deviceForm = null, GgaScratchMemory? scratch = null)
    {
        var a = RandomDesigns(net, design, lanes, seed);
        var b = RandomDesigns(net, design, lanes, seed);
        var limits = new DesignFeasibility(net, design);
        int[] cases = new int[lanes];
        double[] ma = new double[lanes], va = new double[lanes], mb = new double[lanes], vb = new double[lanes];
        var gpu = device as IlgpuBackend;
        string method;
        using (var s = gpu is null ? device.OpenHydraulicSession(net, lanes) : gpu.OpenHydraulicSession(net, lanes, deviceForm ?? gpu.LoopFlows, scratch ?? gpu.Scratch))
        {
            method = s is IlgpuHydraulicSession g ? g.Method : device.HydraulicMethod(net);
            s.Solve(a);
            s.EvaluateDesignLimits(a, limits, cases, ma, va);
        }
        using (var s = reference.OpenHydraulicSession(net, lanes))
        {
            s.Solve(b);
            s.EvaluateDesignLimits(b, limits, cases, mb, vb);
        }
        int statusDiff = 0, iterDiff = 0, verdictDiff = 0, outside = 0;
        double maxHead = 0, maxFlow = 0;
        for (int lane = 0; lane < lanes; lane++)
        {
            if (a.Status[lane] != b.Status[lane]) { statusDiff++; continue; }
            if (a.Iterations[lane] != b.Iterations[lane]) { iterDiff++; continue; }
            if ((va[lane] == 0) != (vb[lane] == 0)) verdictDiff++;
            if (a.Status[lane] != LaneStatus.Converged) continue;
            for (int n = 0; n < net.NodeCount; n++)
            {
                double x = a.Head[n * lanes + lane], y = b.Head[n * lanes + lane];
                double dev = Math.Abs(x - y) / (Math.Abs(y) + 10.0);
                maxHead = Math.Max(maxHead, dev);
                if (!(dev <= HeadTolerance)) outside++;
            }
            // Flows in the GGA's own norm, Σ|ΔQ|/Σ|Q| over the lane's links, against a tenth of its stopping tolerance.
            double dq = 0, q = 0;
            for (int i = 0; i < net.LinkCount; i++)
            {
                double x = a.Flow[i * lanes + lane], y = b.Flow[i * lanes + lane];
                dq += Math.Abs(x - y);
                q += Math.Abs(y);
            }
            double flowDev = q > 0 ? dq / q : dq;
            maxFlow = Math.Max(maxFlow, flowDev);
            if (!(flowDev <= 0.1 * net.Accuracy)) outside++;
        }
        int feasible = vb.Count(v => v == 0);
        bool passed = statusDiff == 0 && verdictDiff == 0 && outside == 0 && iterDiff <= lanes / 1000;
        return new DeviceCheckRow("gga+limits parity", $"{name}, {lanes:N0} random designs, {method}", passed,
            $"status mismatches {statusDiff}, trial-count mismatches {iterDiff}, feasibility mismatches {verdictDiff}, values outside tolerance {outside}; " +
            $"max head deviation {maxHead:G3} (|Δh|/(|h|+10 m), tolerance {HeadTolerance:G2}), max flow deviation {maxFlow:G3} (Σ|ΔQ|/Σ|Q|, tolerance {0.1 * net.Accuracy:G2}); {feasible} feasible",
            MaxDeviation: Math.Max(maxHead, maxFlow));
    }

    /// <summary>Floyd–Warshall parity: one graph of <paramref name="n"/> nodes (double and float), with successors and
    /// distances alone (an empty next: its own kernels on a GPU, against the reference's run with successors), and a
    /// batch of small graphs.</summary>
    public static IEnumerable<DeviceCheckRow> Paths(IComputeBackend device, IComputeBackend reference, int n, int graphs, int seed)
    {
        var w = RandomGraph(n, Math.Min(1.0, 12.0 / Math.Max(n, 1)), seed);
        yield return ComparePaths("double", n, w, device, reference, routes: true);
        yield return ComparePaths("float", n, Array.ConvertAll(w, x => (float)x), device, reference, routes: true);
        yield return ComparePaths("double", n, w, device, reference, routes: false);
        yield return ComparePaths("float", n, Array.ConvertAll(w, x => (float)x), device, reference, routes: false);

        const int small = 24;
        var batch = new double[small * small * graphs];
        for (int g = 0; g < graphs; g++)
        {
            var one = RandomGraph(small, 0.2, seed + 1 + g);
            for (int c = 0; c < small * small; c++) batch[c * graphs + g] = one[c];
        }
        var d1 = (double[])batch.Clone();
        var d2 = (double[])batch.Clone();
        var s1 = new int[batch.Length];
        var s2 = new int[batch.Length];
        var c1 = new bool[graphs];
        var c2 = new bool[graphs];
        device.AllPairsShortestPathsBatched(d1, s1, small, graphs, c1);
        reference.AllPairsShortestPathsBatched(d2, s2, small, graphs, c2);
        int diff = Mismatches<double>(d1, d2, s1, s2);
        yield return new DeviceCheckRow("floyd-warshall parity", $"batched, {graphs:N0} graphs of {small} nodes", diff == 0 && c1.SequenceEqual(c2),
            $"{diff} entries differ (distance bits or successor)", MaxDeviation: diff);
    }

    /// <summary>One graph on both backends; without <paramref name="routes"/> the device gets an empty next and only
    /// its distances are compared.</summary>
    private static DeviceCheckRow ComparePaths<T>(string type, int n, T[] w, IComputeBackend device, IComputeBackend reference, bool routes) where T : unmanaged
    {
        var d1 = (T[])w.Clone();
        var d2 = (T[])w.Clone();
        var s1 = routes ? new int[n * n] : [];
        var s2 = new int[n * n];
        bool ok1 = Run(device, d1, s1, n), ok2 = Run(reference, d2, s2, n);
        int diff = routes ? Mismatches<T>(d1, d2, s1, s2) : Mismatches<T>(d1, d2, s2, s2);
        // What an ILGPU session of this size takes (blocked needs the shared memory for its tiles); elsewhere by size.
        bool blocked;
        if (device is IlgpuBackend gpu) { using var probe = new FloydWarshallSession(gpu.Accelerator, n); blocked = probe.UsesBlocked; }
        else blocked = n >= FloydWarshallSession.BlockedFromNodes;
        string mode = blocked ? "blocked" : "per-k";
        // Positive weights: float distances alone on the blocked kernels take phase 3 by the hardware minimum.
        string form = routes ? "" : blocked && type == "float" && device is IlgpuBackend ? ", distances only, phase 3 by minimum" : ", distances only";
        return new DeviceCheckRow("floyd-warshall parity", $"{n} nodes, {type}, {mode}{form}", diff == 0 && ok1 == ok2,
            routes ? $"{diff} of {(long)n * n:N0} entries differ (distance bits or successor)"
                : $"{diff} of {(long)n * n:N0} distances differ (bits) from the reference's run with successors",
            MaxDeviation: diff);
    }

    private static bool Run<T>(IComputeBackend backend, T[] dist, int[] next, int n) where T : unmanaged =>
        typeof(T) == typeof(double)
            ? backend.AllPairsShortestPaths((double[])(object)dist, next, n)
            : backend.AllPairsShortestPaths((float[])(object)dist, next, n);

    /// <summary>Entries whose distance bits (+0 and −0 differ) or successors differ.</summary>
    private static int Mismatches<T>(T[] d1, T[] d2, int[] s1, int[] s2) where T : unmanaged
    {
        var b1 = System.Runtime.InteropServices.MemoryMarshal.AsBytes(d1.AsSpan());
        var b2 = System.Runtime.InteropServices.MemoryMarshal.AsBytes(d2.AsSpan());
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>(), diff = 0;
        for (int i = 0; i < d1.Length; i++)
            if (!b1.Slice(i * size, size).SequenceEqual(b2.Slice(i * size, size)) || s1[i] != s2[i]) diff++;
        return diff;
    }

    /// <summary>
    /// GGA + limits throughput at each of <paramref name="batches"/> lanes per call: <paramref name="repeats"/> solves of
    /// one batch of random designs, best time, beside SIMD's best on at most 65,536 lanes; then the GGA kernel alone,
    /// with the memory traffic it moved. Where a GPU backend takes the loop-flow form on this network, the junction
    /// form's kernel and the loop-flow kernel with its scratch in the other memory (<see cref="OtherScratch"/>; shared
    /// memory only where a warp's fits) are timed too,
    /// side by side on the same designs. SIMD's figure and the counted traffic are measured
    /// once per size and form they depend on, not per batch: device minutes are scarce.
    /// </summary>
    public static IEnumerable<DeviceCheckRow> HydraulicThroughput(IComputeBackend device, IComputeBackend simd, string name, CompiledNetwork net, DesignSpec design, IReadOnlyList<int> batches, int repeats)
    {
        string method = device.HydraulicMethod(net);
        double? peak = (device as IlgpuBackend)?.PeakMemoryBandwidth;
        var limits = new DesignFeasibility(net, design);
        var simdSeconds = new Dictionary<int, double>();
        var traffic = new Dictionary<(bool Loops, bool Shared, int Lanes), LaneTraffic>();
        LaneTraffic Traffic(LoopBasis? loops, int lanes, bool scratchInShared = false)
        {
            int counted = Math.Min(lanes, TrafficLanes);
            var key = (loops is not null, scratchInShared, counted);
            if (!traffic.TryGetValue(key, out var t))
                traffic[key] = t = LaneTraffic.Count(RandomDesigns(net, design, counted, 11), loops, scratchInShared);
            return t;
        }
        // The kernels timed beside the backend's own where it steps in loop-flow form: the junction form's, and the
        // loop-flow one with its scratch in the other memory where that is another kernel (a warp's scratch fits).
        var otherKernels = new List<(IlgpuBackend Gpu, LoopFlowMode Form, GgaScratchMemory Scratch)>();
        if (device is IlgpuBackend gpuBackend && gpuBackend.StepsInLoopForm(net))
        {
            otherKernels.Add((gpuBackend, LoopFlowMode.Never, GgaScratchMemory.Device));
            if (gpuBackend.OtherScratchDiffers(net)) otherKernels.Add((gpuBackend, gpuBackend.LoopFlows, OtherScratch(gpuBackend)));
        }
        foreach (int lanes in batches)
        {
            int simdLanes = Math.Min(lanes, 1 << 16);
            if (!simdSeconds.TryGetValue(simdLanes, out double cpu))
            {
                using var cpuSession = simd.OpenHydraulicSession(net, simdLanes);
                simdSeconds[simdLanes] = cpu = GenerationSeconds(cpuSession, RandomDesigns(net, design, simdLanes, 11), limits, Math.Min(repeats, 3));
            }
            var batch = RandomDesigns(net, design, lanes, 11);
            double gpu, kernel = 0, trials, warpTrials;
            LaneTraffic? moved = null;
            using (var session = device.OpenHydraulicSession(net, lanes))
            {
                gpu = GenerationSeconds(session, batch, limits, repeats);
                trials = batch.Iterations.Average();
                warpTrials = WarpTrials(batch.Iterations);
                if (session is IlgpuHydraulicSession resident)
                {
                    kernel = KernelSeconds(resident, lanes, repeats);
                    moved = Traffic(resident.Loops, lanes, resident.SharedScratchLanesPerGroup > 0);
                }
            }
            yield return new DeviceCheckRow("gga+limits throughput", $"{name}, {lanes:N0} lanes per call", true,
                $"best of {repeats}: {gpu * 1e3:F1} ms per generation (the input arrays in, GGA, statuses back, limits kernel, margins back); " +
                $"SIMD ({simd.Description}): {simdLanes:N0} lanes in {cpu * 1e3:F1} ms; {trials:F2} GGA trials per lane on average, " +
                $"{warpTrials:F2} for the slowest of each {WarpLanes} neighbouring lanes (a warp steps until its slowest lane converges: {trials / warpTrials:P0} of its lane-trials do work); {method}",
                PerSecond: lanes / gpu, SimdPerSecond: simdLanes / cpu, Seconds: gpu);
            if (moved is null) continue;
            yield return KernelRow(name, method, lanes, repeats, kernel, trials, moved, peak, simdLanes / cpu);
            var drawn = Guarded("random designs on the device", $"{name}, {lanes:N0} lanes per call",
                () => RandomDesignRow(device, name, net, design, limits, lanes, repeats, simdLanes / cpu));
            if (drawn is not null) yield return drawn;
            // The kernel alone is what these rows compare, so the other kernels skip the whole generations.
            foreach (var (owner, form, scratch) in otherKernels)
            {
                yield return Guarded("gga kernel throughput", $"{name}, {lanes:N0} lanes per launch, {form} Newton steps, scratch in {scratch} memory", () =>
                {
                    using var other = owner.OpenHydraulicSession(net, lanes, form, scratch);
                    other.Solve(batch); // compiles and uploads outside the timing
                    double otherKernel = KernelSeconds(other, lanes, repeats);
                    var counted = Traffic(other.Loops, lanes, other.SharedScratchLanesPerGroup > 0);
                    return KernelRow(name, other.Method, lanes, repeats, otherKernel, batch.Iterations.Average(), counted, peak, simdLanes / cpu);
                })!;
            }
        }
    }

    /// <summary>
    /// What `simulate --random-designs` runs per call on a GPU, timed: designs drawn on the device (their resistances
    /// looked up per catalog option in loop-flow form), the GGA, the limits kernel, margins and violations back; best
    /// of <paramref name="repeats"/> calls of fresh designs after one that compiles. Then checked: the last call's
    /// designs, drawn on the host and sent as diameters through an ordinary session (the path the parity rows check
    /// against SIMD), must get the same feasibility verdicts (a rare ulp-level flip allowed, as for trial counts) and
    /// margins within <see cref="HeadTolerance"/>·(|m| + 10 m). Null where the session cannot draw (limits that
    /// differ by demand case).
    /// </summary>
    private static DeviceCheckRow? RandomDesignRow(IComputeBackend device, string name, CompiledNetwork net, DesignSpec design, DesignFeasibility limits, int lanes, int repeats, double simdPerSecond)
    {
        int cases = net.CaseNames.Length, designs = lanes / cases;
        if (!limits.CaseIndependent || designs < 1) return null;
        using var session = device.OpenHydraulicSession(net, designs * cases);
        if (session is not IRandomDesignSession drawing) return null;
        var catalog = RandomDesignCatalog.Of(net, design);
        var batch = RandomDesignCatalog.Lanes(net, designs, cases);
        drawing.LoadRandomDesignLanes(batch, cases, catalog, limits);
        double[] margin = new double[batch.Count], violation = new double[batch.Count];
        drawing.SolveRandomDesigns(1, 0, designs, margin, violation); // compiles outside the timing
        double best = double.PositiveInfinity;
        for (int r = 1; r <= repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            drawing.SolveRandomDesigns(1, (long)r * designs, designs, margin, violation);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        string method = session is IlgpuHydraulicSession gpu ? gpu.Method : device.HydraulicMethod(net);

        // The same session, now sent diameters: a plain solve ends its random-design load, and this is its last use.
        var sent = RandomDesignCatalog.Lanes(net, designs, cases);
        catalog.WriteDesigns(sent, 1, (long)repeats * designs, designs, cases);
        double[] sentMargin = new double[sent.Count], sentViolation = new double[sent.Count];
        session.Solve(sent);
        session.EvaluateDesignLimits(sent, limits, RandomDesignCatalog.CaseOfLane(sent.Count, cases), sentMargin, sentViolation);
        int verdicts = 0, outside = 0;
        double worst = 0;
        for (int lane = 0; lane < sent.Count; lane++)
        {
            if ((violation[lane] == 0) != (sentViolation[lane] == 0)) verdicts++;
            double m = margin[lane], expected = sentMargin[lane];
            if (m == expected) continue; // infinite margins of failed lanes included
            double dev = Math.Abs(m - expected) / (Math.Abs(expected) + 10.0);
            worst = Math.Max(worst, double.IsNaN(dev) ? double.PositiveInfinity : dev);
            if (!(dev <= HeadTolerance)) outside++;
        }
        bool passed = verdicts <= sent.Count / 1000 && outside <= sent.Count / 1000;
        return new DeviceCheckRow("random designs on the device", $"{name}, {designs * cases:N0} lanes per call, {method}", passed,
            $"best of {repeats}: {best * 1e3:F1} ms per call of {designs:N0} designs × {cases} case(s): drawn on the device, GGA, limits kernel, margins and violations back (what `simulate --random-designs` runs per call); " +
            $"the last call's designs sent as diameters instead: {verdicts} feasibility verdicts and {outside} margins differ (largest |Δm|/(|m|+10 m) {worst:G3}, tolerance {HeadTolerance:G2})",
            PerSecond: designs * cases / best, SimdPerSecond: simdPerSecond, Seconds: best, MaxDeviation: worst);
    }

    /// <summary>
    /// The GGA kernel alone, with the memory traffic it moved: counted bytes per lane solve (<see cref="LaneTraffic"/>)
    /// times lanes over the time, against the device's peak where known. Near the peak the kernel is bound by memory
    /// bandwidth and only less traffic helps; far below it, by latency or instructions.
    /// </summary>
    private static DeviceCheckRow KernelRow(string name, string method, int lanes, int repeats, double kernel, double trials, LaneTraffic traffic, double? peak, double simdPerSecond)
    {
        double moved = lanes * traffic.BytesPerSolve / kernel;
        string ofPeak = peak is { } p ? $" = {moved / p:P0} of the device's {p / 1e12:F2} TB/s peak, which bounds this kernel at {p / traffic.BytesPerSolve:G3} solves/s" : "";
        return new("gga kernel throughput", $"{name}, {lanes:N0} lanes per launch, {method}", true,
            $"best of {repeats}: {kernel * 1e3:F1} ms for the GGA kernel alone on inputs already on the device = {lanes * trials / kernel:G3} lane-trials/s; " +
            $"{traffic.BytesPerSolve / 1e3:F1} kB per lane solve in per-lane arrays (counted over {traffic.Lanes:N0} random designs by running the kernel's solver on the host) " +
            $"→ {moved / 1e9:F1} GB/s{ofPeak}",
            PerSecond: lanes / kernel, SimdPerSecond: simdPerSecond, Seconds: kernel);
    }

    /// <summary>
    /// The rows of <paramref name="rows"/> as they come, except that a check that throws (a kernel the driver refuses, a launch
    /// that fails) ends them with a failed row naming the exception instead of ending the whole device check: a GPU's
    /// minutes are scarce, and the other checks' figures are still worth having.
    /// </summary>
    public static IEnumerable<DeviceCheckRow> Guarded(string check, string subject, Func<IEnumerable<DeviceCheckRow>> rows)
    {
        IEnumerator<DeviceCheckRow>? e = null;
        DeviceCheckRow? last = null;
        try
        {
            while (true)
            {
                bool next = false;
                string where = last is null ? subject : $"{subject}, after {last.Check}: {last.Subject}";
                DeviceCheckRow? row = Guarded(check, where, () => (next = (e ??= rows().GetEnumerator()).MoveNext()) ? e.Current : null);
                if (row is null) yield break;
                yield return last = row;
                if (!next) yield break; // it threw: an enumerator does not go on after that
            }
        }
        finally
        {
            e?.Dispose();
        }
    }

    /// <summary>One check's row, null or a row as <paramref name="row"/> gives it, or a failed row where it throws.</summary>
    public static DeviceCheckRow? Guarded(string check, string subject, Func<DeviceCheckRow?> row)
    {
        try
        {
            return row();
        }
        // The host running out of memory ends the check; a device that cannot hold a batch, or refuses a kernel's
        // module as a session opens it (IlgpuHydraulicSession reports both as InsufficientMemoryException), fails a row.
        catch (Exception e) when (e is not OutOfMemoryException || e is InsufficientMemoryException)
        {
            return new DeviceCheckRow(check, subject, false, $"the check threw {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The loop-flow kernel's scratch that <paramref name="gpu"/>'s sessions do not use: the device check runs that kernel too.</summary>
    public static GgaScratchMemory OtherScratch(IlgpuBackend gpu) => gpu.Scratch == GgaScratchMemory.Shared ? GgaScratchMemory.Device : GgaScratchMemory.Shared;

    /// <summary>
    /// Lanes of a CUDA warp: one instruction stream steps them together, so a warp's trials are its slowest lane's.
    /// Reported on every backend, as the figure a CUDA card would see for the same designs.
    /// </summary>
    public const int WarpLanes = 32;

    /// <summary>Mean over groups of <see cref="WarpLanes"/> neighbouring lanes of the group's largest trial count.</summary>
    public static double WarpTrials(ReadOnlySpan<int> iterations)
    {
        if (iterations.IsEmpty) return 0;
        double sum = 0;
        int groups = 0;
        for (int first = 0; first < iterations.Length; first += WarpLanes, groups++)
        {
            int most = 0;
            foreach (int trials in iterations.Slice(first, Math.Min(WarpLanes, iterations.Length - first))) most = Math.Max(most, trials);
            sum += most;
        }
        return sum / groups;
    }

    /// <summary>Random designs that <see cref="LaneTraffic"/> counts a GPU session's kernel on.</summary>
    private const int TrafficLanes = 1024;

    /// <summary>
    /// Best of <paramref name="repeats"/> generations (solve, then the limits) of <paramref name="batch"/>, after one that
    /// compiles and uploads outside the timing.
    /// </summary>
    private static double GenerationSeconds(IHydraulicSession session, HydraulicBatch batch, DesignFeasibility limits, int repeats)
    {
        int lanes = batch.Count;
        int[] cases = new int[lanes];
        double[] m = new double[lanes], v = new double[lanes];
        batch.OutputsToHost = false;
        session.Solve(batch);
        double best = double.PositiveInfinity;
        for (int r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            session.Solve(batch);
            session.EvaluateDesignLimits(batch, limits, cases, m, v);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return best;
    }

    /// <summary>Best of <paramref name="repeats"/> runs of the GGA kernel alone on the inputs the session last uploaded.</summary>
    private static double KernelSeconds(IlgpuHydraulicSession session, int lanes, int repeats)
    {
        double best = double.PositiveInfinity;
        for (int r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            session.SolveResident(lanes);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return best;
    }

    /// <summary>
    /// Floyd–Warshall throughput in relaxations (n³) per second: one call including transfers, best of
    /// <paramref name="repeats"/> after a call that compiles the kernels, beside SIMD's when given. On an ILGPU backend
    /// a second row gives the kernels alone, from the best call's split (<see cref="FloydWarshallStageTimes"/>). Then
    /// the same for distances alone (an empty next, SIMD's likewise). The first row stays the call with successors; rows
    /// come as measured, so a distances-only run that throws under <see cref="Guarded(string, string, Func{IEnumerable{DeviceCheckRow}})"/>
    /// leaves the rows before it.
    /// </summary>
    public static IEnumerable<DeviceCheckRow> PathsThroughput(IComputeBackend backend, int n, bool single, int repeats, IComputeBackend? simd = null)
    {
        var w = RandomGraph(n, Math.Min(1.0, 12.0 / n), 5);
        foreach (var row in PathsThroughput(backend, w, n, single, repeats, simd, routes: true)) yield return row;
        foreach (var row in PathsThroughput(backend, w, n, single, repeats, simd, routes: false)) yield return row;
    }

    private static List<DeviceCheckRow> PathsThroughput(IComputeBackend backend, double[] w, int n, bool single, int repeats, IComputeBackend? simd, bool routes)
    {
        var (best, stages, form) = BestPathsSeconds(backend, w, n, single, repeats, routes);
        bool blocked = form is not null;
        double? cpu = simd is null ? null : BestPathsSeconds(simd, w, n, single, 1, routes).Seconds;
        double relax = (double)n * n * n;
        string only = routes ? "" : ", distances only";
        string subject = $"{n} nodes, {(single ? "float" : "double")}";
        string split = stages is { } t
            ? $" = copies in {t.Upload.TotalSeconds:F3} s + kernels {t.Kernels.TotalSeconds:F3} s + copies out {t.Download.TotalSeconds:F3} s + host {best - t.Device.TotalSeconds:F3} s"
            : "";
        var rows = new List<DeviceCheckRow>
        {
            new("floyd-warshall throughput", subject + only, true,
                $"best of {repeats}: {best:F3} s per call incl. transfers{split}" + (cpu is { } c ? $"; SIMD {c:F3} s" : ""),
                PerSecond: relax / best, SimdPerSecond: cpu is { } s ? relax / s : null, Seconds: best),
        };
        if (stages is { } k && k.Kernels > TimeSpan.Zero)
        {
            double kernels = k.Kernels.TotalSeconds;
            // Each pass (a block of k, or one k) reads and writes every distance (and successor, where kept) at least once.
            double passes = blocked ? Math.Ceiling((double)n / FloydWarshallKernels.Tile) : n;
            double moved = passes * 2.0 * n * n * ((single ? sizeof(float) : sizeof(double)) + (routes ? sizeof(int) : 0)) / kernels;
            string ofPeak = (backend as IlgpuBackend)?.PeakMemoryBandwidth is { } peak ? $", {moved / peak:P0} of the device's {peak / 1e12:F2} TB/s peak" : "";
            string byMinimum = form == FloydWarshallForm.DistancesByMinimum ? ", phase 3 by minimum" : "";
            rows.Add(new DeviceCheckRow("floyd-warshall kernel throughput", $"{subject}, {(blocked ? "blocked" : "per-k")}{only}{byMinimum}", true,
                $"the kernels alone in the best call: {kernels:F3} s (the host waits for the device before and after them)" +
                (k.Phases is { } p ? $"; by phase, summed over the blocks of k: pivot tile {p.Pivot.TotalSeconds:F3} s, its row and column {p.Cross.TotalSeconds:F3} s, the rest {p.Rest.TotalSeconds:F3} s" : "") +
                $"; the matrix read and written once per {(blocked ? "block of k" : "k")} is {moved / 1e9:F1} GB/s{ofPeak}",
                PerSecond: relax / kernels, Seconds: kernels));
        }
        return rows;
    }

    /// <summary>Best call time over <paramref name="repeats"/> calls after a first that compiles the kernels; each
    /// call gets a fresh copy of the weights, made outside the timing. On ILGPU each call opens a session as the
    /// backend's own call does, but asks it for its stage split and phase markers (which a plain call does not record),
    /// and which blocked kernels it took (null: per-step, or not ILGPU). Without <paramref name="routes"/> next is empty:
    /// distances alone.</summary>
    private static (double Seconds, FloydWarshallStageTimes? Stages, FloydWarshallForm? BlockedForm) BestPathsSeconds(IComputeBackend backend, double[] w, int n, bool single, int repeats, bool routes)
    {
        var next = routes ? new int[n * n] : [];
        var wf = single ? Array.ConvertAll(w, x => (float)x) : null;
        var dist = single ? null : new double[w.Length];
        var gpu = backend as IlgpuBackend;
        double best = double.PositiveInfinity;
        FloydWarshallStageTimes? bestStages = null;
        FloydWarshallForm? form = null;
        for (int r = 0; r <= repeats; r++)
        {
            var distF = single ? (float[])wf!.Clone() : null;
            if (!single) w.CopyTo(dist!, 0);
            FloydWarshallStageTimes? stages = null;
            var sw = Stopwatch.StartNew();
            if (gpu is not null)
            {
                using var session = new FloydWarshallSession(gpu.Accelerator, n, timePhases: true);
                if (single) session.Run(distF!, next);
                else session.Run(dist!, next);
                stages = session.LastRun;
                form = session.UsesBlocked ? session.LastForm : null;
            }
            else if (single) backend.AllPairsShortestPaths(distF!, next, n);
            else backend.AllPairsShortestPaths(dist!, next, n);
            double seconds = sw.Elapsed.TotalSeconds;
            if (r > 0 && seconds < best) // the first call compiles the kernels
            {
                best = seconds;
                bestStages = stages;
            }
        }
        return (best, bestStages, form);
    }

    private static HydraulicBatch RandomDesigns(CompiledNetwork net, DesignSpec design, int lanes, int seed)
    {
        var rng = new Xoshiro256StarStar((ulong)seed);
        var batch = new HydraulicBatch(net, lanes);
        var sizes = design.Catalog.Select(c => c.Diameter).ToArray();
        foreach (int pipe in net.DecisionPipes)
        {
            var row = batch.Diameter.AsSpan(pipe * lanes, lanes);
            for (int lane = 0; lane < lanes; lane++) row[lane] = sizes[rng.NextInt(sizes.Length)];
        }
        return batch;
    }

    private static double[] RandomGraph(int n, double density, int seed)
    {
        var rng = new Xoshiro256StarStar((ulong)seed);
        var w = new double[n * n];
        Array.Fill(w, double.PositiveInfinity);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i != j && j != n - 1 && rng.NextDouble() < density) w[i * n + j] = 0.01 + 10 * rng.NextDouble();
        return w;
    }
}
