using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Problems;

/// <summary>
/// Todini's resilience index (Todini 2000, "Looped water distribution networks design using a resilience index
/// based heuristic approach", Urban Water 2(2):115–122) of one solved lane:
/// <code>
///   I_r = Σ_j q_j (h_j − h_j*) / (Σ_r Q_r H_r + Σ_k P_k/γ − Σ_j q_j h_j*)
/// </code>
/// the share of the surplus power a network could deliver above the required heads that it does deliver: 1 − (power
/// dissipated in the pipes) / (power that could be dissipated while still meeting every requirement). q_j is junction
/// j's demand (m³/s; under pressure-driven demand what it delivers), h_j its head and h_j* its required head: elevation + minimum pressure, or the minimum total
/// head where the design sets one (<see cref="DesignFeasibility.HeadLimits"/>). Q_r H_r is each fixed-head node's net
/// outflow times its head (a tank that fills counts negative), P_k/γ = Q_k (h_out − h_in) each open pump's power per
/// unit weight; a junction with a negative demand (an inflow) counts as a source, −q_j h_j. Heads are totals above the
/// datum, so numerator and denominator are in m⁴/s and the index has no unit. By the energy balance the index of a
/// design that meets every head requirement lies in [0, 1].
/// </summary>
public sealed class ResilienceIndex
{
    private readonly CompiledNetwork _net;
    private readonly double[][] _requiredHead; // [case][junction]

    public ResilienceIndex(CompiledNetwork network, DesignSpec design)
        : this(network, new DesignFeasibility(network, design))
    {
    }

    public ResilienceIndex(CompiledNetwork network, DesignFeasibility limits)
    {
        _net = network;
        _requiredHead = new double[network.CaseNames.Length][];
        for (int c = 0; c < _requiredHead.Length; c++)
        {
            _requiredHead[c] = new double[network.JunctionCount];
            for (int j = 0; j < network.JunctionCount; j++) _requiredHead[c][j] = limits.HeadLimits(j, c).Min;
        }
    }

    /// <summary>Required head h_j* (m) of junction <paramref name="junction"/> in case <paramref name="caseIndex"/>.</summary>
    public double RequiredHead(int junction, int caseIndex) => _requiredHead[caseIndex][junction];

    /// <summary>
    /// I_r of lane <paramref name="lane"/> of a solved batch whose demands are case <paramref name="caseIndex"/>'s.
    /// NaN when the lane did not converge, or when the network has no power above its requirements to dissipate
    /// (denominator ≤ 0: the index is undefined).
    /// </summary>
    public double Lane(HydraulicBatch batch, int lane, int caseIndex)
    {
        if (batch.Status[lane] != LaneStatus.Converged) return double.NaN;
        int K = batch.Count, nj = _net.JunctionCount;
        double[] required = _requiredHead[caseIndex];
        double delivered = 0, requiredPower = 0, input = 0;
        for (int j = 0; j < nj; j++)
        {
            // Under pressure-driven demand what the junction delivers, as the energy balance has it.
            double q = batch.DeliveredDemand(j, lane), h = batch.Head[j * K + lane];
            if (q > 0)
            {
                delivered += q * (h - required[j]);
                requiredPower += q * required[j];
            }
            else if (q < 0)
            {
                input -= q * h;
            }
        }
        for (int link = 0; link < _net.LinkCount; link++)
        {
            int at = link * K + lane;
            double flow = batch.Flow[at];
            int from = _net.From[link], to = _net.To[link];
            double hFrom = Head(batch, from, lane), hTo = Head(batch, to, lane);
            // Net outflow of fixed-head nodes times their head: flow leaves From and enters To.
            if (from >= nj) input += flow * hFrom;
            if (to >= nj) input -= flow * hTo;
            if (_net.Kind[link] == LinkKind.Pump && batch.Closed[at] == 0) input += flow * (hTo - hFrom);
        }
        double available = input - requiredPower;
        return available > 0 ? delivered / available : double.NaN;
    }

    /// <summary>
    /// Head of <paramref name="node"/> in <paramref name="lane"/>: a junction's solved head, a fixed-head node's input
    /// head (device backends need not write fixed nodes into <see cref="HydraulicBatch.Head"/>).
    /// </summary>
    private double Head(HydraulicBatch batch, int node, int lane)
    {
        int nj = _net.JunctionCount;
        return node < nj ? batch.Head[node * batch.Count + lane] : batch.FixedHead[(node - nj) * batch.Count + lane];
    }

    /// <summary>
    /// A design's index over its demand cases: the smallest I_r of lanes <paramref name="firstLane"/> ..
    /// <paramref name="firstLane"/> + cases − 1 (lane <paramref name="firstLane"/> + c holds case c), the case that
    /// leaves the least surplus deciding; NaN when any case's index is undefined.
    /// </summary>
    public double Design(HydraulicBatch batch, int firstLane)
    {
        double index = double.PositiveInfinity;
        for (int c = 0; c < _requiredHead.Length; c++)
        {
            double r = Lane(batch, firstLane + c, c);
            if (double.IsNaN(r)) return double.NaN;
            index = Math.Min(index, r);
        }
        return index;
    }

    /// <summary>
    /// The smallest head surplus h_j − h_j* (m) over every junction and demand case of the design in lanes
    /// <paramref name="firstLane"/> + c (the alternative second objective, `--objective surplus`); NaN when a case did
    /// not converge. Unlike the limits' margin it ignores maximum pressures and velocities, which feasibility covers.
    /// </summary>
    public double MinimumSurplus(HydraulicBatch batch, int firstLane)
    {
        int K = batch.Count;
        double surplus = double.PositiveInfinity;
        for (int c = 0; c < _requiredHead.Length; c++)
        {
            int lane = firstLane + c;
            if (batch.Status[lane] != LaneStatus.Converged) return double.NaN;
            for (int j = 0; j < _net.JunctionCount; j++) surplus = Math.Min(surplus, batch.Head[j * K + lane] - _requiredHead[c][j]);
        }
        return surplus;
    }
}
