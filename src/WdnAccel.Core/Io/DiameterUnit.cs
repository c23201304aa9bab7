using WdnAccel.Core.Model;

namespace WdnAccel.Core.Io;

/// <summary>
/// The unit a network's own file writes pipe diameters in, for files that list diameters next to it: an EPANET .inp
/// file's [PIPES] unit (inches where flows are in CFS, GPM, MGD, IMGD or AFD, millimetres otherwise, as EPANET reads
/// them), metres for the SI scenario formats (.json, .wdn).
/// </summary>
public sealed record DiameterUnit(string Name, double Meters)
{
    public static readonly DiameterUnit Metre = new("m", 1.0);
    public static readonly DiameterUnit Millimetre = new("mm", 1e-3);
    public static readonly DiameterUnit Inch = new("in", Units.MetersPerInch);

    /// <summary>The diameter unit of the network read from <paramref name="networkPath"/>.</summary>
    public static DiameterUnit Of(string networkPath, Network network) =>
        !string.Equals(Path.GetExtension(networkPath), ".inp", StringComparison.OrdinalIgnoreCase) ? Metre
        : Units.IsUsCustomary(network.Options.FlowUnits) ? Inch
        : Millimetre;
}
