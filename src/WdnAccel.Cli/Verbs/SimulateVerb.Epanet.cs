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

    /// <summary>Prepares the EPANET side before our run (<see cref="EpanetSideBySide.Prepare"/>).</summary>
    private EpanetSideBySide? PrepareEpanet(CommandContext context, Scenario scenario) =>
        Epanet is null ? null // the options were checked by CheckEpanetOptions before any work
            : EpanetSideBySide.Prepare(context, Epanet, File, scenario, EpanetDesigns ?? Math.Min(RandomDesigns, EpanetComparison.DefaultDesigns));

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

}
