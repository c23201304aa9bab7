using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;

namespace WdnAccel.Kernels.Simd;

/// <summary>
/// The GGA's Newton step in loop-flow form, for lane blocks of pipes-only networks with few loops, under any of the
/// three head-loss formulas.
/// Once the flows satisfy continuity (after EPANET's first trial they always do), every Newton step of the GGA
/// (Todini &amp; Pilati 1988) moves them by loop flows only, and the step solves the L × L system
/// (B·G·Bᵀ)·l = e − B·w of <see cref="LoopBasis"/> (G: head-loss gradients, w: the linearized losses at the forest
/// flows, e: the fixed-head differences across pseudo-loops). Written with the flows as Q = Q_T + Bᵀ·l the same
/// system also gives the first trial from EPANET's start flows, which do not satisfy continuity, so every trial
/// lands on the GGA's iterate: same stopping rule, same trial count, flows and heads equal up to rounding. Heads
/// follow at the end from the fixed heads down the forest, each link dropping its linearized loss of the last trial,
/// which is what the GGA's head equations give.
/// Per trial Hanoi (31 junctions, 3 loops) then assembles and factorizes a 3 × 3 system instead of 31 × 31.
/// A block with a closed link, a link state bit or a non-positive pivot goes to the junction-based GGA instead.
/// </summary>
public static partial class GgaBatchSolver
{
    /// <summary>Per-thread scratch of the loop-flow form for one block of lanes.</summary>
    internal sealed class LoopScratch<TV>(CompiledNetwork net, LoopBasis basis) where TV : struct, ILaneVector<TV>
    {
        public readonly LoopBasis Basis = basis;
        /// <summary>Hazen–Williams: ln(n·r) per pipe, so the gradient n·r·|Q|^0.852 is one exp of a sum. The other formulas keep r in the block's <see cref="Workspace{TV}.R"/>.</summary>
        public readonly TV[] LogNr = new TV[net.PipeCount];
        /// <summary>Hazen–Williams: ln|Q| of the start flows (cold starts).</summary>
        public readonly TV[] FirstLogQ = new TV[net.PipeCount];
        public readonly TV[] Km = new TV[net.PipeCount];
        public readonly TV[] Q = new TV[net.LinkCount];
        public readonly TV[] QForest = new TV[net.LinkCount];
        public readonly TV[] G = new TV[net.LinkCount];
        public readonly TV[] W = new TV[net.LinkCount];
        /// <summary>Per link: the head drop of the lane's last trial, Node1 minus Node2.</summary>
        public readonly TV[] Drop = new TV[net.LinkCount];
        public readonly TV[] H = new TV[net.NodeCount];
        public readonly TV[] Subtree = new TV[net.JunctionCount];
        /// <summary>The loop system's factor in packed lower-triangular order (off-diagonal), the loop flows, the fixed-head differences and 1/L(c,c).</summary>
        public readonly TV[] M = new TV[basis.LoopCount * (basis.LoopCount + 1) / 2];
        public readonly TV[] LoopFlow = new TV[basis.LoopCount];
        public readonly TV[] QNext = new TV[net.LinkCount];
        public readonly int[] AllLinks = Enumerable.Range(0, net.LinkCount).ToArray();
        public readonly TV[] E = new TV[basis.LoopCount];
        public readonly TV[] DiagInv = new TV[basis.LoopCount];
        public readonly RoughnessLogCache RoughnessLogs = new(net.PipeCount);
        /// <summary>ln(n·ω·L) per pipe: the same for every lane and block, so taken once here rather than per block.</summary>
        public readonly double[] LogNOmegaLength = Enumerable.Range(0, net.PipeCount)
            .Select(i => Math.Log(LinkFormulas.HazenWilliamsFlowExponent * net.Omega * net.Length[i])).ToArray();
        public readonly bool[] MinorLossFree = net.MinorLoss.Select(k => k == 0).ToArray();
    }

    /// <summary>ln(π/4·v₀): EPANET's start flow D²·π/4·v₀ has ln|Q| = 2·ln D plus this.</summary>
    private static readonly double LogStartFlowPerSquareDiameter = Math.Log(Math.PI / 4.0 * GgaConstants.InitialVelocity);

