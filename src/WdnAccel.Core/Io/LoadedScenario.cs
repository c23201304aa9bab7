using WdnAccel.Core.Model;

namespace WdnAccel.Core.Io;

/// <summary>A scenario read from a file, with the import's warnings and (for .inp) the line of each element.</summary>
public sealed record LoadedScenario(Scenario Scenario, string Path, IReadOnlyList<string> Warnings, IReadOnlyDictionary<string, int>? SourceLines);
