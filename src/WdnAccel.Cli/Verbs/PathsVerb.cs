using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CommandLine;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Graphs;
using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Msgpack;
using WdnAccel.Core.Io.Scenarios;
using WdnAccel.Core.Model;

namespace WdnAccel.Cli.Verbs;

/// <summary>
/// `wdnaccel paths INPUT`: all-pairs shortest paths (Floyd–Warshall) of a graph — the full Dist and
/// Route (successor) matrices, or distance and route for requested pairs. Input formats: docs/paths.md.
/// </summary>
[Example("Shortest route between two nodes of Hanoi, on its pipe lengths", "wdnaccel paths data/networks/HAN.inp --from 1 --to 13")]
[Example("All pairs of a graph file, matrices as JSON", "wdnaccel paths data/graphs/small-directed.json --json")]
[Example("Distances alone, without the route matrix (faster, less memory)", "wdnaccel paths data/graphs/small-directed.json --distances-only --json")]
[Verb("paths", HelpText = "All-pairs shortest paths (Floyd–Warshall): distance and successor matrices, or routes for chosen pairs.")]
public sealed class PathsVerb : BackendOptions, ICommand
{
    [Value(0, MetaName = "INPUT", Required = true,
        HelpText = "Graph JSON {\"nodes\": n, \"edges\": [[from, to, weight], ...]} (0-based directed arcs), the same as a MessagePack map, or a scenario (.json/.wdn) with a graph_allocation block.")]
    public string Input { get; set; } = "";

    [Option("from", HelpText = "Sources: comma-separated node ids (indices for graph JSON), or 'plants' (supply nodes of a scenario).")]
    public string? From { get; set; }

    [Option("to", HelpText = "Targets: comma-separated node ids (indices for graph JSON), or 'demands' (demand nodes of a scenario).")]
    public string? To { get; set; }

    [Option("float", HelpText = "Compute in single precision (float) instead of double.")]
    public bool Float { get; set; }

    [Option("distances-only", HelpText = "Distances alone: no successor (route) matrix is kept or written, and pairs have no route. Faster (a min per relaxation instead of a compare and two selects) and 4 bytes less memory per pair; the distances are the same bit for bit. SciPy's floyd_warshall default.")]
    public bool DistancesOnly { get; set; }

    [Option("packed", HelpText = "With --out FILE.wdn/.msgpack: dist and next each as one block of little-endian binary (float64, or float32 with --float; int32), row-major, +inf where unreachable, for numpy.frombuffer; instead of arrays of rows.")]
    public bool Packed { get; set; }