    /// <summary>
    /// Solves the block at <paramref name="k0"/> in loop-flow form and writes its results; false, having written
    /// nothing, where the block needs the junction-based GGA (a closed link or state bit in some lane, a
    /// non-positive pivot). Chezy–Manning and Darcy–Weisbach keep their per-pipe terms in <paramref name="block"/>'s
    /// arrays, as its junction form does (which overwrites them where it takes the block instead).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TrySolveBlockByLoops<TV>(HydraulicBatch batch, int k0, Workspace<TV> block) where TV : struct, ILaneVector<TV>
    {
        var net = batch.Network;
        var ws = block.Loop!;
        var basis = ws.Basis;
        bool cm = net.HeadLoss == HeadLossModel.ChezyManning, dw = net.HeadLoss == HeadLossModel.DarcyWeisbach;
        int W = TV.Count;
        int K = batch.Count, nj = net.JunctionCount, m = net.LinkCount, loops = basis.LoopCount;
        int valid = Math.Min(W, K - k0);
        bool warm = batch.WarmStart;
        var zero = TV.Zero;
        const double nHw = LinkFormulas.HazenWilliamsFlowExponent;
        uint allLanes = uint.MaxValue >> (32 - W);
        var logStartArea = TV.Create(LogStartFlowPerSquareDiameter);
        var logNOmegaLength = ws.LogNOmegaLength;

        for (int i = 0; i < m; i++)
        {
            if (batch.LinkState.AsSpan(i * K + k0, valid).IndexOfAnyExcept((byte)0) >= 0) return false;
            if (warm && batch.Closed.AsSpan(i * K + k0, valid).IndexOfAnyExcept((byte)0) >= 0) return false;
            var d = Load<TV>(batch.Diameter, i * K + k0, valid);
            if (TV.MaskBits(TV.LessThanOrEqual(d, zero)) != 0) return false;
            var c = Load<TV>(batch.Roughness, i * K + k0, valid);
            double mk = net.MinorLoss[i];
            if (mk != 0)
            {
                var d2 = d * d;
                ws.Km[i] = TV.Create(LinkFormulas.MinorLossFactor * mk) / (d2 * d2);
            }
            if (dw)
            {
                // r = L/(2g·D·A²), ν·D and ε/(3.7·D), as the junction form keeps them; finite wherever D > 0.
                DarcyWeisbachPipe(block, i, d, c, net.Length[i], net.Viscosity);
                block.Km[i] = mk != 0 ? ws.Km[i] : zero;
            }
            else if (cm)
            {
                // r = k·n²·L/D^5.333 (LinkFormulas.ChezyManningResistance) as the junction form computes it.
                var logs = TV.Log(c) * -2.0 + TV.Log(d) * LinkFormulas.ChezyManningDiameterExponent;
                block.R[i] = TV.Exp(-logs) * (LinkFormulas.ChezyManningFactor * net.Length[i]);
                if (TV.MaskBits(TV.LessThan(block.R[i], TV.Create(double.PositiveInfinity))) != allLanes) return false;
            }
            else
            {
                // n·r = n·ω·L/(C^1.852·D^4.871) (LinkFormulas.HazenWilliamsResistance), kept as its log.
                var logD = TV.Log(d);
                ws.LogNr[i] = TV.Create(logNOmegaLength[i]) - ws.RoughnessLogs.Term(i, c) - logD * LinkFormulas.HazenWilliamsDiameterExponent;
                // EPANET's start flow is D²·π/4·v₀, so the first trial's ln|Q| comes from ln D without another vector log.
                ws.FirstLogQ[i] = logD * 2.0 + logStartArea;
                // A zero or invalid roughness makes the resistance infinite or NaN: the GGA reports that lane singular.
                if (TV.MaskBits(TV.LessThan(ws.LogNr[i], TV.Create(double.PositiveInfinity))) != allLanes) return false;
            }
            ws.Q[i] = warm ? Load<TV>(batch.Flow, i * K + k0, valid) : d * d * (Math.PI / 4.0 * GgaConstants.InitialVelocity);
            ws.QForest[i] = zero;
        }
        // Forest flows: each junction's subtree demand flows in through its parent link.
        for (int j = 0; j < nj; j++) ws.Subtree[j] = Load<TV>(batch.Demand, j * K + k0, valid);
        for (int t = nj - 1; t >= 0; t--)
        {
            int j = basis.TreeOrder[t], parent = basis.ParentNode[j];
            var s = ws.Subtree[j];
            ws.QForest[basis.ParentLink[j]] = basis.LinkFromParent[j] ? s : -s;
            if (parent < nj) ws.Subtree[parent] += s;
        }
        for (int f = 0; f < net.FixedCount; f++) ws.H[nj + f] = Load<TV>(batch.FixedHead, f * K + k0, valid);
        for (int c = 0; c < loops; c++)
        {
            int a = basis.StartFixed[c], b = basis.EndFixed[c];
            ws.E[c] = a == b ? zero : ws.H[nj + a] - ws.H[nj + b];
        }
        if (k0 + W < K) PrefetchBlock(batch, k0 + W, W);

        Span<int> iterations = stackalloc int[W];
        Span<byte> status = stackalloc byte[W];
        Span<double> relOut = stackalloc double[W];
        Span<double> scratch = stackalloc double[W];
        status.Fill((byte)LaneStatus.NotConverged);
        iterations.Fill(net.MaxTrials);
        relOut.Fill(double.NaN);
        uint active = valid >= 32 ? uint.MaxValue : (1u << valid) - 1;

        var rqTol = TV.Create(GgaConstants.RQtol);
        var infinity = TV.Create(double.PositiveInfinity);
        var qSmall = TV.Create(net.Accuracy * Units.CubicMetersPerCubicFoot);
        var accuracy = TV.Create(net.Accuracy);
        // Indices below come from LoopBasis (links < m, loops < L), so the hot loops skip bounds checks.
        ref TV q0 = ref MemoryMarshal.GetArrayDataReference(ws.Q);
        ref TV qn0 = ref MemoryMarshal.GetArrayDataReference(ws.QNext);
        ref TV qf0 = ref MemoryMarshal.GetArrayDataReference(ws.QForest);
        ref TV g0 = ref MemoryMarshal.GetArrayDataReference(ws.G);
        ref TV w0 = ref MemoryMarshal.GetArrayDataReference(ws.W);
        ref TV drop0 = ref MemoryMarshal.GetArrayDataReference(ws.Drop);
        var minorLossFree = ws.MinorLossFree;
        ref TV logNr0 = ref MemoryMarshal.GetArrayDataReference(ws.LogNr);
        ref TV m0 = ref MemoryMarshal.GetArrayDataReference(ws.M);
        ref TV l0 = ref MemoryMarshal.GetArrayDataReference(ws.LoopFlow);
        ref TV dInv0 = ref MemoryMarshal.GetArrayDataReference(ws.DiagInv);
        ref TV e0 = ref MemoryMarshal.GetArrayDataReference(ws.E);
        ref int loopStart = ref MemoryMarshal.GetArrayDataReference(basis.LoopStart);
        ref int loopSplit = ref MemoryMarshal.GetArrayDataReference(basis.LoopSplit);
        ref int loopLink = ref MemoryMarshal.GetArrayDataReference(basis.LoopLink);
        ref int pairStart = ref MemoryMarshal.GetArrayDataReference(basis.PairStart);
        ref int pairSplit = ref MemoryMarshal.GetArrayDataReference(basis.PairSplit);
        ref int pairLink = ref MemoryMarshal.GetArrayDataReference(basis.PairLink);

        for (int iter = 1; iter <= net.MaxTrials && active != 0; iter++)
        {
            // Gradients and linearized losses (hydcoeffs.c pipecoeff, as g = 1/p and hloss = y·g), w = hloss + g·(Q_T − Q).
            bool firstColdTrial = iter == 1 && !warm;
            // From the third trial a branch's flow has been its forest flow for a whole trial: its g and w (and so its
            // drop) repeat the second trial's bit for bit, so only links on loops are recomputed.
            var links = iter <= 2 ? ws.AllLinks : basis.LinksOnLoops;
            // The other formulas out of line, so that this loop's code for Hazen–Williams stays as it was.
            if (dw) DarcyWeisbachLoopCoefficients(block, links);
            else if (cm) ChezyManningLoopCoefficients(block, links);
            else for (int t = 0; t < links.Length; t++)
            {
                int i = links[t];
                var qi = Unsafe.Add(ref q0, i);
                var aq = TV.Abs(qi);
                var logQ = firstColdTrial ? ws.FirstLogQ[i] : TV.Log(aq);
                var g = TV.Exp(logQ * (nHw - 1.0) + Unsafe.Add(ref logNr0, i));
                var hloss = PowerLawLoss(ref g, qi, aq, rqTol, 1.0 / nHw, minorLossFree[i], ws.Km, i);
                Unsafe.Add(ref g0, i) = g;
                Unsafe.Add(ref w0, i) = hloss + g * (Unsafe.Add(ref qf0, i) - qi);
                Unsafe.Add(ref qn0, i) = Unsafe.Add(ref qf0, i);
            }

            // Row by row: assemble B·G·Bᵀ and e − B·w, factorize (dense Cholesky) and substitute forward.
            var bad = zero;
            for (int r = 0, rowR = 0; r < loops; rowR += ++r)
            {
                int u0 = Unsafe.Add(ref loopStart, r), us = Unsafe.Add(ref loopSplit, r), u1 = Unsafe.Add(ref loopStart, r + 1);
                var diag = zero;
                var z = Unsafe.Add(ref e0, r);
                for (int u = u0; u < us; u++)
                {
                    int i = Unsafe.Add(ref loopLink, u);
                    diag += Unsafe.Add(ref g0, i);
                    z -= Unsafe.Add(ref w0, i);
                }
                for (int u = us; u < u1; u++)
                {
                    int i = Unsafe.Add(ref loopLink, u);
                    diag += Unsafe.Add(ref g0, i);
                    z += Unsafe.Add(ref w0, i);
                }
                int pairRow = r * (r - 1) / 2;
                for (int c = 0, rowC = 0; c < r; rowC += ++c)
                {
                    var s = zero;
                    int p = pairRow + c, v0 = Unsafe.Add(ref pairStart, p), vs = Unsafe.Add(ref pairSplit, p), v1 = Unsafe.Add(ref pairStart, p + 1);
                    for (int v = v0; v < vs; v++) s += Unsafe.Add(ref g0, Unsafe.Add(ref pairLink, v));
                    for (int v = vs; v < v1; v++) s -= Unsafe.Add(ref g0, Unsafe.Add(ref pairLink, v));
                    for (int k = 0; k < c; k++) s -= Unsafe.Add(ref m0, rowR + k) * Unsafe.Add(ref m0, rowC + k);
                    var lrc = s * Unsafe.Add(ref dInv0, c);
                    Unsafe.Add(ref m0, rowR + c) = lrc;
                    diag -= lrc * lrc;
                    z -= lrc * Unsafe.Add(ref l0, c);
                }
                // An overflowing gradient (infinite diagonal) counts as singular too: the GGA's pivot is 1/∞ = 0 there.
                var positive = TV.GreaterThan(diag, zero) & TV.LessThan(diag, infinity);
                bad |= TV.AndNot(TV.AllBitsSet, positive);
                var dInv = TV.ReciprocalSqrt(TV.Select(positive, diag, TV.One));
                Unsafe.Add(ref dInv0, r) = dInv;
                Unsafe.Add(ref l0, r) = z * dInv;
            }
            if ((TV.MaskBits(bad) & active) != 0) return false;
            // Back substitution, then each loop's flow onto its links: Q = Q_T + Bᵀ·l.
            for (int r = loops - 1; r >= 0; r--)
            {
                var x = Unsafe.Add(ref l0, r);
                for (int k = r + 1, rowK = k * (k + 1) / 2; k < loops; rowK += ++k) x -= Unsafe.Add(ref m0, rowK + r) * Unsafe.Add(ref l0, k);
                x *= Unsafe.Add(ref dInv0, r);
                Unsafe.Add(ref l0, r) = x;
                int u0 = Unsafe.Add(ref loopStart, r), us = Unsafe.Add(ref loopSplit, r), u1 = Unsafe.Add(ref loopStart, r + 1);
                for (int u = u0; u < us; u++) Unsafe.Add(ref qn0, Unsafe.Add(ref loopLink, u)) += x;
                for (int u = us; u < u1; u++) Unsafe.Add(ref qn0, Unsafe.Add(ref loopLink, u)) -= x;
            }

            // Finished lanes keep their flows and drops.
            var update = TV.MaskFromBits(active);
            var qSum = zero;
            var dqSum = zero;
            for (int i = 0; i < m; i++)
            {
                ref TV qr = ref Unsafe.Add(ref q0, i);
                var qn = Unsafe.Add(ref qn0, i);
                ref TV drop = ref Unsafe.Add(ref drop0, i);
                drop = TV.Select(update, Unsafe.Add(ref w0, i) + Unsafe.Add(ref g0, i) * (qn - Unsafe.Add(ref qf0, i)), drop);
                qSum += TV.Abs(qn);
                dqSum += TV.Abs(qn - qr);
                qr = TV.Select(update, qn, qr);
            }
            var relErr = TV.Select(TV.GreaterThan(qSum, qSmall), dqSum / qSum, dqSum);
            TV.Store(relErr, ref MemoryMarshal.GetReference(scratch));
            uint converged = TV.MaskBits(TV.LessThanOrEqual(relErr, accuracy)) & active;
            for (uint rest = active; rest != 0; rest &= rest - 1)
            {
                int l = System.Numerics.BitOperations.TrailingZeroCount(rest);
                relOut[l] = scratch[l];
                if ((converged >> l & 1) == 0) continue;
                status[l] = (byte)LaneStatus.Converged;
                iterations[l] = iter;
            }
            active &= ~converged;
        }

        // Heads down the forest from the fixed heads: each link drops its linearized loss of the lane's last trial.
        for (int t = 0; t < nj; t++)
        {
            int j = basis.TreeOrder[t], link = basis.ParentLink[j];
            var above = ws.H[basis.ParentNode[j]];
            ws.H[j] = basis.LinkFromParent[j] ? above - ws.Drop[link] : above + ws.Drop[link];
        }
        StoreLaneOutcomes(batch, k0, status[..valid], iterations, relOut);
        for (int n = 0; n < net.NodeCount; n++) Store(ws.H[n], batch.Head, n * K + k0, valid);
        for (int i = 0; i < m; i++)
        {
            Store(ws.Q[i], batch.Flow, i * K + k0, valid);
            batch.Closed.AsSpan(i * K + k0, valid).Clear();
        }
        return true;
    }

