using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;
using WdnAccel.Kernels.Scalar;

namespace WdnAccel.Kernels.Simd;

/// <summary>
/// The Global Gradient Algorithm over a block of <see cref="Vector{T}.Count"/> lanes at once: every scalar step
/// of <see cref="GgaScalarSolver"/> (EPANET 2.2 hydsolver.c / hydcoeffs.c) becomes one vector operation, the sparse
/// Cholesky runs over the shared symbolic pattern with no branching on structure, and per-lane decisions
/// (convergence, status checks, singular pivots) become masks. A lane that has finished is frozen, so each lane
/// stops at the same trial as the scalar oracle. Threads take contiguous ranges of lane blocks; each thread keeps
/// a block-sized workspace (cache-resident for networks like Hanoi) that is reused across calls.
/// </summary>
public static class GgaBatchSolver
{
    private static int W => Vector<double>.Count;

    /// <summary>Solves every lane of <paramref name="batch"/> with up to <paramref name="threads"/> threads.</summary>
    public static void Solve(HydraulicBatch batch, int threads)
    {
        int blocks = (batch.Count + W - 1) / W;
        var pool = batch.BackendState as WorkspacePool;
        if (pool is null || pool.Network != batch.Network)
        {
            pool = new WorkspacePool(batch.Network);
            batch.BackendState = pool;
        }
        int chunks = Math.Min(blocks, Math.Max(1, threads));
        if (chunks == 1)
        {
            var ws = pool.Rent();
            for (int b = 0; b < blocks; b++) SolveBlock(batch, b * W, ws);
            pool.Return(ws);
            return;
        }
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, chunk =>
        {
            var ws = pool.Rent();
            long first = (long)blocks * chunk / chunks, last = (long)blocks * (chunk + 1) / chunks;
            for (long b = first; b < last; b++) SolveBlock(batch, (int)b * W, ws);
            pool.Return(ws);
        });
    }

    /// <summary>Per-thread scratch for one block of lanes.</summary>
    private sealed class Workspace(CompiledNetwork net)
    {
        public readonly Vector<double>[] R = new Vector<double>[net.LinkCount];
        public readonly Vector<double>[] Km = new Vector<double>[net.LinkCount];
        public readonly Vector<double>[] Q = new Vector<double>[net.LinkCount];
        public readonly Vector<double>[] P = new Vector<double>[net.LinkCount];
        public readonly Vector<double>[] Y = new Vector<double>[net.LinkCount];
        public readonly Vector<long>[] FixedClosed = new Vector<long>[net.LinkCount];
        public readonly Vector<long>[] StatusClosed = new Vector<long>[net.LinkCount];
        public readonly Vector<double>[] H = new Vector<double>[net.NodeCount];
        public readonly Vector<double>[] Demand = new Vector<double>[net.JunctionCount];
        public readonly Vector<double>[] V = new Vector<double>[net.FactorSize];
        public readonly Vector<double>[] F = new Vector<double>[net.JunctionCount];
        public readonly int[] StatusLinks = Enumerable.Range(0, net.LinkCount).Where(i => net.Kind[i] != LinkKind.Pipe).ToArray();
    }

    private sealed class WorkspacePool(CompiledNetwork network)
    {
        public CompiledNetwork Network { get; } = network;
        private readonly ConcurrentBag<Workspace> _free = [];
        public Workspace Rent() => _free.TryTake(out var ws) ? ws : new Workspace(Network);
        public void Return(Workspace ws) => _free.Add(ws);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Load(double[] a, int offset, int valid) =>
        valid == W ? new Vector<double>(a, offset) : LoadPartial(a, offset, valid);

    /// <summary>Remainder block: lanes past the end repeat the last real lane, so they stay finite and are never stored.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector<double> LoadPartial(double[] a, int offset, int valid)
    {
        Span<double> t = stackalloc double[W];
        for (int i = 0; i < W; i++) t[i] = a[offset + Math.Min(i, valid - 1)];
        return new Vector<double>(t);
    }

    private static void Store(Vector<double> v, double[] a, int offset, int valid)
    {
        if (valid == W) { v.CopyTo(a, offset); return; }
        for (int i = 0; i < valid; i++) a[offset + i] = v[i];
    }

    /// <summary>|x|^e = exp(e·ln|x|), 0 at x = 0 (Vector.Log(0) = −∞).</summary>
    private static Vector<double> Pow(Vector<double> x, double e) => Vector.Exp(Vector.Log(x) * e);

    private static void SolveBlock(HydraulicBatch batch, int k0, Workspace ws)
    {
        var net = batch.Network;
        int K = batch.Count, nj = net.JunctionCount, nn = net.NodeCount, m = net.LinkCount, np = net.PipeCount;
        int valid = Math.Min(W, K - k0);
        var zero = Vector<double>.Zero;
        var q = ws.Q; var p = ws.P; var y = ws.Y; var h = ws.H; var v = ws.V; var f = ws.F;
        var fixedClosed = ws.FixedClosed; var statusClosed = ws.StatusClosed;

        for (int i = 0; i < np; i++)
        {
            var d = Load(batch.Diameter, i * K + k0, valid);
            var c = Load(batch.Roughness, i * K + k0, valid);
            var closed = Vector.LessThanOrEqual(d, zero);
            if (net.InitiallyClosed[i]) closed = Vector<long>.AllBitsSet;
            fixedClosed[i] = closed;
            statusClosed[i] = Vector<long>.Zero;
            // Resistance r = ω·L/(C^1.852·D^4.871) once per solve (LinkFormulas.HazenWilliamsResistance), as one
            // vector exp of logs: scalar Math.Pow per lane here cost as much as all GGA trials of a Hanoi solve.
            var safeD = Vector.ConditionalSelect(closed, Vector<double>.One, d);
            var logs = Vector.Log(c) * LinkFormulas.HazenWilliamsFlowExponent + Vector.Log(safeD) * LinkFormulas.HazenWilliamsDiameterExponent;
            ws.R[i] = Vector.ConditionalSelect(closed, zero, Vector.Exp(-logs) * (net.Omega * net.Length[i]));
            // Minor loss m = 8K/(π²·g·D⁴) (LinkFormulas.MinorLossCoefficient); most pipes have K = 0.
            double mk = net.MinorLoss[i];
            if (mk == 0) ws.Km[i] = zero;
            else
            {
                var d2 = safeD * safeD;
                ws.Km[i] = Vector.ConditionalSelect(closed, zero, new Vector<double>(8.0 * mk / (Math.PI * Math.PI * LinkFormulas.Gravity)) / (d2 * d2));
            }
            q[i] = Vector.ConditionalSelect(closed, new Vector<double>(GgaConstants.QZero), d * d * (Math.PI / 4.0 * GgaConstants.InitialVelocity));
        }
        for (int i = np; i < m; i++)
        {
            fixedClosed[i] = net.InitiallyClosed[i] ? Vector<long>.AllBitsSet : Vector<long>.Zero;
            statusClosed[i] = Vector<long>.Zero;
            q[i] = new Vector<double>(net.InitiallyClosed[i] ? GgaConstants.QZero : net.PumpQ0[i - np]);
        }
        for (int j = 0; j < nj; j++)
        {
            h[j] = new Vector<double>(net.Elevation[j]);
            ws.Demand[j] = Load(batch.Demand, j * K + k0, valid);
        }
        for (int fi = 0; fi < net.FixedCount; fi++) h[nj + fi] = Load(batch.FixedHead, fi * K + k0, valid);

        // Per-lane bookkeeping (scalar: a handful of lanes).
        Span<int> nextCheck = stackalloc int[W];
        Span<int> iterations = stackalloc int[W];
        Span<byte> status = stackalloc byte[W];
        Span<double> relOut = stackalloc double[W];
        Span<long> maskTmp = stackalloc long[W];
        nextCheck.Fill(GgaConstants.CheckFrequency);
        status.Fill((byte)LaneStatus.NotConverged);
        iterations.Fill(net.MaxTrials);
        relOut.Fill(double.NaN);
        var active = Vector<long>.AllBitsSet;
        for (int l = valid; l < W; l++) maskTmp[l] = 0;
        for (int l = 0; l < valid; l++) maskTmp[l] = -1;
        active = new Vector<long>(maskTmp);

        var rqTol = new Vector<double>(GgaConstants.RQtol);
        var rqTolN = new Vector<double>(GgaConstants.RQtol / LinkFormulas.HazenWilliamsFlowExponent);
        var cbigInv = new Vector<double>(1.0 / GgaConstants.CBig);
        const double nHw = LinkFormulas.HazenWilliamsFlowExponent;

        for (int iter = 1; iter <= net.MaxTrials && active != Vector<long>.Zero; iter++)
        {
            // Coefficients (hydcoeffs.c pipecoeff / pumpcoeff), branch-free over lanes.
            for (int i = 0; i < np; i++)
            {
                var qi = q[i];
                var aq = Vector.Abs(qi);
                var hgrad = ws.R[i] * Pow(aq, nHw - 1.0) * nHw;
                var low = Vector.LessThan(hgrad, rqTol);
                hgrad = Vector.ConditionalSelect(low, rqTolN, hgrad);
                var hloss = Vector.ConditionalSelect(low, hgrad * aq, hgrad * aq * (1.0 / nHw));
                var km = ws.Km[i];
                hloss += km * aq * aq;
                hgrad += 2.0 * km * aq;
                hloss = Vector.ConditionalSelect(Vector.LessThan(qi, zero), -hloss, hloss);
                var closed = fixedClosed[i] | statusClosed[i];
                var inv = Vector<double>.One / hgrad;
                p[i] = Vector.ConditionalSelect(closed, cbigInv, inv);
                y[i] = Vector.ConditionalSelect(closed, qi, hloss * inv);
            }
            for (int i = np; i < m; i++)
            {
                int pu = i - np;
                if (net.PumpConstantPower[pu])
                {
                    ConstantPowerPump(net, pu, q[i], fixedClosed[i] | statusClosed[i], out p[i], out y[i]);
                    continue;
                }
                double s = net.PumpSpeed[pu], n = net.PumpN[pu];
                double h0s = s * s * net.PumpH0[pu], rs = net.PumpR[pu] * Math.Pow(s, 2.0 - n);
                var qi = q[i];
                var hgrad = (Math.Abs(n - 1.0) < 1e-6 ? Vector<double>.One : Pow(Vector.Abs(qi), n - 1.0)) * (n * rs);
                var low = Vector.LessThan(hgrad, rqTol);
                hgrad = Vector.ConditionalSelect(low, rqTol, hgrad);
                var hloss = Vector.ConditionalSelect(low, hgrad * qi, hgrad * qi / n) - new Vector<double>(h0s);
                var closed = fixedClosed[i] | statusClosed[i];
                p[i] = Vector.ConditionalSelect(closed, cbigInv, Vector<double>.One / hgrad);
                y[i] = Vector.ConditionalSelect(closed, qi, hloss / hgrad);
            }

            // Assembly over the symbolic pattern.
            Array.Clear(v);
            var pos = net.Position;
            for (int j = 0; j < nj; j++) f[pos[j]] = -ws.Demand[j];
            for (int i = 0; i < m; i++)
            {
                int a = net.From[i], b = net.To[i];
                var pi = p[i];
                var yq = y[i] - q[i];
                if (net.LinkEntry[i] >= 0) v[net.LinkEntry[i]] -= pi;
                if (a < nj) { v[pos[a]] += pi; f[pos[a]] += yq; }
                else f[pos[b]] += pi * h[a];
                if (b < nj) { v[pos[b]] += pi; f[pos[b]] -= yq; }
                else f[pos[a]] += pi * h[b];
            }

            var singular = CholeskySolve(net, v, f) & active;

            // Flow update; finished and singular lanes keep their values.
            var update = active & ~singular;
            for (int j = 0; j < nj; j++) h[j] = Vector.ConditionalSelect(update, f[pos[j]], h[j]);
            var qSum = zero;
            var dqSum = zero;
            for (int i = 0; i < m; i++)
            {
                var dq = y[i] - p[i] * (h[net.From[i]] - h[net.To[i]]);
                // EPANET newlinkflows: a constant-power pump's flow may not go negative.
                if (i >= np && net.PumpConstantPower[i - np]) dq = Vector.ConditionalSelect(Vector.GreaterThan(dq, q[i]), q[i] * 0.5, dq);
                var qn = q[i] - dq;
                q[i] = Vector.ConditionalSelect(update, qn, q[i]);
                qSum += Vector.Abs(qn);
                dqSum += Vector.Abs(dq);
            }
            var relErr = Vector.ConditionalSelect(
                Vector.GreaterThan(qSum, new Vector<double>(net.Accuracy * Units.CubicMetersPerCubicFoot)), dqSum / qSum, dqSum);

            // Per-lane GGA control (hydsolver.c hydsolve): converge, or check statuses every CheckFreq trials.
            var converged = Vector.LessThanOrEqual(relErr, new Vector<double>(net.Accuracy));
            for (int l = 0; l < W; l++)
            {
                maskTmp[l] = 0;
                if (update[l] == 0) continue;
                relOut[l] = relErr[l];
                if (converged[l] != 0 || (iter <= GgaConstants.MaxCheck && iter == nextCheck[l])) maskTmp[l] = -1;
            }
            var check = new Vector<long>(maskTmp);
            var changed = ws.StatusLinks.Length > 0 && check != Vector<long>.Zero ? StatusCheck(net, ws, check) : Vector<long>.Zero;
            for (int l = 0; l < W; l++)
            {
                maskTmp[l] = active[l];
                if (active[l] == 0) continue;
                if (singular[l] != 0)
                {
                    status[l] = (byte)LaneStatus.Singular;
                    iterations[l] = iter;
                    maskTmp[l] = 0;
                }
                else if (converged[l] != 0)
                {
                    if (changed[l] == 0)
                    {
                        status[l] = (byte)LaneStatus.Converged;
                        iterations[l] = iter;
                        maskTmp[l] = 0;
                    }
                    else nextCheck[l] = iter + GgaConstants.CheckFrequency;
                }
                else if (iter <= GgaConstants.MaxCheck && iter == nextCheck[l])
                {
                    nextCheck[l] += GgaConstants.CheckFrequency;
                }
            }
            active = new Vector<long>(maskTmp);
        }

        for (int l = 0; l < valid; l++)
        {
            batch.Status[k0 + l] = (LaneStatus)status[l];
            batch.Iterations[k0 + l] = iterations[l];
            batch.RelativeError[k0 + l] = relOut[l];
        }
        for (int n = 0; n < nn; n++) Store(h[n], batch.Head, n * K + k0, valid);
        for (int i = 0; i < m; i++)
        {
            Store(q[i], batch.Flow, i * K + k0, valid);
            var closed = fixedClosed[i] | statusClosed[i];
            for (int l = 0; l < valid; l++) batch.Closed[i * K + k0 + l] = (byte)(closed[l] != 0 ? 1 : 0);
        }
    }

    /// <summary>EPANET pumpcoeff for a constant-power pump (see GgaScalarSolver.ConstantPowerPumpCoefficients), lane-parallel.</summary>
    private static void ConstantPowerPump(CompiledNetwork net, int pu, Vector<double> qi, Vector<long> closed, out Vector<double> p, out Vector<double> y)
    {
        double s = net.PumpSpeed[pu];
        double rs = net.PumpR[pu] * s * s * s;
        var aq = Vector.Abs(qi);
        var hgrad = new Vector<double>(rs) / (aq * aq);
        var big = Vector.GreaterThan(hgrad, new Vector<double>(GgaConstants.CBig)) | closed;
        var small = Vector.LessThan(hgrad, new Vector<double>(GgaConstants.CSmall)) & ~big;
        var inv = Vector<double>.One / hgrad;
        p = Vector.ConditionalSelect(big, new Vector<double>(1.0 / GgaConstants.CBig),
            Vector.ConditionalSelect(small, new Vector<double>(1.0 / GgaConstants.CSmall), inv));
        y = Vector.ConditionalSelect(big | small, qi, new Vector<double>(-rs) / qi * inv);
    }

    /// <summary>Lane-parallel sparse Cholesky solve (right-looking over the shared update list); returns the lanes with a non-positive pivot.</summary>
    private static Vector<long> CholeskySolve(CompiledNetwork net, Vector<double>[] v, Vector<double>[] f)
    {
        // Indices come from CompiledNetwork's symbolic factorization (all < FactorSize / JunctionCount by
        // construction), so the hot loops index through refs without bounds checks.
        int nj = net.JunctionCount;
        var bad = Vector<long>.Zero;
        ref Vector<double> v0 = ref MemoryMarshal.GetArrayDataReference(v);
        ref Vector<double> l0 = ref Unsafe.Add(ref v0, nj);
        ref Vector<double> f0 = ref MemoryMarshal.GetArrayDataReference(f);
        ref int colStart = ref MemoryMarshal.GetArrayDataReference(net.ColumnStart);
        ref int target = ref MemoryMarshal.GetArrayDataReference(net.UpdateTarget);
        ref int ua = ref MemoryMarshal.GetArrayDataReference(net.UpdateA);
        ref int ub = ref MemoryMarshal.GetArrayDataReference(net.UpdateB);
        ref int us = ref MemoryMarshal.GetArrayDataReference(net.UpdateStart);
        ref int rows = ref MemoryMarshal.GetArrayDataReference(net.RowOfEntry);
        for (int c = 0; c < nj; c++)
        {
            var piv = Unsafe.Add(ref v0, c);
            var nonPositive = ~Vector.GreaterThan(piv, Vector<double>.Zero);
            bad |= nonPositive;
            // The diagonal keeps 1/L(c,c): the substitutions below then multiply instead of divide.
            var dInv = Vector<double>.One / Vector.SquareRoot(Vector.ConditionalSelect(nonPositive, Vector<double>.One, piv));
            Unsafe.Add(ref v0, c) = dInv;
            int e1 = Unsafe.Add(ref colStart, c + 1);
            for (int e = Unsafe.Add(ref colStart, c); e < e1; e++) Unsafe.Add(ref l0, e) *= dInv;
            int u1 = Unsafe.Add(ref us, c + 1);
            for (int u = Unsafe.Add(ref us, c); u < u1; u++)
            {
                Unsafe.Add(ref v0, Unsafe.Add(ref target, u)) -= Unsafe.Add(ref v0, Unsafe.Add(ref ua, u)) * Unsafe.Add(ref v0, Unsafe.Add(ref ub, u));
            }
        }
        for (int c = 0; c < nj; c++)
        {
            var fc = Unsafe.Add(ref f0, c) * Unsafe.Add(ref v0, c);
            Unsafe.Add(ref f0, c) = fc;
            int e1 = Unsafe.Add(ref colStart, c + 1);
            for (int e = Unsafe.Add(ref colStart, c); e < e1; e++) Unsafe.Add(ref f0, Unsafe.Add(ref rows, e)) -= Unsafe.Add(ref l0, e) * fc;
        }
        for (int c = nj - 1; c >= 0; c--)
        {
            var s = Unsafe.Add(ref f0, c);
            int e1 = Unsafe.Add(ref colStart, c + 1);
            for (int e = Unsafe.Add(ref colStart, c); e < e1; e++) s -= Unsafe.Add(ref l0, e) * Unsafe.Add(ref f0, Unsafe.Add(ref rows, e));
            Unsafe.Add(ref f0, c) = s * Unsafe.Add(ref v0, c);
        }
        return bad;
    }

    /// <summary>EPANET hydstatus.c linkstatus for check valves and pumps, in the lanes of <paramref name="check"/>; returns lanes whose statuses changed.</summary>
    private static Vector<long> StatusCheck(CompiledNetwork net, Workspace ws, Vector<long> check)
    {
        var changed = Vector<long>.Zero;
        var htol = new Vector<double>(GgaConstants.Htol);
        var qtol = new Vector<double>(-GgaConstants.Qtol);
        foreach (int i in ws.StatusLinks)
        {
            var dh = ws.H[net.From[i]] - ws.H[net.To[i]];
            var old = ws.StatusClosed[i];
            Vector<long> closed;
            if (net.Kind[i] == LinkKind.CheckValvePipe)
            {
                var reverse = Vector.LessThan(ws.Q[i], qtol);
                var big = Vector.GreaterThan(Vector.Abs(dh), htol);
                var whenBig = Vector.LessThan(dh, -htol) | reverse;
                closed = Vector.ConditionalSelect(big, whenBig, reverse | old);
            }
            else if (net.PumpConstantPower[i - net.PipeCount])
            {
                continue; // EPANET: Hmax = BIG, a constant-power pump never closes on head
            }
            else
            {
                int pu = i - net.PipeCount;
                double hmax = net.PumpSpeed[pu] * net.PumpSpeed[pu] * net.PumpH0[pu];
                closed = Vector.GreaterThan(-dh, new Vector<double>(hmax + GgaConstants.Htol));
            }
            closed &= ~ws.FixedClosed[i];
            var next = Vector.ConditionalSelect(check, closed, old);
            changed |= next ^ old;
            ws.StatusClosed[i] = next;
        }
        return changed;
    }
}