    public ExitCode Execute(CommandContext context)
    {
        if (!NewtonSteps.Equals("auto", StringComparison.OrdinalIgnoreCase))
            throw new InvalidInputException("--newton-steps chooses how hydraulic (GGA) solves step; Floyd–Warshall has no such choice", field: "--newton-steps");
        // Choosing the backend (with `auto`, ILGPU looks for CUDA and OpenCL devices: ~0.1 s) runs on another core
        // while the graph is read.
        // Its note goes to stderr only once the input has been read (a broken file is reported alone).
        // The backend also readies its kernels there (compiled code, worker threads: ~45 ms at the first solve).
        var backendTask = Task.Run(() =>
        {
            var backend = CreateBackend(new CommandContext(TextWriter.Null, TextWriter.Null), out var note);
            backend.PrepareAllPairs(Float, routes: !DistancesOnly);
            return (Backend: backend, Note: note);
        });
        var readClock = Stopwatch.StartNew(); // reading = the file to the weight matrix (read_seconds)
        RoutingGraph graph;
        int[]? sources, targets;
        string? outFormat;
        double[]? dd = null;
        float[]? df = null;
        try
        {
            graph = RoutingGraphFiles.Load(Input);
            CheckMatricesFit(graph.NodeCount, Float, !DistancesOnly, Input);
            sources = From is null ? null : Resolve(graph, From, "--from");
            targets = To is null ? null : Resolve(graph, To, "--to");
            outFormat = Out is null ? null : OutputFormat(Out);
            if (Packed) CheckPacked(graph.NodeCount, outFormat, pairs: sources is not null || targets is not null);
            if (Float) df = graph.ToWeightMatrix<float>(Input);
            else dd = graph.ToWeightMatrix<double>(Input);
        }
        catch
        {
            try
            {
                backendTask.GetAwaiter().GetResult().Backend.Dispose();
            }
            catch (Exception)
            {
                // The input's error is the one to report.
            }
            throw;
        }
        double readSeconds = readClock.Elapsed.TotalSeconds;
        var (created, backendNote) = backendTask.GetAwaiter().GetResult();
        using var backend = created;
        if (backendNote is not null) context.Error.WriteLine($"note: {backendNote}");

        int n = graph.NodeCount;
        int[]? next = DistancesOnly ? null : LargeMatrix.Allocate<int>((long)n * n); // the kernel initializes every entry
        bool ok;
        var clock = Stopwatch.StartNew();
        var progress = Json ? null : new StepProgressLine(context.Error, context.Interactive, clock);
        if (df is not null) ok = backend.AllPairsShortestPaths(df, next, n, progress);
        else ok = backend.AllPairsShortestPaths(dd!, next, n, progress);
        double seconds = clock.Elapsed.TotalSeconds;
        progress?.Finish();
        double Dist(int e) => dd is not null ? dd[e] : df![e];

        if (!ok)
        {
            // Every node with a negative closed walk through it: on a negative cycle, or on a way into and out of one.
            var onCycle = Enumerable.Range(0, n).Where(i => !(Dist(i * n + i) >= 0)).ToArray();
            var cycle = NegativeCycle.Find(graph, next, onCycle);
            context.Error.WriteLine(cycle is not null
                ? $"error: negative cycle {string.Join(" > ", cycle.Append(cycle[0]).Select(i => graph.NodeIds[i]))} (total weight below 0); {onCycle.Length} node(s) have a closed walk of negative weight through it; shortest paths are undefined"
                : $"error: negative cycle: {onCycle.Length} node(s) have a closed walk of negative weight (on a negative cycle, or on a way into and out of one; e.g. {string.Join(", ", onCycle.Take(10).Select(i => graph.NodeIds[i]))}){(next is null ? "; without --distances-only one such cycle is named" : "")}; shortest paths are undefined");
            if (outFormat == "wdn")
            {
                // The binary result's form of the same answer (docs/paths.md), not JSON text in a .wdn file.
                var bytes = MessagePackEncoding.Encode((n, onCycle, cycle, graph, backend.Name), static (ref MessagePack.MessagePackWriter w,
                    (int N, int[] Nodes, int[]? Cycle, RoutingGraph Graph, string Backend) c) =>
                {
                    w.WriteMapHeader(c.Cycle is null ? 5 : 6);
                    w.Write("n");
                    w.Write(c.N);
                    w.Write("negative_cycle");
                    w.Write(true);
                    w.Write("negative_cycle_nodes");
                    w.WriteArrayHeader(c.Nodes.Length);
                    foreach (int i in c.Nodes) AllPairsResultWriter.WriteNode(ref w, c.Graph, i);
                    if (c.Cycle is { } found)
                    {
                        w.Write("negative_cycle_route");
                        w.WriteArrayHeader(found.Length);
                        foreach (int i in found) AllPairsResultWriter.WriteNode(ref w, c.Graph, i);
                    }
                    w.Write("backend");
                    w.Write(c.Backend);
                    w.Write("version");
                    w.Write(ProductVersion.Text);
                });
                OutputFile.Write(Out!, stream => stream.Write(bytes));
                context.Wrote(Out!);
                if (Json && !CommandContext.IsStdout(Out!)) context.Out.WriteLine(CycleJson()); // the same answer, as --json asks
            }
            else if (Json || Out is not null)
            {
                Emit(context, CycleJson());
            }
            return ExitCode.InfeasibleOrUnbounded;

            string CycleJson() => context.Json(w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("n", n);
                    w.WriteBoolean("negative_cycle", true);
                    w.WriteStartArray("negative_cycle_nodes");
                    foreach (int i in onCycle) WriteNode(w, graph, i);
                    w.WriteEndArray();
                    if (cycle is not null)
                    {
                        w.WriteStartArray("negative_cycle_route"); // one cycle of negative weight, in walking order
                        foreach (int i in cycle) WriteNode(w, graph, i);
                        w.WriteEndArray();
                    }
                    w.WriteString("backend", backend.Name);
                    w.WriteString("version", ProductVersion.Text);
                    w.WriteEndObject();
                });
        }

        bool pairs = sources is not null || targets is not null;
        sources ??= Enumerable.Range(0, n).ToArray();
        targets ??= Enumerable.Range(0, n).ToArray();

