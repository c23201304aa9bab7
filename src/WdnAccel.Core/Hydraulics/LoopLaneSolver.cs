using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// The GGA (Todini &amp; Pilati 1988) for one lane with its Newton steps in loop-flow form, for pipes-only
/// networks with a <see cref="LoopBasis"/>, under any of the three head-loss formulas: the lane-at-a-time counterpart
/// of the SIMD solver's loop form, for the GPU kernel (one thread per lane). Flows are Q = Q_T + Bᵀ·l with Q_T the
/// forest flows that carry the demands; each trial assembles and factorizes the dense L × L system
/// (B·G·Bᵀ)·l = e − B·w (G the head-loss gradients of <see cref="LinkCoefficients{TMath}.PowerLawPipeGradient"/> or
/// <see cref="LinkCoefficients{TMath}.DarcyWeisbachGradient"/>, the junction GGA's own, w the linearized losses at the forest flows, e the
/// fixed-head differences across pseudo-loops) instead of the junctions' sparse one: 3 × 3 for Hanoi against 31 × 31
/// with 53 factor entries. The iterates are the junction GGA's (<see cref="GgaLaneSolver"/>), first trial from EPANET's
/// start flows included, so statuses and trial counts are the same; heads follow at the end down the forest from the
/// fixed heads, each link dropping its linearized loss of the last trial.
/// <para>
/// Generic over struct accessors with no allocation, exceptions or managed state, like <see cref="GgaLaneSolver"/>, so
/// ILGPU compiles it for CUDA, OpenCL and its CPU accelerator and the host runs the same code in tests.
/// </para>
/// </summary>
public static class LoopLaneSolver
{
    /// <summary>Solves the lane in loop-flow form, or with <see cref="GgaLaneSolver"/> where that form does not apply to it.</summary>
    public static void Solve<TNet, TLoops, TLane, TMath>(TNet net, TLoops loops, TLane lane)
        where TNet : struct, IGgaNetwork
        where TLoops : struct, ILoopTables
        where TLane : struct, ILoopLane
        where TMath : struct, IHydraulicMath
    {
        if (!TrySolve<TNet, TLoops, TLane, TMath>(net, loops, lane)) GgaLaneSolver.Solve<TNet, TLane, TMath, GgaExtras.Off>(net, lane);
    }

