using System.Globalization;
using System.Text.Json;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Core.Model;
using WdnAccel.Core.Problems;

namespace WdnAccel.Cli;

/// <summary>
/// Native EPANET solving the same random designs as our run (`simulate --epanet`, `bench --hydraulics --epanet`):
/// the library loaded and the network opened before our run, so that a wrong library or network fails before the
/// work; then the comparison and its report lines.
/// </summary>
public sealed class EpanetSideBySide : IDisposable
{
    private EpanetSideBySide(EpanetToolkit toolkit, string inp, bool exported, int designs)
    {
        Toolkit = toolkit;
        Inp = inp;
        Exported = exported;
        Designs = designs;
    }

    public EpanetToolkit Toolkit { get; }
    /// <summary>The .inp EPANET opens: the user's file, or a temporary export of a scenario's network.</summary>
    public string Inp { get; }
    public bool Exported { get; }
    /// <summary>Designs EPANET solves: the first of our run's.</summary>
    public int Designs { get; }

    /// <summary>
    /// Loads <paramref name="library"/> and opens the network of <paramref name="file"/> in EPANET once. An .inp FILE
    /// is what EPANET opens; a .json or .wdn scenario's network is written as a temporary .inp, as `wdnaccel convert`
    /// writes it.
    /// </summary>
    public static EpanetSideBySide Prepare(CommandContext context, string library, string file, Scenario scenario, int designs)
    {
        if (EpanetComparison.NotComparable(scenario.Network) is { } reason)
            throw new InvalidInputException($"--epanet: {reason}", file, field: "--epanet");
        bool isInp = string.Equals(Path.GetExtension(file), ".inp", StringComparison.OrdinalIgnoreCase);
        if (!isInp && scenario.Network.Pipes.Count == 0)
            throw new InvalidInputException("--epanet needs a network EPANET can open: an .inp file, or a scenario whose network can be written as one; this scenario has no pipes", file, field: "--epanet");
        var toolkit = EpanetToolkit.Load(library);
        string inp = file;
        bool exported = false;
        try
        {
            if (!isInp)
            {
                inp = Path.Combine(Path.GetTempPath(), $"wdnaccel-epanet-{Guid.NewGuid():N}.inp");
                exported = true;
                AtomicFile.WriteAllText(inp, InpWriter.Write(new Scenario { Name = scenario.Name, Network = scenario.Network }, out _));
                context.Error.WriteLine($"note: --epanet: {file} is not an .inp; EPANET opens its network as `wdnaccel convert` writes it (a temporary .inp)");
            }
            EpanetProject.Open(toolkit, inp).Dispose();
            return new EpanetSideBySide(toolkit, inp, exported, designs);
        }
        catch
        {
            new EpanetSideBySide(toolkit, inp, exported, designs).Dispose();
            throw;
        }
    }

    /// <summary>EPANET on the first <see cref="Designs"/> random designs of <paramref name="seed"/> (<see cref="EpanetComparison.Run"/>), with a progress line.</summary>
    public EpanetComparison.Outcome Run(CommandContext context, CompiledNetwork net, DesignSpec design, int seed, int threads, IComputeBackend backend, int batchDesigns)
    {
        var progress = new CountProgress(context, "EPANET designs", Designs);
        return EpanetComparison.Run(Toolkit, Inp, net, design, Designs, seed, threads, backend, Math.Min(batchDesigns, Designs), progress.Report);
    }

    public void Dispose()
    {
        Toolkit.Dispose();
        if (Exported)
        {
            try { File.Delete(Inp); }
            catch (IOException) { }
        }
    }

    /// <summary>The answer's <c>epanet</c> object: EPANET's rates and the ratios to ours (<paramref name="ours"/> solves/s on <paramref name="ourThreads"/> threads).</summary>
    public void WriteJson(Utf8JsonWriter w, EpanetComparison.Outcome e, double ours, int ourThreads)
    {
        w.WriteStartObject("epanet");
        w.WriteString("library", e.Library);
        w.WriteString("version", e.Version);
        w.WriteString("inp", Exported ? "temporary export of the scenario's network" : Inp);
        w.WriteString("flow_units", e.FlowUnits.ToString());
        w.WriteNumber("designs", e.Designs);
        w.WriteNumber("seconds", e.Seconds);
        w.WriteNumber("solves_per_second", e.SolvesPerSecond);
        w.WriteNumber("seconds_all_cores", e.SecondsAllCores);
        w.WriteNumber("solves_per_second_all_cores", e.SolvesPerSecondAllCores);
        w.WriteNumber("threads", e.Threads);
        w.WriteNumberOrNull("ratio", Ratio(ours, e.SolvesPerSecondAllCores));
        w.WriteNumberOrNull("ratio_per_core", Ratio(ours / Math.Max(1, ourThreads), e.SolvesPerSecond));
        w.WriteNumberOrNull("max_head_difference_m", e.MaxHeadDifference);
        w.WriteNumberOrNull("max_relative_head_difference", e.MaxRelativeHeadDifference);
        w.WriteNumber("designs_compared", e.DesignsCompared);
        w.WriteNumber("designs_failed", e.DesignsFailed);
        w.WriteEndObject();
    }

    /// <summary>The two text lines of the comparison.</summary>
    public static void WriteText(TextWriter o, EpanetComparison.Outcome e, double ours, int ourThreads)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine(string.Format(inv, "  EPANET {0} ({1}), first {2} designs: {3:N0} solves/s on 1 thread, {4:N0} solves/s on {5} threads",
            e.Version, e.Library, e.Designs, e.SolvesPerSecond, e.SolvesPerSecondAllCores, e.Threads));
        o.WriteLine(string.Format(inv, "  ours / EPANET: {0:F2}x (all cores), {1:F2}x per core; largest head difference {2} ({3} of the design's largest |head|) over {4} designs; EPANET failed on {5}",
            Ratio(ours, e.SolvesPerSecondAllCores), Ratio(ours / Math.Max(1, ourThreads), e.SolvesPerSecond),
            double.IsNaN(e.MaxHeadDifference) ? "-" : e.MaxHeadDifference.ToString("G3", inv) + " m",
            double.IsNaN(e.MaxRelativeHeadDifference) ? "-" : e.MaxRelativeHeadDifference.ToString("G3", inv), e.DesignsCompared, e.DesignsFailed));
    }

    private static double Ratio(double a, double b) => b > 0 ? a / b : double.NaN;
}
