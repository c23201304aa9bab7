using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Scalar;

/// <summary>
/// Reference Global Gradient Algorithm (Todini &amp; Pilati 1988) for one lane at a time, following EPANET 2.2's
/// hydsolve (src/hydsolver.c): initial flows at 1 ft/s, P/Y coefficients of src/hydcoeffs.c pipecoeff/pumpcoeff,
/// A = A12ᵀ·P·A12 over junctions, sparse Cholesky over <see cref="CompiledNetwork"/>'s symbolic pattern,
/// flow update Q −= Y − P·ΔH, convergence Σ|ΔQ|/Σ|Q| ≤ accuracy, and check-valve/pump status checks
/// (src/hydstatus.c). The simplest correct code: the oracle every batched path is tested against.
/// </summary>
public static class GgaScalarSolver
{
    /// <summary>Solves every lane of <paramref name="batch"/>, one after another.</summary>
    public static void Solve(HydraulicBatch batch)
    {
        for (int lane = 0; lane < batch.ActiveLanes; lane++) SolveLane(batch, lane);
    }

    public static void SolveLane(HydraulicBatch batch, int lane)
    {
        var net = batch.Network;
        int K = batch.Count, nj = net.JunctionCount, nn = net.NodeCount, m = net.LinkCount, np = net.PipeCount;
        var r = new double[m];      // friction resistance (pipes)
        var km = new double[m];     // minor-loss coefficient (pipes)
        var rough = new double[m];  // Darcy–Weisbach: relative roughness ε/D
        var nuD = new double[m];    // Darcy–Weisbach: ν·D, so that Re = 4|Q|/(π·ν·D)
        bool dw = net.HeadLoss == Core.Model.HeadLossModel.DarcyWeisbach;
        var q = new double[m];
        var p = new double[m];
        var y = new double[m];
        var fixedClosed = new bool[m];
        var statusClosed = new bool[m];
        var h = new double[nn];
        var v = new double[net.FactorSize];
        var f = new double[nj];

        for (int i = 0; i < np; i++)
        {
            double d = batch.Diameter[i * K + lane], c = batch.Roughness[i * K + lane];
            fixedClosed[i] = net.InitiallyClosed[i] || d <= 0;
            if (fixedClosed[i]) { q[i] = GgaConstants.QZero; continue; }
            if (dw)
            {
                r[i] = LinkFormulas.DarcyWeisbachResistance(net.Length[i], d);
                rough[i] = c / d;
                nuD[i] = net.Viscosity * d;
            }
            else r[i] = LinkFormulas.HazenWilliamsResistance(net.Omega, net.Length[i], d, c);
            km[i] = LinkFormulas.MinorLossCoefficient(net.MinorLoss[i], d);
            q[i] = Math.PI * d * d / 4.0 * GgaConstants.InitialVelocity;
        }
        for (int i = np; i < m; i++)
        {
            fixedClosed[i] = net.InitiallyClosed[i];
            q[i] = fixedClosed[i] ? GgaConstants.QZero : net.PumpQ0[i - np];
        }
        for (int j = 0; j < nj; j++) h[j] = net.Elevation[j];
        for (int fi = 0; fi < net.FixedCount; fi++) h[nj + fi] = batch.FixedHead[fi * K + lane];

        var status = LaneStatus.NotConverged;
        int iter = 1, nextCheck = GgaConstants.CheckFrequency;
        double relErr = double.NaN;
        for (; iter <= net.MaxTrials; iter++)
        {
            // Coefficients (hydcoeffs.c).
            for (int i = 0; i < m; i++)
            {
                if (fixedClosed[i] || statusClosed[i])
                {
                    p[i] = 1.0 / GgaConstants.CBig;
                    y[i] = q[i];
                }
                else if (i < np && dw)
                {
                    DarcyWeisbachCoefficients(r[i], rough[i], nuD[i], km[i], q[i], out p[i], out y[i]);
                }
                else if (i < np)
                {
                    PipeCoefficients(r[i], km[i], q[i], out p[i], out y[i]);
                }
                else if (net.PumpConstantPower[i - np])
                {
                    int pu = i - np;
                    ConstantPowerPumpCoefficients(net.PumpR[pu], net.PumpSpeed[pu], q[i], out p[i], out y[i]);
                }
                else
                {
                    int pu = i - np;
                    PumpCoefficients(net.PumpH0[pu], net.PumpR[pu], net.PumpN[pu], net.PumpSpeed[pu], q[i], out p[i], out y[i]);
                }
            }

            // Assembly in elimination order (position = net.Position[junction]).
            Array.Clear(v);
            for (int j = 0; j < nj; j++) f[net.Position[j]] = -batch.Demand[j * K + lane];
            for (int i = 0; i < m; i++)
            {
                int a = net.From[i], b = net.To[i];
                if (net.LinkEntry[i] >= 0) v[net.LinkEntry[i]] -= p[i];
                if (a < nj)
                {
                    int pa = net.Position[a];
                    v[pa] += p[i];
                    f[pa] += y[i] - q[i];
                }
                else f[net.Position[b]] += p[i] * h[a];
                if (b < nj)
                {
                    int pb = net.Position[b];
                    v[pb] += p[i];
                    f[pb] += q[i] - y[i];
                }
                else f[net.Position[a]] += p[i] * h[b];
            }

            if (!CholeskySolve(net, v, f))
            {
                status = LaneStatus.Singular;
                break;
            }
            for (int j = 0; j < nj; j++) h[j] = f[net.Position[j]];

            // Flow update (hydsolver.c newflows).
            double qSum = 0, dqSum = 0;
            for (int i = 0; i < m; i++)
            {
                double dq = y[i] - p[i] * (h[net.From[i]] - h[net.To[i]]);
                // EPANET newlinkflows: a constant-power pump's flow may not go negative.
                if (i >= np && net.PumpConstantPower[i - np] && dq > q[i]) dq = q[i] / 2.0;
                q[i] -= dq;
                qSum += Math.Abs(q[i]);
                dqSum += Math.Abs(dq);
            }
            relErr = qSum > net.Accuracy * Core.Model.Units.CubicMetersPerCubicFoot ? dqSum / qSum : dqSum;

            if (relErr <= net.Accuracy)
            {
                if (!StatusCheck(net, fixedClosed, statusClosed, q, h))
                {
                    status = LaneStatus.Converged;
                    break;
                }
                nextCheck = iter + GgaConstants.CheckFrequency;
            }
            else if (iter <= GgaConstants.MaxCheck && iter == nextCheck)
            {
                StatusCheck(net, fixedClosed, statusClosed, q, h);
                nextCheck += GgaConstants.CheckFrequency;
            }
        }

        batch.Status[lane] = status;
        batch.Iterations[lane] = Math.Min(iter, net.MaxTrials);
        batch.RelativeError[lane] = relErr;
        for (int n = 0; n < nn; n++) batch.Head[n * K + lane] = h[n];
        for (int i = 0; i < m; i++)
        {
            batch.Flow[i * K + lane] = q[i];
            batch.Closed[i * K + lane] = (byte)(fixedClosed[i] || statusClosed[i] ? 1 : 0);
        }
    }