    /// <summary>
    /// One trial's head-loss gradients G and linearized losses W = h + g·(Q_T − Q) of the <paramref name="links"/> of a
    /// Chezy–Manning block: the power law with n = 2, g = 2·r·|Q| (+ 2m|Q|), which needs no power, and EPANET's
    /// low-gradient rule (<see cref="LinkCoefficients{TMath}.PowerLawPipeGradient"/>); their next flows reset to the
    /// forest flows.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void ChezyManningLoopCoefficients<TV>(Workspace<TV> block, int[] links) where TV : struct, ILaneVector<TV>
    {
        var ws = block.Loop!;
        var rqTol = TV.Create(GgaConstants.RQtol);
        foreach (int i in links)
        {
            var qi = ws.Q[i];
            var aq = TV.Abs(qi);
            var g = block.R[i] * aq * 2.0;
            var hloss = PowerLawLoss(ref g, qi, aq, rqTol, 0.5, ws.MinorLossFree[i], ws.Km, i);
            SetLoopTerms(ws, i, qi, g, hloss);
        }
    }

    /// <summary>
    /// The power laws' head loss g·Q/n at gradient <paramref name="g"/> (<see cref="LinkCoefficients{TMath}.PowerLawPipeGradient"/>):
    /// EPANET 2.2's low-gradient rule (RQtol and the linear loss below it), and pipe <paramref name="i"/>'s minor loss
    /// added to loss and gradient where it has one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV PowerLawLoss<TV>(ref TV g, TV qi, TV aq, TV rqTol, double invN, bool minorLossFree, TV[] minorLoss, int i) where TV : struct, ILaneVector<TV>
    {
        var low = TV.LessThan(g, rqTol);
        g = TV.Select(low, rqTol, g);
        if (minorLossFree) return TV.Select(low, g * qi, g * qi * invN);
        var km = minorLoss[i];
        var hloss = TV.Select(low, g * aq, g * aq * invN) + km * aq * aq;
        g += km * aq * 2.0;
        return TV.Select(TV.LessThan(qi, TV.Zero), -hloss, hloss);
    }

    /// <summary>Link <paramref name="i"/>'s gradient, its loss linearized at the forest flow (w = h + g·(Q_T − Q)), and its next flow reset to the forest flow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetLoopTerms<TV>(LoopScratch<TV> ws, int i, TV qi, TV g, TV hloss) where TV : struct, ILaneVector<TV>
    {
        ws.G[i] = g;
        ws.W[i] = hloss + g * (ws.QForest[i] - qi);
        ws.QNext[i] = ws.QForest[i];
    }

    /// <summary>
    /// One trial's head-loss gradients G and linearized losses W = h + g·(Q_T − Q) of the <paramref name="links"/> of a
    /// Darcy–Weisbach block (<see cref="DarcyWeisbachGradient{TV}"/>, the junction form's own), and their next flows
    /// reset to the forest flows. Kept out of line, as the junction form's is.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void DarcyWeisbachLoopCoefficients<TV>(Workspace<TV> block, int[] links) where TV : struct, ILaneVector<TV>
    {
        var ws = block.Loop!;
        foreach (int i in links)
        {
            var qi = ws.Q[i];
            DarcyWeisbachGradient(block, i, qi, TV.Zero, out var g, out var hloss);
            SetLoopTerms(ws, i, qi, g, hloss);
        }
    }
}