        if (!Json && Out is null)
        {
            WriteHuman(context.Out, graph, backend, seconds, pairs, sources, targets, next, Dist);
            return ExitCode.Success;
        }
        var summary = new AllPairsSummary(n, graph.Arcs.Count, Float, backend.Name, backend.Description, seconds, readSeconds)
        {
            NodeIds = graph.HasNamedIds ? graph.NodeIds : null,
        };
        if (pairs && outFormat == "wdn")
        {
            var bytes = MessagePackEncoding.Encode((graph, summary, sources, targets, next, dd, df), static (ref MessagePack.MessagePackWriter w,
                (RoutingGraph Graph, AllPairsSummary Summary, int[] Sources, int[] Targets, int[]? Next, double[]? Dd, float[]? Df) a) =>
                AllPairsResultWriter.WritePairsMessagePack(ref w, a.Graph, a.Summary, a.Sources, a.Targets, a.Next, a.Dd, a.Df));
            OutputFile.Write(Out!, stream => stream.Write(bytes));
            context.Wrote(Out!);
            AlsoOnStdout(context, graph, backend, seconds, pairs, sources, targets, next, Dist);
            return ExitCode.Success;
        }
        if (outFormat == "wdn")
        {
            OutputFile.Write(Out!, stream => AllPairsResultWriter.WriteMessagePack(stream, summary, dd, df, next, Packed));
            context.Wrote(Out!);
            AlsoOnStdout(context, graph, backend, seconds, pairs, sources, targets, next, Dist);
            return ExitCode.Success;
        }
        if (!pairs)
        {
            // Full matrices: streamed to the file or stdout, never one document string (100 MB at n = 2048).
            if (Out is not null)
            {
                OutputFile.Write(Out, stream => AllPairsResultWriter.WriteJson(stream, summary, dd, df, next, context.Warnings));
                context.Wrote(Out!);
                if (Json && !CommandContext.IsStdout(Out)) context.CopyToOut(Out); // besides the file, as --json asks
                else if (!Json) WriteHuman(context.Out, graph, backend, seconds, pairs, sources, targets, next, Dist);
            }
            else if (ReferenceEquals(context.Out, Console.Out))
            {
                Console.Out.Flush();
                using var stdout = Console.OpenStandardOutput();
                AllPairsResultWriter.WriteJson(stdout, summary, dd, df, next, context.Warnings);
                stdout.Flush();
            }
            else
            {
                using var text = new MemoryStream();
                AllPairsResultWriter.WriteJson(text, summary, dd, df, next, context.Warnings);
                context.Out.Write(Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length));
            }
            return ExitCode.Success;
        }

        string json = context.Json(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("n", n);
            w.WriteNumber("arcs", graph.Arcs.Count);
            w.WriteString("precision", Float ? "float" : "double");
            w.WriteString("backend", backend.Name);
            w.WriteString("backend_description", backend.Description);
            w.WriteNumber("seconds", seconds);
            w.WriteNumber("relaxations_per_second", seconds > 0 ? (double)n * n * n / seconds : 0);
            w.WriteBoolean("negative_cycle", false);
            w.WriteBoolean("routes", next is not null);
            w.WriteNumber("read_seconds", readSeconds);
            w.WriteString("version", ProductVersion.Text);
            {
                w.WriteStartArray("pairs");
                foreach (int s in sources)
                    foreach (int t in targets)
                    {
                        w.WriteStartObject();
                        w.WritePropertyName("from");
                        WriteNode(w, graph, s);
                        w.WritePropertyName("to");
                        WriteNode(w, graph, t);
                        WriteDistance(w, "distance", dd, df, s * n + t);
                        if (next is not null)
                        {
                            w.WriteStartArray("route");
                            foreach (int v in ShortestPathRoute.Reconstruct(next, n, s, t)) WriteNode(w, graph, v);
                            w.WriteEndArray();
                        }
                        w.WriteEndObject();
                    }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        });
        Emit(context, json, () => WriteHuman(context.Out, graph, backend, seconds, pairs, sources, targets, next, Dist));
        return ExitCode.Success;
    }

    internal static int[] Resolve(RoutingGraph graph, string spec, string option)
    {
        string s = spec.Trim();
        if (s is "plants" or "demands")
        {
            if (graph.Kinds is null)
                throw new InvalidInputException($"'{s}' needs node kinds, which only a scenario's graph_allocation block has; give node {(graph.HasNamedIds ? "ids" : "indices")}", field: option);
            var kind = s == "plants" ? GraphNodeKind.Supply : GraphNodeKind.Demand;
            var nodes = Enumerable.Range(0, graph.NodeCount).Where(i => graph.Kinds[i] == kind).ToArray();
            return nodes.Length > 0 ? nodes : throw new InvalidInputException($"the graph has no {s}", field: option);
        }
        var ids = s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length == 0) throw new InvalidInputException("expected comma-separated node ids", field: option);
        return ids.Select(id => graph.IndexOf(id) is int i and >= 0
            ? i
            : throw new InvalidInputException($"unknown node '{id}' ({KnownNodes(graph)})", field: option)).ToArray();
    }

    /// <summary>What ids the graph has: its index range, or its first few names in file order (names need not be sorted).</summary>
    private static string KnownNodes(RoutingGraph graph)
    {
        int n = graph.NodeCount;
        if (n == 0) return "the graph has no nodes";
        if (!graph.HasNamedIds) return $"the graph's nodes are 0..{n - 1}";
        const int Shown = 5;
        return $"the graph has {n} node(s): {string.Join(", ", graph.NodeIds.Take(Shown))}{(n > Shown ? ", …" : "")}";
    }

    /// <summary>--out takes .json or .wdn/.msgpack (<see cref="OutputFormat"/>): checked before the graph is read.</summary>
    public override void CheckOutName()
    {
        if (Out is not null) OutputFormat(Out);
    }

    /// <summary>
    /// The format --out's name says; JSON for a name without an extension and for a device such as /dev/stdout, as
    /// every other verb's --out writes (both were refused as "cannot tell the output format").
    /// </summary>
    private static string? OutputFormat(string path) =>
        (OutputFile.IsSpecial(path) ? "" : Path.GetExtension(path).ToLowerInvariant()) switch
        {
            ".json" or "" => "json",
            ".wdn" or ".msgpack" => "wdn",
            _ => throw new InvalidInputException($"cannot tell the output format of '{path}'; use .json, or .wdn / .msgpack for MessagePack", field: "--out"),
        };

    /// <summary>The JSON answer on stdout with --json, and in --out's file besides; without --json stdout gets the text
    /// summary, as every verb's --out adds a file to the normal output.</summary>
    private void Emit(CommandContext context, string text, Action? human = null)
    {
        if (Out is not null)
        {
            context.WriteSideFile(Out, text + "\n", "--out");
            if (CommandContext.IsStdout(Out)) return;
        }
        if (Json || Out is null) context.Out.WriteLine(text);
        else human?.Invoke();
    }

    /// <summary>After a MessagePack --out: the text summary on stdout, or with --json a line that says where the answer is
    /// (a MessagePack answer is not JSON, and the matrices are too large to repeat as text).</summary>
    private void AlsoOnStdout(CommandContext context, RoutingGraph graph, IComputeBackend backend, double seconds, bool pairs,
        int[] sources, int[] targets, int[]? next, Func<int, double> dist)
    {
        if (CommandContext.IsStdout(Out!)) return;
        if (!Json) WriteHuman(context.Out, graph, backend, seconds, pairs, sources, targets, next, dist);
        else context.Out.WriteLine(context.Json(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("n", graph.NodeCount);
            w.WriteString("backend", backend.Name);
            w.WriteNumber("seconds", seconds);
            w.WriteString("answer", Out);
            w.WriteString("answer_format", "MessagePack (docs/paths.md, \"Binary graph and result\")");
            w.WriteEndObject();
        }));
    }

    private static void WriteNode(Utf8JsonWriter w, RoutingGraph graph, int i)
    {
        if (graph.HasNamedIds) w.WriteStringValue(graph.NodeIds[i]);
        else w.WriteNumberValue(i);
    }

    private static void WriteDistance(Utf8JsonWriter w, string name, double[]? dd, float[]? df, int e)
    {
        if (dd is not null)
        {
            if (double.IsFinite(dd[e])) w.WriteNumber(name, dd[e]);
            else w.WriteNull(name);
        }
        else
        {
            if (float.IsFinite(df![e])) w.WriteNumber(name, df[e]);
            else w.WriteNull(name);
        }
    }

    private static void WriteHuman(TextWriter o, RoutingGraph graph, IComputeBackend backend, double seconds, bool pairs,
        int[] sources, int[] targets, int[]? next, Func<int, double> dist)
    {
        int n = graph.NodeCount;
        o.WriteLine($"{n} nodes, {graph.Arcs.Count} arcs; {backend.Description}; {seconds:F4} s");
        if (pairs)
        {
            foreach (int s in sources)
                foreach (int t in targets)
                {
                    double d = dist(s * n + t);
                    string route = next is null ? "" : "  (" + string.Join(" > ", ShortestPathRoute.Reconstruct(next, n, s, t).Select(v => graph.NodeIds[v])) + ")";
                    o.WriteLine(double.IsFinite(d)
                        ? $"{graph.NodeIds[s]} -> {graph.NodeIds[t]}: {d.ToString("G6", CultureInfo.InvariantCulture)}{route}"
                        : $"{graph.NodeIds[s]} -> {graph.NodeIds[t]}: unreachable");
                }
            return;
        }
        long reachable = 0;
        for (int e = 0; e < n * n; e++) if (double.IsFinite(dist(e))) reachable++;
        o.WriteLine($"{reachable} of {(long)n * n} ordered pairs reachable (diagonal included); --json or --out FILE.json for the matrices, --from/--to for {(next is null ? "chosen pairs" : "routes")}");
    }

    /// <summary>--packed is a form of the MessagePack matrices: only with such an --out file, and a matrix must fit one bin.</summary>
    private void CheckPacked(int n, string? outFormat, bool pairs)
    {
        if (outFormat != "wdn")
            throw new InvalidInputException("packed matrices are a form of the MessagePack answer: give --out FILE.wdn (or .msgpack)", field: "--packed");
        if (pairs)
            throw new InvalidInputException("packed matrices are the full n × n matrices, and --from/--to ask for chosen pairs instead: leave out one or the other", field: "--packed");
        long bytes = (long)n * n * (Float ? sizeof(float) : sizeof(double));
        if (bytes > AllPairsResultWriter.MaxPackedBytes)
            throw new InvalidInputException(string.Format(CultureInfo.InvariantCulture,
                "{0:N0} nodes: the distance matrix is {1:N0} bytes, over the 4 GiB one MessagePack bin holds; leave out --packed (rows){2}", n, bytes, Float ? "" : ", or use --float"),
                Out, field: "--packed");
    }

    /// <summary>
    /// The n × n distance and route matrices must fit one .NET array each (at most 46,340 nodes) and this process's
    /// memory; say so up front instead of failing with an overflow or out-of-memory midway.
    /// </summary>
    private static void CheckMatricesFit(int n, bool single, bool routes, string file)
    {
        long entries = (long)n * n;
        if (entries > Array.MaxLength)
        {
            int max = (int)Math.Sqrt(Array.MaxLength);
            throw new InvalidInputException(string.Format(CultureInfo.InvariantCulture,
                "{0:N0} nodes: the n × n {1} would need {2:N0} entries{3}; at most {4:N0} nodes fit a .NET array", n,
                routes ? "distance and route matrices" : "distance matrix", entries, routes ? " each" : "", max),
                file, field: "nodes");
        }
        const double GiB = 1 << 30;
        long bytes = entries * ((single ? sizeof(float) : sizeof(double)) + (routes ? sizeof(int) : 0));
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (bytes > available)
        {
            var smaller = new List<string>();
            if (!single) smaller.Add(string.Format(CultureInfo.InvariantCulture, "--float needs {0:F1} GiB", entries * (sizeof(float) + (routes ? sizeof(int) : 0)) / GiB));
            if (routes) smaller.Add(string.Format(CultureInfo.InvariantCulture, "--distances-only needs {0:F1} GiB", entries * (single ? sizeof(float) : sizeof(double)) / GiB));
            string hint = smaller.Count == 0 ? "" : $" ({string.Join("; ", smaller)})";
            throw new InvalidInputException(string.Format(CultureInfo.InvariantCulture,
                "{0:N0} nodes need {1:F1} GiB for the {2}; {3:F1} GiB is all this process may use{4}", n, bytes / GiB, routes ? "distance and route matrices" : "distance matrix", available / GiB, hint),
                file, field: "nodes");
        }
    }

    /// <summary>Share of the k steps, elapsed and remaining time on a <see cref="StatusLine"/>, after the first second
    /// (n in the thousands takes seconds to minutes).</summary>
    private sealed class StepProgressLine(TextWriter error, bool interactive, Stopwatch clock) : IProgress<double>
    {
        private readonly StatusLine _line = new(error, interactive, TimeSpan.FromSeconds(1));

        public void Report(double done)
        {
            if (done <= 0) return;
            var elapsed = clock.Elapsed;
            _line.Draw(elapsed, () => string.Format(CultureInfo.InvariantCulture, "  Floyd–Warshall {0,5:P0} of k   {1,6:F1} s, {2}   ",
                done, elapsed.TotalSeconds, StatusLine.TimeLeft(elapsed, done)));
        }

        public void Finish() => _line.Finish();
    }
}
