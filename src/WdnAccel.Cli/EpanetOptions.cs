using CommandLine;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Core.Problems;

namespace WdnAccel.Cli;

/// <summary>
/// Options of verbs that can solve their random designs with native EPANET beside ours (`simulate --random-designs N`,
/// `bench --hydraulics N`): the toolkit library and how many of the designs it solves.
/// </summary>
public abstract class EpanetOptions : BackendOptions
{
    [Option("epanet", HelpText = "With random designs (simulate --random-designs, bench --hydraulics): also solve the same designs with native EPANET, loaded at run time from this EPANET 2.2+ toolkit library (libepanet2.so, libepanet2.dylib, epanet2.dll), single-threaded and on all cores, and report the throughput ratio and the largest head difference.")]
    public string? Epanet { get; set; }

    [Option("epanet-designs", HelpText = "Designs EPANET solves with --epanet: the first M of the random designs (default: all, up to 20000).")]
    public int? EpanetDesigns { get; set; }

    /// <summary>
    /// --epanet and --epanet-designs belong to random designs: <paramref name="designs"/> of them, given by
    /// <paramref name="designsOption"/> (0 or null: none asked for). Checked before any work.
    /// </summary>
    protected void CheckEpanetOptions(int? designs, string designsOption)
    {
        if (Epanet is null)
        {
            if (EpanetDesigns is not null) throw new InvalidInputException("--epanet-designs applies with --epanet LIB", field: "--epanet-designs");
            return;
        }
        if (designs is not > 0) throw new InvalidInputException($"--epanet compares throughput on random designs; give {designsOption} N", field: "--epanet");
        if (EpanetDesigns is { } m && (m < 1 || m > designs))
            throw new InvalidInputException($"--epanet-designs must be between 1 and {designsOption} ({designs}), got {m}", field: "--epanet-designs");
    }

    /// <summary>The EPANET side, prepared before our run (<see cref="EpanetSideBySide.Prepare"/>), or null without --epanet.</summary>
    protected EpanetSideBySide? PrepareEpanet(CommandContext context, string file, Scenario scenario, int designs) =>
        Epanet is null ? null : EpanetSideBySide.Prepare(context, Epanet, file, scenario, EpanetDesigns ?? Math.Min(designs, EpanetComparison.DefaultDesigns));
}
