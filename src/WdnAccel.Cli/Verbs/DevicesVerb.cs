using System.Globalization;
using CommandLine;
using WdnAccel.Core.Io;
using WdnAccel.Kernels.Ilgpu;

namespace WdnAccel.Cli.Verbs;

/// <summary>
/// `wdnaccel devices [--json] [--ptx DIR [--arch sm_90]]`: the accelerators ILGPU finds (CUDA GPUs, OpenCL 2.0+
/// devices, and its CPU accelerator, always) with the `--backend` value that selects each; with --ptx, every kernel
/// compiled to PTX for the given architecture, one file per kernel, so users can read what runs on their card
/// (no GPU needed).
/// </summary>
[Example("List the GPUs and CPU accelerators ILGPU finds", "wdnaccel devices")]
[Example("Write every kernel's PTX for a Hopper card", "wdnaccel devices --ptx ptx --arch sm_90")]
[Verb("devices", HelpText = "List the accelerators ILGPU finds (name, kind, memory, the --backend that selects each); --ptx DIR writes every kernel's PTX.")]
public sealed class DevicesVerb : CommonOptions, ICommand
{
    [Option("ptx", HelpText = "Also compile every GPU kernel to PTX and write DIR/<kernel>.ptx (no GPU needed).")]
    public string? Ptx { get; set; }

    // The check's and --ptx's options have no parser defaults, so that one given without --check or --ptx is seen and
    // refused, whatever its value; the defaults are applied below.
    [Option("arch", HelpText = "CUDA architecture for --ptx, e.g. sm_80, sm_90 (default sm_90).")]
    public string? ArchOption { get; set; }

    private string Arch => ArchOption ?? "sm_90";

    [Option("check", HelpText = "Check a GPU backend (cuda, opencl or ilgpu-cpu) against simd: GGA and limits kernels on Hanoi, New York and two-loop random designs (two-loop also with other friction formulas, a pressure control, emitters, pressure-driven demand and valves), Floyd–Warshall per-k, blocked and batched. Exit 1 if any check fails.")]
    public string? Check { get; set; }

    [Option("lanes", HelpText = "With --check: random designs per network (default 4096).")]
    public int? LanesOption { get; set; }

    private int Lanes => LanesOption ?? 4096;

    [Option("nodes", HelpText = "With --check: nodes of the random Floyd–Warshall graph (default 600; from 256 on, the blocked kernels run).")]
    public int? NodesOption { get; set; }

    private int Nodes => NodesOption ?? 600;

    [Option("graphs", HelpText = "With --check: small graphs in the batched Floyd–Warshall check (default 1000).")]
    public int? GraphsOption { get; set; }

    private int Graphs => GraphsOption ?? 1000;

    [Option("throughput", HelpText = "With --check: also measure Hanoi solves/s (--throughput-lanes per call) and Floyd–Warshall relaxations/s at --throughput-nodes, beside simd.")]
    public bool Throughput { get; set; }

    [Option("throughput-lanes", HelpText = "With --throughput: lanes per GGA call, comma-separated to compare batch sizes (how many lanes fill a GPU, and from what size their scratch outgrows its cache; default 1048576).")]
    public string? ThroughputLanesOption { get; set; }

    private string ThroughputLanes => ThroughputLanesOption ?? "1048576";

    [Option("throughput-nodes", HelpText = "With --throughput: Floyd–Warshall sizes, comma-separated (default 2048,8192).")]
    public string? ThroughputNodesOption { get; set; }

    private string ThroughputNodes => ThroughputNodesOption ?? "2048,8192";

