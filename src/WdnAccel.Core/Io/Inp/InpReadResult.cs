using WdnAccel.Core.Model;

namespace WdnAccel.Core.Io.Inp;

/// <summary>
/// What an .inp import produced: the scenario, the warnings a user must see (what was dropped or
/// interpreted), and the line of each node and link (keys "node:ID", "link:ID") for located validation messages.
/// </summary>
public sealed record InpReadResult(Scenario Scenario, IReadOnlyList<string> Warnings, IReadOnlyDictionary<string, int> SourceLines);
