using System.Globalization;
using System.Text.Json;
using CommandLine;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Core.Model;
using WdnAccel.Core.Problems;

namespace WdnAccel.Cli.Verbs;

/// <summary>`simulate --random-designs N --epanet LIB`: the same random designs through native EPANET, in the same run.</summary>
public sealed partial class SimulateVerb
{
    [Option("epanet", HelpText = "With --random-designs: also solve the same random designs with native EPANET, loaded at run time from this EPANET 2.2+ toolkit library (libepanet2.so, libepanet2.dylib, epanet2.dll), single-threaded and on all cores, and report the throughput ratio and the largest head difference.")]
    public string? Epanet { get; set; }

    [Option("epanet-designs", HelpText = "Designs EPANET solves with --epanet: the first M of the --random-designs (default: all, up to 20000).")]
    public int? EpanetDesigns { get; set; }

    /// <summary>The EPANET side, prepared before our run so that a wrong library or network fails before the work.</summary>
    private sealed class EpanetRun(EpanetToolkit toolkit, string inp, bool exported, int designs) : IDisposable
    {
        public EpanetToolkit Toolkit { get; } = toolkit;
        public string Inp { get; } = inp;
        public bool Exported { get; } = exported;
        public int Designs { get; } = designs;

        public void Dispose()
        {
            Toolkit.Dispose();
            if (Exported)
            {
                try { System.IO.File.Delete(Inp); }
                catch (IOException) { }
            }
        }
    }

    /// <summary>
    /// Checks --epanet's arguments and network, loads the library and opens the network in EPANET once (a bad .inp or
    /// library fails here, before our batched run). An .inp FILE is what EPANET opens; a .json or .wdn scenario's
    /// network is written as a temporary .inp, as `wdnaccel convert` writes it.
    /// </summary>
    private EpanetRun? PrepareEpanet(CommandContext context, Scenario scenario)
    {
        if (Epanet is null) return null; // the options were checked by CheckEpanetOptions before any work
        int designs = EpanetDesigns ?? Math.Min(RandomDesigns, EpanetComparison.DefaultDesigns);
        if (EpanetComparison.NotComparable(scenario.Network) is { } reason)
            throw new InvalidInputException($"--epanet: {reason}", File, field: "--epanet");
        bool isInp = string.Equals(Path.GetExtension(File), ".inp", StringComparison.OrdinalIgnoreCase);
        if (!isInp && scenario.Network.Pipes.Count == 0)
            throw new InvalidInputException("--epanet needs a network EPANET can open: an .inp file, or a scenario whose network can be written as one; this scenario has no pipes", File, field: "--epanet");
        var toolkit = EpanetToolkit.Load(Epanet);
        string inp = File;
        bool exported = false;
        try
        {
            if (!isInp)
            {
                inp = Path.Combine(Path.GetTempPath(), $"wdnaccel-epanet-{Guid.NewGuid():N}.inp");
                exported = true;
                AtomicFile.WriteAllText(inp, InpWriter.Write(new Scenario { Name = scenario.Name, Network = scenario.Network }, out _));
                context.Error.WriteLine($"note: --epanet: {File} is not an .inp; EPANET opens its network as `wdnaccel convert` writes it (a temporary .inp)");
            }
            EpanetProject.Open(toolkit, inp).Dispose();
            return new EpanetRun(toolkit, inp, exported, designs);
        }
        catch
        {
            new EpanetRun(toolkit, inp, exported, designs).Dispose();
            throw;
        }
    }

    /// <summary>--epanet and --epanet-designs belong to --random-designs; checked before any work.</summary>
    private void CheckEpanetOptions()
    {
        if (Epanet is null)
        {
            if (EpanetDesigns is not null) throw new InvalidInputException("--epanet-designs applies with --epanet LIB", field: "--epanet-designs");
            return;
        }
        if (RandomDesigns <= 0) throw new InvalidInputException("--epanet compares throughput on random designs; give --random-designs N", field: "--epanet");
        if (EpanetDesigns is { } m && (m < 1 || m > RandomDesigns))
            throw new InvalidInputException($"--epanet-designs must be between 1 and --random-designs ({RandomDesigns}), got {m}", field: "--epanet-designs");
    }

    private static void WriteEpanetJson(Utf8JsonWriter w, EpanetComparison.Outcome e, EpanetRun run, double ours, int ourThreads)
    {
        w.WriteStartObject("epanet");
        w.WriteString("library", e.Library);
        w.WriteString("version", e.Version);
        w.WriteString("inp", run.Exported ? "temporary export of the scenario's network" : run.Inp);
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
        w.WriteNumber("designs_compared", e.DesignsCompared);
        w.WriteNumber("designs_failed", e.DesignsFailed);
        w.WriteEndObject();
    }

    private static void WriteEpanetText(TextWriter o, EpanetComparison.Outcome e, double ours, int ourThreads)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine(string.Format(inv, "  EPANET {0} ({1}), first {2} designs: {3:N0} solves/s on 1 thread, {4:N0} solves/s on {5} threads",
            e.Version, e.Library, e.Designs, e.SolvesPerSecond, e.SolvesPerSecondAllCores, e.Threads));
        o.WriteLine(string.Format(inv, "  ours / EPANET: {0:F2}x (all cores), {1:F2}x per core; largest head difference {2} over {3} designs; EPANET failed on {4}",
            Ratio(ours, e.SolvesPerSecondAllCores), Ratio(ours / Math.Max(1, ourThreads), e.SolvesPerSecond),
            double.IsNaN(e.MaxHeadDifference) ? "-" : e.MaxHeadDifference.ToString("G3", inv) + " m", e.DesignsCompared, e.DesignsFailed));
    }

    private static double Ratio(double a, double b) => b > 0 ? a / b : double.NaN;
}