    public ExitCode Execute(CommandContext context)
    {
        // Options that would be dropped silently: the check's without --check, the throughput sizes without
        // --throughput, the architecture without --ptx.
        string? withoutCheck = Check is not null ? null : Throughput ? "--throughput" : LanesOption is not null ? "--lanes" : NodesOption is not null ? "--nodes"
            : GraphsOption is not null ? "--graphs" : ThroughputLanesOption is not null ? "--throughput-lanes" : ThroughputNodesOption is not null ? "--throughput-nodes" : null;
        if (withoutCheck is not null)
            throw new InvalidInputException($"{withoutCheck} applies to a device check: add --check cuda, opencl or ilgpu-cpu", field: withoutCheck);
        string? withoutThroughput = Throughput ? null : ThroughputLanesOption is not null ? "--throughput-lanes" : ThroughputNodesOption is not null ? "--throughput-nodes" : null;
        if (withoutThroughput is not null)
            throw new InvalidInputException($"{withoutThroughput} sizes the throughput rows: add --throughput", field: withoutThroughput);
        if (ArchOption is not null && Ptx is null)
            throw new InvalidInputException("--arch chooses the architecture of --ptx DIR's files: add --ptx DIR", field: "--arch");
        var written = new List<(string Name, string Path, int Bytes, string Target)>();
        if (Ptx is not null)
        {
            ILGPU.Runtime.Cuda.CudaArchitecture arch;
            try
            {
                arch = PtxCompiler.ParseArchitecture(Arch);
            }
            catch (FormatException e)
            {
                throw new InvalidInputException(e.Message, field: "--arch");
            }
            OutputFolder.Prepare(Ptx, "--ptx"); // before compiling anything
            foreach (var (name, ptx) in PtxCompiler.CompileAll(arch))
            {
                string path = Path.Combine(Ptx, name + ".ptx");
                AtomicFile.WriteAllText(path, ptx); // a killed run never leaves a truncated .ptx
                written.Add((name, path, ptx.Length, PtxCompiler.TargetOf(ptx)));
                context.Wrote(path);
            }
        }
        var devices = IlgpuDevices.List();
        var checks = Check is null ? [] : RunChecks(context);
        Emit(context, w =>
        {
            w.WriteStartObject();
            w.WriteString("version", ProductVersion.Text); // a device check kept for a report says which build it checked
            if (Check is not null)
            {
                w.WriteString("checked_backend", Check);
                w.WriteBoolean("all_passed", checks.All(c => c.Passed));
                w.WriteStartArray("checks");
                foreach (var c in checks)
                {
                    w.WriteStartObject();
                    w.WriteString("check", c.Check);
                    w.WriteString("subject", c.Subject);
                    w.WriteBoolean("passed", c.Passed);
                    w.WriteString("detail", c.Detail);
                    if (c.MaxDeviation is { } dev) w.WriteNumber("max_deviation", dev);
                    if (c.PerSecond is { } rate) w.WriteNumber("per_second", rate);
                    if (c.SimdPerSecond is { } simdRate) w.WriteNumber("simd_per_second", simdRate);
                    if (c.Seconds is { } sec) w.WriteNumber("seconds", sec);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteStartArray("devices");
            foreach (var d in devices)
            {
                w.WriteStartObject();
                w.WriteString("name", d.Name);
                w.WriteString("kind", d.Kind switch { IlgpuDeviceKind.Cuda => "cuda", IlgpuDeviceKind.OpenCL => "opencl", _ => "cpu" });
                w.WriteNumber("index", d.Index);
                w.WriteString("backend", d.BackendName);
                if (d.MemoryBytes is { } memory) w.WriteNumber("memory_bytes", memory);
                else w.WriteNull("memory_bytes");
                w.WriteNumber("multiprocessors", d.Multiprocessors);
                w.WriteNumber("warp_size", d.WarpSize);
                w.WriteNumber("max_threads_per_group", d.MaxThreadsPerGroup);
                w.WriteNumber("shared_memory_per_group_bytes", d.SharedMemoryPerGroup);
                if (d.Architecture is not null) w.WriteString("architecture", d.Architecture);
                if (d.PeakMemoryBandwidth is { } bandwidth) w.WriteNumber("peak_memory_bandwidth_bytes_per_second", bandwidth);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (Ptx is not null)
            {
                w.WriteString("ptx_architecture", Arch);
                w.WriteStartArray("ptx");
                foreach (var (name, path, bytes, target) in written)
                {
                    w.WriteStartObject();
                    w.WriteString("kernel", name);
                    w.WriteString("file", path);
                    w.WriteNumber("bytes", bytes);
                    w.WriteString("target", target);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }, o =>
        {
            foreach (var d in devices)
            {
                string memory = d.MemoryBytes is { } m ? string.Format(CultureInfo.InvariantCulture, "{0:F1} GiB", m / (1024.0 * 1024 * 1024)) : "host memory";
                if (d.PeakMemoryBandwidth is { } bandwidth) memory += string.Format(CultureInfo.InvariantCulture, " at {0:F2} TB/s peak", bandwidth / 1e12);
                o.WriteLine(string.Format(CultureInfo.InvariantCulture, "--backend {0,-9} [{1}] {2}  ({3}, {4} multiprocessors, warp {5}{6})",
                    d.BackendName, d.Index, d.Name, memory, d.Multiprocessors, d.WarpSize, d.Architecture is null ? "" : ", " + d.Architecture));
            }
            if (!devices.Any(d => d.Kind != IlgpuDeviceKind.Cpu))
                o.WriteLine("no GPU found: --backend auto uses simd; the CPU accelerator above runs the GPU kernels for parity checks only");
            foreach (var (name, path, bytes, target) in written) o.WriteLine($"wrote {path} ({bytes:N0} bytes of PTX, .target {target}, kernel {name})");
            if (written.Any(f => f.Target != PtxCompiler.Name(PtxCompiler.ParseArchitecture(Arch))))
                o.WriteLine($"--arch {Arch}: ILGPU {typeof(ILGPU.Context).Assembly.GetName().Version?.ToString(3)} writes .target sm_80 for architectures above sm_80; the driver compiles that PTX for the card it loads on");
            foreach (var c in checks)
            {
                string rate = c.PerSecond is { } r ? string.Format(CultureInfo.InvariantCulture, " {0:G4}/s", r) + (c.SimdPerSecond is { } q ? string.Format(CultureInfo.InvariantCulture, " (simd {0:G4}/s, {1:F1}x)", q, r / q) : "") : "";
                o.WriteLine($"{(c.Passed ? "ok  " : "FAIL")} {c.Check}: {c.Subject}:{rate} {c.Detail}");
            }
        });
        if (checks.Any(c => !c.Passed))
        {
            context.Error.WriteLine($"error: {checks.Count(c => !c.Passed)} device check(s) failed on --backend {Check}");
            return ExitCode.InternalError;
        }
        return ExitCode.Success;
    }

    /// <summary>A comma-separated list of counts ≥ 1, or an error naming <paramref name="field"/>.</summary>
    private static int[] PositiveCounts(string text, string field, string what)
    {
        var counts = new List<int>();
        foreach (string t in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < 1)
                throw new InvalidInputException($"{field} must be comma-separated {what} >= 1, got '{text}'", field: field);
            counts.Add(n);
        }
        if (counts.Count == 0) throw new InvalidInputException($"{field} must be comma-separated {what} >= 1, got '{text}'", field: field);
        return [.. counts];
    }

    /// <summary>
    /// Each row whole on stderr as it is made: the report comes at the end, and a process that dies on a card
    /// (a driver fault in a later check) would otherwise take every figure with it.
    /// </summary>
    private static void Progress(CommandContext context, string verb, Kernels.Ilgpu.DeviceCheckRow row)
    {
        string rate = row.PerSecond is { } r ? string.Format(CultureInfo.InvariantCulture, " {0:G4}/s;", r) : "";
        context.Error.WriteLine($"{verb} {row.Check}: {row.Subject}: {(row.Passed ? "ok" : "FAIL")};{rate} {row.Detail}");
    }

    private List<Kernels.Ilgpu.DeviceCheckRow> RunChecks(CommandContext context)
    {
        if (Lanes < 1) throw new InvalidInputException($"--lanes must be >= 1, got {Lanes}", field: "--lanes");
        if (Nodes < 1 || Nodes > 20_000) throw new InvalidInputException($"--nodes must be 1..20000, got {Nodes}", field: "--nodes");
        if (Graphs < 1) throw new InvalidInputException($"--graphs must be >= 1, got {Graphs}", field: "--graphs");
        int[] batches = PositiveCounts(ThroughputLanes, "--throughput-lanes", "lane counts");
        int[] sizes = PositiveCounts(ThroughputNodes, "--throughput-nodes", "node counts");
        if (Check is not ("cuda" or "opencl" or "ilgpu-cpu"))
            throw new InvalidInputException($"--check takes a GPU backend: cuda, opencl or ilgpu-cpu; got '{Check}'", field: "--check");

        using var device = Kernels.BackendFactory.Create(Check, 0, out _, profiling: true);
        using var simd = new Kernels.Simd.SimdBackend();
        var rows = new List<Kernels.Ilgpu.DeviceCheckRow>();
        var networks = new List<(string Name, Core.Hydraulics.CompiledNetwork Net, Core.Model.DesignSpec Design)>();
        foreach (var (file, name) in new[] { ("HAN.wdn", "Hanoi"), ("NYT.wdn", "New York tunnels"), ("TLN.wdn", "two-loop") })
        {
            string path = Path.Combine(DataFolder(), "scenarios", file);
            var scenario = Core.Io.ScenarioFile.Load(path).Scenario;
            networks.Add((name, Core.Hydraulics.CompiledNetwork.Compile(scenario.Network, scenario.Design, path), scenario.Design!));
            // The two-loop network again with the other two friction formulas, so that a card runs each of the GGA
            // kernels' pipe branches (in both forms of the Newton step and both scratch memories, below): Darcy–Weisbach (ε = 0.26 mm, cast iron) and Chezy–Manning (n = 0.011).
            // Hanoi again with valves beside pipes 4 and 9 (a PRV holding node 5 at 45 m, an FCV passing 0.3 m³/s at
            // most): the kernel for the rare features takes their status rules. Not on two-loop: its 1-inch mains give
            // heads of −10⁶ m, where round-off beyond Htol tosses a valve's status and so the trial count.
            if (file == "HAN.wdn")
            {
                var valved = scenario.Network with
                {
                    Valves =
                    [
                        new Core.Model.Valve("V1", "4", "5", 0.6, Core.Model.ValveType.PRV, 45),
                        new Core.Model.Valve("V2", "9", "10", 0.5, Core.Model.ValveType.FCV, 0.3),
                    ],
                };
                networks.Add(($"{name}, a PRV beside pipe 4 and an FCV beside pipe 9", Core.Hydraulics.CompiledNetwork.Compile(valved, scenario.Design, path), scenario.Design!));
            }
            if (file != "TLN.wdn") continue;
            foreach (var (model, roughness) in new[] { (Core.Model.HeadLossModel.DarcyWeisbach, 0.26e-3), (Core.Model.HeadLossModel.ChezyManning, 0.011) })
            {
                var other = scenario.Network with
                {
                    Options = scenario.Network.Options with { HeadLoss = model },
                    Pipes = scenario.Network.Pipes.Select(p => p with { Roughness = roughness }).ToList(),
                };
                networks.Add(($"{name}, {Core.Model.HeadLossModelNames.DisplayName(model)}", Core.Hydraulics.CompiledNetwork.Compile(other, scenario.Design, path), scenario.Design!));
            }
            // And with a control on a junction's pressure (pipe 8 closes where node 7 falls below 30 m): the kernel that
            // checks such controls each time a lane converges.
            var switched = scenario.Network with
            {
                Controls = [new Core.Model.SimpleControl(new Core.Model.LinkAction("8", Core.Model.LinkStatus.Closed, null), Core.Model.ControlCondition.LowLevel, "7", 30)],
            };
            networks.Add(($"{name}, pipe 8 closed below 30 m at node 7", Core.Hydraulics.CompiledNetwork.Compile(switched, scenario.Design, path), scenario.Design!));
            // And with emitters at nodes 3 and 6 (about 10 L/s at 30 m each): the same kernel solves their outflows.
            var leaking = scenario.Network with
            {
                Junctions = scenario.Network.Junctions.Select(j => j.Id is "3" or "6" ? j with { EmitterCoefficient = 0.01 / Math.Sqrt(30) } : j).ToList(),
            };
            networks.Add(($"{name}, emitters at nodes 3 and 6", Core.Hydraulics.CompiledNetwork.Compile(leaking, scenario.Design, path), scenario.Design!));
            // And under pressure-driven demand (nothing below 20 m, the full demand from 50 m): the same kernel again.
            var deficient = scenario.Network with
            {
                Options = scenario.Network.Options with { DemandModel = Core.Model.DemandModel.PressureDriven, MinimumPressure = 20, RequiredPressure = 50 },
            };
            networks.Add(($"{name}, pressure-driven demand from 20 to 50 m", Core.Hydraulics.CompiledNetwork.Compile(deficient, scenario.Design, path), scenario.Design!));
        }
        // Each check is guarded: one that throws on a card becomes a failed row, and the others still run.
        void Parity(string name, Core.Hydraulics.CompiledNetwork net, Core.Model.DesignSpec design, Core.Hydraulics.LoopFlowMode? form = null, Kernels.Ilgpu.GgaScratchMemory? scratch = null)
        {
            rows.Add(Kernels.Ilgpu.DeviceCheck.Guarded("gga+limits parity", $"{name}, {form?.ToString() ?? "default"} Newton steps, {scratch?.ToString() ?? "default"} scratch",
                () => Kernels.Ilgpu.DeviceCheck.Hydraulics(device, simd, name, net, design, Lanes, 7, form, scratch))!);
            Progress(context, "checked", rows[^1]);
        }
        foreach (var (name, net, design) in networks)
        {
            Parity(name, net, design);
            // Where the kernel steps in loop-flow form, the junction form's kernel and the loop-flow kernel with its
            // scratch in the other memory (shared or device) are checked too: all three ship.
            if (device is Kernels.Ilgpu.IlgpuBackend gpu && gpu.StepsInLoopForm(net))
            {
                Parity(name, net, design, Core.Hydraulics.LoopFlowMode.Never);
                if (gpu.OtherScratchDiffers(net)) Parity(name, net, design, gpu.LoopFlows, Kernels.Ilgpu.DeviceCheck.OtherScratch(gpu));
            }
        }
        foreach (var row in Kernels.Ilgpu.DeviceCheck.Guarded("floyd-warshall parity", "Floyd–Warshall", () => Kernels.Ilgpu.DeviceCheck.Paths(device, simd, Nodes, Graphs, 3)))
        {
            rows.Add(row);
            Progress(context, "checked", row);
        }
        if (Throughput)
        {
            var (name, net, design) = networks[0];
            foreach (var row in Kernels.Ilgpu.DeviceCheck.Guarded("gga+limits throughput", name, () => Kernels.Ilgpu.DeviceCheck.HydraulicThroughput(device, simd, name, net, design, batches, 5)))
            {
                rows.Add(row);
                Progress(context, "measured", row);
            }
            foreach (bool single in new[] { false, true })
            {
                double? lastRate = null;
                foreach (int n in sizes.Order())
                {
                    // n³ work, one call with successors and one without: a size whose pair of calls would take over a
                    // minute at the last size's rate is skipped, not run.
                    double estimate = lastRate is { } r ? 2.0 * n * n * n / r : 0;
                    if (estimate > 60)
                    {
                        rows.Add(new Kernels.Ilgpu.DeviceCheckRow("floyd-warshall throughput", $"{n} nodes, {(single ? "float" : "double")}", true,
                            $"skipped: about {estimate:F0} s for a call with successors and one without, at the smaller size's rate", PerSecond: lastRate));
                        continue;
                    }
                    var measured = Kernels.Ilgpu.DeviceCheck.Guarded("floyd-warshall throughput", $"{n} nodes, {(single ? "float" : "double")}",
                        () => Kernels.Ilgpu.DeviceCheck.PathsThroughput(device, n, single, estimate > 10 ? 1 : 3, n <= 2048 ? simd : null)).ToList();
                    rows.AddRange(measured);
                    lastRate = measured[0].PerSecond ?? lastRate; // a failed size leaves the last rate to estimate by
                    foreach (var row in measured) Progress(context, "measured", row);
                }
            }
        }
        return rows;
    }

    /// <summary>The bundled data/ folder: beside the executable's repository checkout (walking up from it), else the working directory's.</summary>
    private static string DataFolder()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "data", "scenarios", "HAN.wdn"))) return Path.Combine(dir.FullName, "data");
        }
        throw new InvalidInputException("--check needs the bundled data/scenarios (HAN.wdn, NYT.wdn, TLN.wdn); run it from the repository", field: "--check");
    }

}
