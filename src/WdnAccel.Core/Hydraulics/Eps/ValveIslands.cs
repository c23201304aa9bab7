namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>
/// Junctions that active PRVs and PSVs cut off from every reservoir and tank. An active PRV or PSV adds no
/// conductance to the GGA matrix (it fixes the head on one side and passes the other side's imbalance), so a zone fed
/// only through it is a floating block of the matrix: exactly singular, with a pivot that lands on 0, −ulp or +ulp
/// by the last bits of its coefficients. EPANET 2.2 (hydsolver.c badvalve) opens the valve when that pivot is ≤ 0 at
/// the valve's node, which its minimum-degree ordering makes the zone's last pivot; this finds the zone and its valve
/// whatever our ordering and the sign of the round-off.
/// </summary>
internal sealed class ValveIslands
{
    private readonly EpsNetwork _net;
    private readonly int[] _parent;
    private readonly bool[] _grounded;
    private bool _any;

    public ValveIslands(EpsNetwork net)
    {
        _net = net;
        _parent = new int[net.NodeCount];
        _grounded = new bool[net.NodeCount];
    }

    /// <summary>True for an active PRV or PSV (a link without conductance in the matrix).</summary>
    public bool IsActivePressureValve(int k, EpsStatus[] status, double[] setting) =>
        _net.Type[k] is EpsLinkType.PRV or EpsLinkType.PSV && status[k] == EpsStatus.Active && !double.IsNaN(setting[k]);

    /// <summary>
    /// Groups the nodes joined by every other link (closed ones too: they keep a small conductance); a group is
    /// grounded by a reservoir or tank or by the node whose head an active valve fixes. False (and nothing done) when
    /// no PRV or PSV is active: no zone can be cut off.
    /// </summary>
    public bool Update(EpsStatus[] status, double[] setting)
    {
        _any = false;
        int first = _net.PipeCount + _net.PumpCount;
        for (int k = first; k < _net.LinkCount && !_any; k++) _any = IsActivePressureValve(k, status, setting);
        if (!_any) return false;
        for (int i = 0; i < _parent.Length; i++) _parent[i] = i;
        for (int k = 0; k < _net.LinkCount; k++)
        {
            if (IsActivePressureValve(k, status, setting)) continue;
            int a = Root(_net.From[k]), b = Root(_net.To[k]);
            if (a != b) _parent[a] = b;
        }
        Array.Clear(_grounded);
        for (int i = _net.JunctionCount; i < _parent.Length; i++) _grounded[Root(i)] = true;
        // The controlled side of an active valve has its head fixed (a PRV's downstream node, a PSV's upstream one).
        for (int k = first; k < _net.LinkCount; k++)
        {
            if (!IsActivePressureValve(k, status, setting)) continue;
            _grounded[Root(_net.Type[k] == EpsLinkType.PRV ? _net.To[k] : _net.From[k])] = true;
        }
        return true;
    }

    /// <summary>A junction with an emitter or a pressure-driven demand has a head-dependent outflow: its group is grounded.</summary>
    public void Ground(int junction)
    {
        if (_any) _grounded[Root(junction)] = true;
    }

    /// <summary>Whether <paramref name="junction"/> lies in a zone that active pressure valves cut off from every fixed head.</summary>
    public bool IsCutOff(int junction) => _any && !_grounded[Root(junction)];

    /// <summary>The first active PRV or PSV (in input order) with an end in the zone of <paramref name="junction"/>, or −1.</summary>
    public int ValveOf(int junction, EpsStatus[] status, double[] setting)
    {
        if (!IsCutOff(junction)) return -1;
        int zone = Root(junction);
        for (int k = _net.PipeCount + _net.PumpCount; k < _net.LinkCount; k++)
        {
            if (!IsActivePressureValve(k, status, setting)) continue;
            if (Root(_net.From[k]) == zone || Root(_net.To[k]) == zone) return k;
        }
        return -1;
    }

    private int Root(int i)
    {
        while (_parent[i] != i)
        {
            _parent[i] = _parent[_parent[i]];
            i = _parent[i];
        }
        return i;
    }
}
