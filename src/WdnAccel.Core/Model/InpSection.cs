namespace WdnAccel.Core.Model;

/// <summary>
/// An EPANET section that does not affect a hydraulic snapshot ([TIMES], [REPORT], [ENERGY], [QUALITY], ...),
/// carried verbatim so that an export writes it back unchanged instead of dropping it.
/// </summary>
public sealed record InpSection(string Name, IReadOnlyList<string> Lines);
