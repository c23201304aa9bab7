using System.Numerics;
using System.Runtime.InteropServices;
using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Simd;

/// <summary>
/// The pipe-sizing limits pass over lanes with <see cref="Vector{T}"/>: per junction, p = h − z, low = p − p_min,
/// high = p_max − p, head = h − h_min; margin = min(margin, low, high, head) and violation += max(0, −low) +
/// max(0, −high) + max(0, −head), the same operations in the same order as the scalar reference
/// (<see cref="DesignFeasibility.Evaluate"/>), so results are identical. The junction pass is vectorized when the
/// limits do not depend on the demand case (the usual design block); otherwise the reference runs.
/// </summary>
internal static class DesignLimitsKernel
{
    public static void Evaluate(HydraulicBatch batch, DesignFeasibility limits, ReadOnlySpan<int> caseOfLane, Span<double> margin, Span<double> violation)
    {
        if (!limits.CaseIndependent)
        {
            limits.Evaluate(batch, caseOfLane, margin, violation);
            return;
        }
        var net = batch.Network;
        int K = batch.Count, width = Vector<double>.Count;
        margin[..K].Fill(double.PositiveInfinity);
        violation[..K].Clear();
        var minPressure = limits.MinPressure[0];
        var maxPressure = limits.MaxPressure;
        var minHead = limits.MinHead;
        var m = MemoryMarshal.Cast<double, Vector<double>>(margin[..K]);
        var v = MemoryMarshal.Cast<double, Vector<double>>(violation[..K]);
        int vectorLanes = m.Length * width;
        for (int j = 0; j < net.JunctionCount; j++)
        {
            var heads = batch.Head.AsSpan(j * K, K);
            double z = net.Elevation[j], minP = minPressure[j], maxP = maxPressure[j], minH = minHead[j];
            var h4 = MemoryMarshal.Cast<double, Vector<double>>(heads);
            var vz = new Vector<double>(z);
            var vMinP = new Vector<double>(minP);
            var vMaxP = new Vector<double>(maxP);
            var vMinH = new Vector<double>(minH);
            for (int b = 0; b < m.Length; b++)
            {
                var h = h4[b];
                var p = h - vz;
                var low = p - vMinP;
                var high = vMaxP - p;
                var head = h - vMinH;
                m[b] = Vector.Min(m[b], Vector.Min(low, Vector.Min(high, head)));
                v[b] += Vector.Max(Vector<double>.Zero, -low) + Vector.Max(Vector<double>.Zero, -high) + Vector.Max(Vector<double>.Zero, -head);
            }
            // Remainder lanes: the scalar reference's arithmetic.
            for (int lane = vectorLanes; lane < K; lane++)
            {
                double h = heads[lane], p = h - z;
                double low = p - minP, high = maxP - p, head = h - minH;
                margin[lane] = Math.Min(margin[lane], Math.Min(low, Math.Min(high, head)));
                violation[lane] += Math.Max(0, -low) + Math.Max(0, -high) + Math.Max(0, -head);
            }
        }
        limits.FinishLanes(batch, margin, violation);
    }
}
