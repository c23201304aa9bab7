namespace WdnAccel.Core.Model;

/// <summary>
/// EPANET 2.2's rules on how valves may be connected (input2.c valvecheck), written once for the .inp reader and the
/// scenario validator: a PRV, PSV or FCV may not touch a reservoir or tank (EPANET error 219), and pressure and flow
/// control valves may not share the nodes through which they would fight each other (error 220).
/// </summary>
internal static class ValveConnectionRules
{
    /// <summary>Whether a valve of <paramref name="type"/> may not touch a fixed-head node (error 219).</summary>
    public static bool NeedsJunctionEnds(ValveType type) => type is ValveType.PRV or ValveType.PSV or ValveType.FCV;

    /// <summary>Why a valve of <paramref name="type"/> from <paramref name="n1"/> to <paramref name="n2"/> may not sit beside an <paramref name="earlier"/> one (error 220), or null.</summary>
    public static string? Clash(ValveType type, string n1, string n2, (ValveType Type, string Node1, string Node2) earlier)
    {
        var (other, v1, v2) = earlier;
        return (other, type) switch
        {
            (ValveType.PRV, ValveType.PRV) when v2 == n2 || v2 == n1 || v1 == n2 => "two PRVs may not share a downstream node or be in series",
            (ValveType.PSV, ValveType.PSV) when v1 == n1 || v1 == n2 || v2 == n1 => "two PSVs may not share an upstream node or be in series",
            (ValveType.PSV, ValveType.PRV) when v1 == n2 => "a PSV may not start at a PRV's downstream node",
            (ValveType.PRV, ValveType.PSV) when v2 == n1 => "a PSV may not start at a PRV's downstream node",
            (ValveType.FCV, ValveType.PSV) when v2 == n1 => "a PSV may not start at an FCV's downstream node",
            (ValveType.FCV, ValveType.PRV) when v1 == n2 => "a PRV may not end at an FCV's upstream node",
            (ValveType.PSV, ValveType.FCV) when v1 == n2 => "an FCV may not end at a PSV's upstream node",
            (ValveType.PRV, ValveType.FCV) when v2 == n1 => "an FCV may not start at a PRV's downstream node",
            _ => null,
        };
    }
}
