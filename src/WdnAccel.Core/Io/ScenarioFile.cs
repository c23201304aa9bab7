using WdnAccel.Core.Io.Inp;
using WdnAccel.Core.Io.Scenarios;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Io;

/// <summary>
/// Reads and writes scenarios by file extension: <c>.inp</c> (EPANET), <c>.json</c> (hand-editable form of the
/// scenario schema) and <c>.wdn</c> (MessagePack). Every verb loads its input through here.
/// </summary>
public static class ScenarioFile
{
    public static readonly string[] Extensions = [".inp", ".json", ".wdn"];

    public static LoadedScenario Load(string path, bool ignoreUnsupported = false)
    {
        var loaded = LoadAsWritten(path, ignoreUnsupported);
        var warnings = new List<string>(loaded.Warnings);
        var scenario = SolverLimits.Apply(loaded.Scenario, warnings, path);
        return ReferenceEquals(scenario, loaded.Scenario) ? loaded : loaded with { Scenario = scenario, Warnings = warnings };
    }

    private static LoadedScenario LoadAsWritten(string path, bool ignoreUnsupported)
    {
        InputFile.Require(path);
        switch (Extension(path))
        {
            case ".inp":
                var inp = InpReader.ReadFile(path, ignoreUnsupported);
                return new LoadedScenario(inp.Scenario, path, inp.Warnings, inp.SourceLines);
            case ".json":
                return new LoadedScenario(ScenarioCodec.ReadJson(StrictText.Decode(File.ReadAllBytes(path), path), path), path, [], null);
            case ".wdn":
                using (var stream = File.OpenRead(path))
                {
                    return new LoadedScenario(ScenarioCodec.ReadWdn(stream, path), path, [], null);
                }
            default:
                throw new InvalidInputException($"unknown scenario file type; expected one of {string.Join(", ", Extensions)}", path);
        }
    }

    /// <summary>Writes <paramref name="scenario"/> in the format of <paramref name="path"/>'s extension; returns what the format could not hold. Written whole (temporary file + rename).</summary>
    public static IReadOnlyList<string> Save(Scenario scenario, string path, bool compress = false)
    {
        switch (Extension(path))
        {
            case ".inp":
                string inp = InpWriter.Write(scenario, out var warnings);
                AtomicFile.WriteAllText(path, inp);
                return warnings;
            case ".json":
                AtomicFile.WriteAllText(path, ScenarioCodec.WriteJson(scenario));
                return [];
            case ".wdn":
                AtomicFile.WriteAllBytes(path, ScenarioCodec.WriteWdn(scenario, compress));
                return [];
            default:
                throw new InvalidInputException($"unknown output file type; expected one of {string.Join(", ", Extensions)}", path);
        }
    }

    /// <summary>
    /// <paramref name="overlay"/>'s problem blocks (and its network, if it has one) on top of <paramref name="scenario"/>:
    /// how a design, supply or solver block kept in its own small JSON file is attached to an EPANET network.
    /// </summary>
    public static Scenario Merge(Scenario scenario, Scenario overlay) => scenario with
    {
        Name = overlay.Name.Length > 0 ? overlay.Name : scenario.Name,
        Network = overlay.Network.NodeCount > 0 ? overlay.Network : scenario.Network,
        Design = overlay.Design ?? scenario.Design,
        Supply = overlay.Supply ?? scenario.Supply,
        GraphAllocation = overlay.GraphAllocation ?? scenario.GraphAllocation,
        Solver = overlay.Solver ?? scenario.Solver,
    };

    private static string Extension(string path) => System.IO.Path.GetExtension(path).ToLowerInvariant();
}