    /// <summary>
    /// Solves the lane in loop-flow form and records its outcome; false, with the lane's flows, heads and outcome
    /// untouched, where it needs the junction GGA: a pipe not laid or closed by its state bits, a closed flag on a warm
    /// start, a resistance that is not finite (zero roughness: the GGA reports such a lane singular), or a non-positive
    /// or infinite pivot. The network must be one that <see cref="LoopBasis.WherePaying"/> accepts (pipes only, none
    /// closed from the start).
    /// </summary>
    public static bool TrySolve<TNet, TLoops, TLane, TMath>(TNet net, TLoops loops, TLane lane)
        where TNet : struct, IGgaNetwork
        where TLoops : struct, ILoopTables
        where TLane : struct, ILoopLane
        where TMath : struct, IHydraulicMath
    {
        int nj = net.JunctionCount, m = net.LinkCount, nl = loops.LoopCount;
        bool warm = lane.WarmStart, given = lane.ResistancesGiven;
        bool dw = net.HeadLoss == HeadLossModel.DarcyWeisbach;
        double nPipe = LinkFormulas.PipeFlowExponent(net.HeadLoss);
        for (int i = 0; i < m; i++)
        {
            double d = lane.Diameter(i);
            if (!PipeDiameter.IsLaid(d) || lane.LinkState(i) != 0 || (warm && lane.Closed(i) != 0)) return false;
            // Hazen–Williams: two powers per pipe, as many as the first two trials take; skipped where the lane's resistances are given.
            double r = given ? lane.Resistance(i) : LinkFormulas.PipeResistance<TMath>(net.HeadLoss, net.Omega, net.Length(i), d, lane.Roughness(i));
            if (!(r < double.PositiveInfinity)) return false;
            if (!given) lane.SetResistance(i, r);
            // Only pipes with a minor loss read their coefficient (below): the others skip a store per pipe.
            if (net.MinorLoss(i) != 0) lane.SetMinorCoefficient(i, LinkFormulas.MinorLossCoefficient<TMath>(net.MinorLoss(i), d));
            lane.SetLoopQ(i, warm ? lane.Flow(i) : GgaConstants.StartFlow(d));
        }
        if (!lane.SharedForestFlows) ForestFlows(loops, lane, nj, m);

        var status = LaneStatus.NotConverged;
        int iter = 1;
        double relErr = double.NaN;
        double qSumFloor = net.Accuracy * Units.CubicMetersPerCubicFoot;
        for (; iter <= net.MaxTrials; iter++)
        {
            // From the third trial a branch has carried its forest flow for a whole trial, so its g and w repeat the
            // second trial's exactly: only links on loops are recomputed.
            int count = iter <= 2 ? m : loops.LinksOnLoopsCount;
            for (int t = 0; t < count; t++)
            {
                int i = iter <= 2 ? t : loops.LinkOnLoops(t);
                double q = lane.LoopQ(i), qt = lane.ForestFlow(i);
                // A pipe without minor loss has m = 0 exactly: skipping the lane's read saves a memory access per link on a GPU.
                double km = net.MinorLoss(i) == 0 ? 0 : lane.MinorCoefficient(i);
                double g, h;
                if (dw)
                {
                    double d = lane.Diameter(i);
                    LinkCoefficients<TMath>.DarcyWeisbachGradient(lane.Resistance(i), lane.Roughness(i) / d, net.Viscosity * d, km, q, out g, out h);
                }
                else LinkCoefficients<TMath>.PowerLawPipeGradient(lane.Resistance(i), km, nPipe, q, out g, out h);
                lane.SetGradient(i, g);
                lane.SetLinearLoss(i, h + g * (qt - q));
            }
            if (!FactorAndSolve(loops, lane, nl)) return false;
            double qSum = 0, dqSum = 0;
            for (int i = 0; i < m; i++)
            {
                // Q = Q_T + Bᵀ·l, each link's loops highest first (the SIMD form spreads the loops last first, so both
                // round alike), summed here per link so that no next-flow array is written and read back per trial.
                double qn = lane.ForestFlow(i);
                int a0 = loops.LinkLoopStart(i), a1 = loops.LinkLoopStart(i + 1);
                for (int a = a0; a < a1; a++)
                {
                    int r = loops.LinkLoop(a);
                    qn = r > 0 ? qn + lane.LoopFlow(r - 1) : qn - lane.LoopFlow(-r - 1);
                }
                qSum += Math.Abs(qn);
                // A branch has carried its forest flow since the first trial: a finite one changes by exactly 0 and stays
                // (a NaN or infinite one reads back to make the change NaN, as the SIMD form's does).
                if (a0 == a1 && iter > 1 && Math.Abs(qn) < double.PositiveInfinity) continue;
                dqSum += Math.Abs(qn - lane.LoopQ(i));
                lane.SetLoopQ(i, qn);
            }
            relErr = qSum > qSumFloor ? dqSum / qSum : dqSum;
            // Pipes only and no state bits: no status can change, so the GGA stops at its accuracy.
            if (relErr <= net.Accuracy)
            {
                status = LaneStatus.Converged;
                break;
            }
        }

        for (int f = 0; f < net.FixedCount; f++) lane.SetHead(nj + f, lane.FixedHead(f));
        for (int t = 0; t < nj; t++)
        {
            int j = loops.TreeOrder(t), link = loops.ParentLink(j);
            double drop = lane.LinearLoss(link) + lane.Gradient(link) * (lane.LoopQ(link) - lane.ForestFlow(link));
            double above = lane.Head(loops.ParentNode(j));
            lane.SetHead(j, loops.LinkFromParent(j) ? above - drop : above + drop);
        }
        for (int i = 0; i < m; i++)
        {
            lane.SetFlow(i, lane.LoopQ(i));
            lane.SetClosed(i, 0);
        }
        lane.Finish(status, iter < net.MaxTrials ? iter : net.MaxTrials, relErr);
        return true;
    }

