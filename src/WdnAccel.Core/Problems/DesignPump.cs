namespace WdnAccel.Core.Problems;

/// <summary>
/// A catalog pump a design may place at a source: EPANET's one-point head curve through (<see cref="DesignFlow"/>,
/// <see cref="DesignHead"/>), i.e. the power function h = (4/3)·Hd − (Hd/3)·(Q/Qd)² with shutoff head 133 % of the
/// design head and zero head at twice the design flow (EPANET 2.2 manual, "Pump Curves": single-point curve), and the
/// capital cost of installing it (cost units). SI: flow in m³/s, head in m.
/// </summary>
public sealed record DesignPump(string Label, double DesignFlow, double DesignHead, double CapitalCost)
{
    /// <summary>Head gain (m) at flow <paramref name="flow"/> (m³/s) on the fitted curve (speed 1).</summary>
    public double Head(double flow) => 4.0 / 3.0 * DesignHead - DesignHead / 3.0 * Math.Pow(flow / DesignFlow, 2);
}
