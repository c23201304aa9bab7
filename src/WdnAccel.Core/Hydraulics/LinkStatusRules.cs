namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// EPANET 2.2's link status rules (hydstatus.c cvstatus, pumpstatus, tanklinkstatus) in SI, written once for the
/// scalar oracle, the ILGPU kernels and the extended-period engine; the SIMD lane blocks apply the same comparisons
/// to vectors with the same constants. <c>dh</c> is H(Node1) − H(Node2), <c>q</c> the flow Node1→Node2.
/// </summary>
public static class LinkStatusRules
{
    /// <summary>cvstatus: a check valve closes on a reverse head beyond Htol or a reverse flow beyond Qtol; within Htol only the flow decides, else it keeps its state.</summary>
    public static bool CheckValveClosed(double dh, double q, bool wasClosed)
    {
        if (Math.Abs(dh) > GgaConstants.Htol) return dh < -GgaConstants.Htol || q < -GgaConstants.Qtol;
        return q < -GgaConstants.Qtol || wasClosed;
    }

    /// <summary>pumpstatus: a pump closes while it would have to deliver more than its shutoff head h0·s² (+Htol).</summary>
    public static bool PumpCannotDeliver(double dh, double speed, double shutoffHead) =>
        -dh > speed * speed * shutoffHead + GgaConstants.Htol;

    /// <summary>
    /// The tank whose level EPANET 2.2's tankstatus() checks for a link from node <paramref name="from"/> to
    /// <paramref name="to"/> (junctions first, then reservoirs, then tanks): its start node if that is a reservoir or
    /// tank, else its end node; −1 where that node is a reservoir or a junction. One end only, so a link between two
    /// tanks follows its start tank alone and a link from a reservoir into a tank is never closed by it.
    /// </summary>
    public static int TankCheckedBy(int from, int to, int junctionCount, int reservoirCount)
    {
        int node = from >= junctionCount ? from : to;
        return node >= junctionCount + reservoirCount ? node : -1;
    }

    /// <summary>
    /// The <see cref="HydraulicBatch.LinkTankBits"/> of a link whose checked tank (<see cref="TankCheckedBy"/>) stands at
    /// <paramref name="head"/>: tankstatus takes a tank within Htol of its top as full (unless it may overflow), within
    /// Htol of its bottom as empty; the bits name the forbidden direction by the tank's end of the link.
    /// </summary>
    public static byte TankBits(double head, double minHead, double maxHead, bool canOverflow, bool tankAtStart)
    {
        byte bits = 0;
        if (head >= maxHead - GgaConstants.Htol && !canOverflow) bits |= tankAtStart ? HydraulicBatch.LinkNoReverse : HydraulicBatch.LinkNoForward;
        if (head <= minHead + GgaConstants.Htol) bits |= tankAtStart ? HydraulicBatch.LinkEmptyForward : HydraulicBatch.LinkEmptyReverse;
        return bits;
    }

    /// <summary>
    /// tankstatus with the direction bits of <see cref="HydraulicBatch.LinkState"/>: a pump that would fill a full tank
    /// or drain an empty one closes. A pipe into a full tank closes when head or flow would go into it (cvstatus of an
    /// open check valve pointing out of the tank); a pipe out of an empty tank closes only when a closed check valve out
    /// of it would open: the tank's head above the other end's by more than Htol and no inflow beyond Qtol.
    /// </summary>
    public static bool TankClosed(int direction, bool pump, double dh, double q)
    {
        if (pump) return (direction & (HydraulicBatch.LinkNoForward | HydraulicBatch.LinkEmptyForward)) != 0;
        double htol = GgaConstants.Htol, qtol = GgaConstants.Qtol;
        bool closed = false;
        if ((direction & HydraulicBatch.LinkNoForward) != 0) closed = dh > htol || q > qtol;
        if ((direction & HydraulicBatch.LinkNoReverse) != 0) closed = closed || dh < -htol || q < -qtol;
        if ((direction & HydraulicBatch.LinkEmptyForward) != 0) closed = closed || (dh > htol && q >= -qtol);
        if ((direction & HydraulicBatch.LinkEmptyReverse) != 0) closed = closed || (dh < -htol && q <= qtol);
        return closed;
    }

    /// <summary>
    /// prvstatus: the next state of a PRV with setting head <paramref name="hset"/> (its downstream elevation + setting),
    /// in <see cref="GgaLaneSolver"/>'s valve states (0 open, <see cref="GgaLaneSolver.ClosedByStatus"/> closed,
    /// <see cref="GgaLaneSolver.ValveActive"/>, <see cref="GgaLaneSolver.ValveCannotHold"/>; any other is kept).
    /// <paramref name="km"/>·q² is its minor loss.
    /// </summary>
    public static int PressureReducingValveState(int state, double hset, double h1, double h2, double q, double km)
    {
        double htol = GgaConstants.Htol, qtol = GgaConstants.Qtol, hml = km * q * q;
        if (state == GgaLaneSolver.ValveActive) return q < -qtol ? GgaLaneSolver.ClosedByStatus : h1 - hml < hset - htol ? 0 : state;
        if (state == 0) return q < -qtol ? GgaLaneSolver.ClosedByStatus : h2 >= hset + htol ? GgaLaneSolver.ValveActive : state;
        if (state == GgaLaneSolver.ClosedByStatus)
        {
            if (h1 >= hset + htol && h2 < hset - htol) return GgaLaneSolver.ValveActive;
            return h1 < hset - htol && h1 > h2 + htol ? 0 : state;
        }
        if (state == GgaLaneSolver.ValveCannotHold) return q < -qtol ? GgaLaneSolver.ClosedByStatus : state;
        return state;
    }

    /// <summary>psvstatus: <see cref="PressureReducingValveState"/> for a PSV, <paramref name="hset"/> its upstream elevation + setting.</summary>
    public static int PressureSustainingValveState(int state, double hset, double h1, double h2, double q, double km)
    {
        double htol = GgaConstants.Htol, qtol = GgaConstants.Qtol, hml = km * q * q;
        if (state == GgaLaneSolver.ValveActive) return q < -qtol ? GgaLaneSolver.ClosedByStatus : h2 + hml > hset + htol ? 0 : state;
        if (state == 0) return q < -qtol ? GgaLaneSolver.ClosedByStatus : h1 < hset - htol ? GgaLaneSolver.ValveActive : state;
        if (state == GgaLaneSolver.ClosedByStatus)
        {
            if (h2 > hset + htol && h1 > h2 + htol) return 0;
            return h1 >= hset + htol && h1 > h2 + htol ? GgaLaneSolver.ValveActive : state;
        }
        if (state == GgaLaneSolver.ValveCannotHold) return q < -qtol ? GgaLaneSolver.ClosedByStatus : state;
        return state;
    }

    /// <summary>
    /// fcvstatus: an FCV with a setting goes to XFCV (<see cref="GgaLaneSolver.ValveCannotHold"/>) on a reverse head
    /// beyond Htol or a reverse flow beyond Qtol, and back to ACTIVE from XFCV once its flow reaches the setting.
    /// </summary>
    public static int FlowControlValveState(int state, double dh, double q, double setting)
    {
        if (dh < -GgaConstants.Htol || q < -GgaConstants.Qtol) return GgaLaneSolver.ValveCannotHold;
        return state == GgaLaneSolver.ValveCannotHold && q >= setting ? GgaLaneSolver.ValveActive : state;
    }
}
