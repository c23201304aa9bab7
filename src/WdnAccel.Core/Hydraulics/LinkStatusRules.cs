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
}