    /// <summary>EPANET hydcoeffs.c pipecoeff for Hazen–Williams, SI: g = 1.852·r·|Q|^0.852 (+2m|Q|), low-flow linearized.</summary>
    public static void PipeCoefficients(double r, double km, double flow, out double p, out double y)
    {
        const double n = LinkFormulas.HazenWilliamsFlowExponent;
        double q = Math.Abs(flow);
        double hgrad = n * r * Math.Pow(q, n - 1.0);
        double hloss;
        if (hgrad < GgaConstants.RQtol)
        {
            hgrad = GgaConstants.RQtol / n;
            hloss = hgrad * q;
        }
        else hloss = hgrad * q / n;
        hloss += km * q * q;
        hgrad += 2.0 * km * q;
        p = 1.0 / hgrad;
        y = (flow < 0 ? -hloss : flow > 0 ? hloss : 0.0) / hgrad;
    }

    /// <summary>
    /// EPANET hydcoeffs.c DWpipecoeff in SI: h = (f·r + m)·|Q|·Q with f from <see cref="LinkFormulas.DarcyWeisbachFrictionFactor(double, double, out double)"/>,
    /// gradient 2(f·r + m)|Q| + (df/dQ)·r·Q²; the laminar range (Re ≤ 2000, f = 64/Re) is linear: h = 16π·ν·D·r·Q.
    /// </summary>
    public static void DarcyWeisbachCoefficients(double r, double relativeRoughness, double nuD, double km, double flow, out double p, out double y)
    {
        double q = Math.Abs(flow);
        double hloss, hgrad;
        if (q <= 500.0 * Math.PI * nuD) // Re = 4q/(π·ν·D) ≤ 2000
        {
            double rl = 16.0 * Math.PI * nuD * r;
            hloss = flow * (rl + km * q);
            hgrad = rl + 2.0 * km * q;
        }
        else
        {
            double re = 4.0 * q / (Math.PI * nuD);
            double f = LinkFormulas.DarcyWeisbachFrictionFactor(re, relativeRoughness, out double dfdRe);
            double dfdq = dfdRe * re / q;
            double r1 = f * r + km;
            hloss = r1 * q * flow;
            hgrad = 2.0 * r1 * q + dfdq * r * q * q;
        }
        p = 1.0 / hgrad;
        y = hloss / hgrad;
    }

