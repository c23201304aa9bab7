namespace WdnAccel.Core.Model;

/// <summary>
/// One commercially available pipe size: internal diameter in m and cost per metre of pipe.
/// Diameter 0 means "no pipe" (e.g. New York Tunnels' "do not duplicate" option): the link is closed.
/// <see cref="Roughness"/>, when set, replaces the pipe's roughness for this size.
/// </summary>
public sealed record CatalogEntry(double Diameter, double UnitCost, double? Roughness = null, string? Label = null)
{
    /// <summary>False for the "no pipe" option (diameter ≤ 0).</summary>
    public bool IsLaid => PipeDiameter.IsLaid(Diameter);
}
