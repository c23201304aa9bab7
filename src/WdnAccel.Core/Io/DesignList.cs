namespace WdnAccel.Core.Io;

/// <summary>
/// Designs read from a file (<see cref="DesignListFile"/>): the pipes the file names (in the order it first names them),
/// the unit its diameters were written in, and the designs. Pipes a design does not list keep the network's diameter.
/// </summary>
public sealed record DesignList(string Path, DiameterUnit Unit, IReadOnlyList<string> Pipes, IReadOnlyList<ListedDesign> Designs);