    /// <summary>
    /// The forest flows Q_T of the lane's demands: each junction's subtree demand flows in through its parent link
    /// (children before parents), signed by the link's direction; chords carry none. Only additions and negations, so
    /// any backend computes the same bits, and lanes with the same demands the same flows
    /// (<see cref="SharedForestFlows"/> computes them once for such a batch).
    /// </summary>
    public static void ForestFlows<TLoops, TFlows>(TLoops loops, TFlows lane, int junctions, int links)
        where TLoops : struct, ILoopTables
        where TFlows : struct, IForestFlows
    {
        for (int i = 0; i < links; i++) lane.SetForestFlow(i, 0);
        for (int j = 0; j < junctions; j++) lane.SetForestFlow(loops.ParentLink(j), lane.Demand(j));
        for (int t = junctions - 1; t >= 0; t--)
        {
            int j = loops.TreeOrder(t), parent = loops.ParentNode(j);
            if (parent >= junctions) continue;
            int up = loops.ParentLink(parent);
            lane.SetForestFlow(up, lane.ForestFlow(up) + lane.ForestFlow(loops.ParentLink(j)));
        }
        for (int j = 0; j < junctions; j++)
        {
            int link = loops.ParentLink(j);
            if (!loops.LinkFromParent(j)) lane.SetForestFlow(link, -lane.ForestFlow(link));
        }
    }

    /// <summary>
    /// Row by row: assembles B·G·Bᵀ and e − B·w, factorizes it (dense Cholesky, pivots kept as 1/L(c,c)), substitutes
    /// forward and back; the loop flows end in <see cref="ILoopLane.LoopFlow"/>. False on a non-positive or infinite
    /// pivot (an overflowing gradient: the junction GGA's pivot is 1/∞ = 0 there).
    /// </summary>
    private static bool FactorAndSolve<TLoops, TLane>(TLoops loops, TLane lane, int nl)
        where TLoops : struct, ILoopTables
        where TLane : struct, ILoopLane
    {
        for (int r = 0; r < nl; r++)
        {
            int rowR = r * (r + 1) / 2, start = loops.StartFixed(r), end = loops.EndFixed(r);
            double diag = 0, z = start == end ? 0 : lane.FixedHead(start) - lane.FixedHead(end);
            int u0 = loops.LoopStart(r), us = loops.LoopSplit(r), u1 = loops.LoopStart(r + 1);
            for (int u = u0; u < us; u++)
            {
                int i = loops.LoopLink(u);
                diag += lane.Gradient(i);
                z -= lane.LinearLoss(i);
            }
            for (int u = us; u < u1; u++)
            {
                int i = loops.LoopLink(u);
                diag += lane.Gradient(i);
                z += lane.LinearLoss(i);
            }
            int pairRow = r * (r - 1) / 2;
            for (int c = 0; c < r; c++)
            {
                int rowC = c * (c + 1) / 2, p = pairRow + c;
                double s = 0;
                int v0 = loops.PairStart(p), vs = loops.PairSplit(p), v1 = loops.PairStart(p + 1);
                for (int v = v0; v < vs; v++) s += lane.Gradient(loops.PairLink(v));
                for (int v = vs; v < v1; v++) s -= lane.Gradient(loops.PairLink(v));
                for (int k = 0; k < c; k++) s -= lane.LoopFactor(rowR + k) * lane.LoopFactor(rowC + k);
                double lrc = s * lane.LoopPivot(c);
                lane.SetLoopFactor(rowR + c, lrc);
                diag -= lrc * lrc;
                z -= lrc * lane.LoopFlow(c);
            }
            if (!(diag > 0 && diag < double.PositiveInfinity)) return false;
            double pivot = 1.0 / Math.Sqrt(diag);
            lane.SetLoopPivot(r, pivot);
            lane.SetLoopFlow(r, z * pivot);
        }
        for (int r = nl - 1; r >= 0; r--)
        {
            double x = lane.LoopFlow(r);
            for (int k = r + 1; k < nl; k++) x -= lane.LoopFactor(k * (k + 1) / 2 + r) * lane.LoopFlow(k);
            lane.SetLoopFlow(r, x * lane.LoopPivot(r));
        }
        return true;
    }
}
