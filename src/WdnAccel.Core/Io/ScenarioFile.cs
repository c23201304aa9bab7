using WdnAccel.Core.Io.Inp;
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
        if (!File.Exists(path)) throw new InvalidInputException("file not found", path);
        switch (Extension(path))
        {
            case ".inp":
                var inp = InpReader.ReadFile(path, ignoreUnsupported);
                return new LoadedScenario(inp.Scenario, path, inp.Warnings, inp.SourceLines);
            default:
                throw new InvalidInputException($"unknown scenario file type; expected one of {string.Join(", ", Extensions)}", path);
        }
    }

    /// <summary>Writes <paramref name="scenario"/> in the format of <paramref name="path"/>'s extension; returns what the format could not hold.</summary>
    public static IReadOnlyList<string> Save(Scenario scenario, string path)
    {
        switch (Extension(path))
        {
            case ".inp":
                File.WriteAllText(path, InpWriter.Write(scenario, out var warnings));
                return warnings;
            default:
                throw new InvalidInputException($"unknown output file type; expected one of {string.Join(", ", Extensions)}", path);
        }
    }

    private static string Extension(string path) => System.IO.Path.GetExtension(path).ToLowerInvariant();
}
