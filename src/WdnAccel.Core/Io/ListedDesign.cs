namespace WdnAccel.Core.Io;

/// <summary>One design of a design file: its id, the line (CSV) or entry (JSON) it came from, and the diameters it sets, in m by pipe id.</summary>
public sealed record ListedDesign(string Id, string Where, IReadOnlyDictionary<string, double> Diameters);
