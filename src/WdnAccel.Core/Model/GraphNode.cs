namespace WdnAccel.Core.Model;

/// <summary>
/// A node of the Lishui case's supply graph. <see cref="PressureZone"/> orders zones (higher number = higher
/// pressure zone); water may not climb to a higher zone except out of a pumping station.
/// <see cref="Demand"/> (demand nodes) and <see cref="Capacity"/> (supply nodes) in m³/d.
/// </summary>
public sealed record GraphNode(
    string Id,
    GraphNodeKind Kind,
    double Elevation = 0,
    int PressureZone = 0,
    double Demand = 0,
    double Capacity = 0,
    Point2? Coordinates = null);