    /// <summary>EPANET hydcoeffs.c pumpcoeff for a power curve: head loss −h0·s² + r·s^(2−n)·|Q|^(n−1)·Q.</summary>
    public static void PumpCoefficients(double h0, double r, double n, double speed, double flow, out double p, out double y)
    {
        double h0s = speed * speed * h0;
        double rs = r * Math.Pow(speed, 2.0 - n);
        double q = Math.Abs(flow);
        double hgrad = n * rs * Math.Pow(q, n - 1.0);
        double hloss;
        if (hgrad < GgaConstants.RQtol)
        {
            hgrad = GgaConstants.RQtol;
            hloss = -h0s + hgrad * flow;
        }
        else hloss = -h0s + hgrad * flow / n;
        p = 1.0 / hgrad;
        y = hloss / hgrad;
    }

    /// <summary>
    /// EPANET hydcoeffs.c pumpcoeff for a constant-power pump: head loss r/Q with r = −R·s³, gradient R·s³/Q²;
    /// a gradient above CBIG acts as a closed link, below CSMALL as an open valve.
    /// </summary>
    public static void ConstantPowerPumpCoefficients(double r, double speed, double flow, out double p, out double y)
    {
        double rs = r * speed * speed * speed;
        double q = Math.Abs(flow);
        double hgrad = rs / (q * q);
        if (hgrad > GgaConstants.CBig) { p = 1.0 / GgaConstants.CBig; y = flow; return; }
        if (hgrad < GgaConstants.CSmall) { p = 1.0 / GgaConstants.CSmall; y = flow; return; }
        p = 1.0 / hgrad;
        y = -rs / flow / hgrad;
    }

    /// <summary>Factorizes v (A in the symbolic pattern) in place and overwrites f with A⁻¹f. False on a non-positive pivot.</summary>
    public static bool CholeskySolve(CompiledNetwork net, double[] v, double[] f)
    {
        int nj = net.JunctionCount;
        for (int c = 0; c < nj; c++)
        {
            if (!(v[c] > 0)) return false;
            double d = Math.Sqrt(v[c]);
            v[c] = d;
            for (int e = net.ColumnStart[c]; e < net.ColumnStart[c + 1]; e++) v[nj + e] /= d;
            for (int u = net.UpdateStart[c]; u < net.UpdateStart[c + 1]; u++) v[net.UpdateTarget[u]] -= v[net.UpdateA[u]] * v[net.UpdateB[u]];
        }
        for (int c = 0; c < nj; c++)
        {
            f[c] /= v[c];
            for (int e = net.ColumnStart[c]; e < net.ColumnStart[c + 1]; e++) f[net.RowOfEntry[e]] -= v[nj + e] * f[c];
        }
        for (int c = nj - 1; c >= 0; c--)
        {
            double s = f[c];
            for (int e = net.ColumnStart[c]; e < net.ColumnStart[c + 1]; e++) s -= v[nj + e] * f[net.RowOfEntry[e]];
            f[c] = s / v[c];
        }
        return true;
    }

    /// <summary>EPANET hydstatus.c linkstatus for check valves and pumps; true when any status changed.</summary>
    private static bool StatusCheck(CompiledNetwork net, bool[] fixedClosed, bool[] statusClosed, double[] q, double[] h)
    {
        bool change = false;
        for (int i = 0; i < net.LinkCount; i++)
        {
            if (fixedClosed[i]) continue;
            double dh = h[net.From[i]] - h[net.To[i]];
            bool closed = statusClosed[i];
            if (net.Kind[i] == LinkKind.CheckValvePipe)
            {
                if (Math.Abs(dh) > GgaConstants.Htol) closed = dh < -GgaConstants.Htol || q[i] < -GgaConstants.Qtol;
                else if (q[i] < -GgaConstants.Qtol) closed = true;
            }
            else if (net.Kind[i] == LinkKind.Pump && !net.PumpConstantPower[i - net.PipeCount])
            {
                int pu = i - net.PipeCount;
                double hmax = net.PumpSpeed[pu] * net.PumpSpeed[pu] * net.PumpH0[pu];
                closed = -dh > hmax + GgaConstants.Htol;
            }
            if (closed != statusClosed[i]) { statusClosed[i] = closed; change = true; }
        }
        return change;
    }
}
