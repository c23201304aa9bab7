namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// The GGA's per-link coefficients, EPANET 2.2's src/hydcoeffs.c in SI units: for a link's current flow, the inverse
/// head-loss gradient p = 1/g and y = h/g (Todini &amp; Pilati 1988). Written once as plain static arithmetic on doubles
/// (no allocation, no exceptions) so that the scalar oracle and the ILGPU kernels compile the very same code, with pow
/// and log from <typeparamref name="TMath"/> (.NET's on CPUs, a polynomial on GPUs: <see cref="IHydraulicMath"/>); the
/// SIMD lane blocks vectorize these formulas with the same constants (<see cref="GgaConstants"/>, <see cref="LinkFormulas"/>).
/// </summary>
public static class LinkCoefficients<TMath> where TMath : struct, IHydraulicMath
{
    /// <summary>
    /// The loss g·x/n of a power law h ∝ |x|^n whose gradient is <paramref name="gradient"/> at x, and the gradient the
    /// Newton step uses: where it falls below RQtol, EPANET 2.2's hydcoeffs.c takes RQtol and the linear loss RQtol·x
    /// (2.3 divides RQtol by n there, 2.2 does not). The one low-gradient rule of every power-law element: pipes
    /// (Hazen–Williams, Chezy–Manning), pump curves, valve minor losses, emitters and pressure-driven demands.
    /// </summary>
    public static void PowerLaw(double gradient, double x, double n, out double hgrad, out double hloss)
    {
        if (gradient < GgaConstants.RQtol)
        {
            hgrad = GgaConstants.RQtol;
            hloss = hgrad * x;
        }
        else
        {
            hgrad = gradient;
            hloss = hgrad * x / n;
        }
    }

    /// <summary>
    /// pipecoeff for the power-law formulas, Hazen–Williams (n = 1.852) and Chezy–Manning (n = 2):
    /// g = n·r·|Q|^(n−1) (+2m|Q|), the friction by <see cref="PowerLaw"/>.
    /// </summary>
    public static void PowerLawPipe(double r, double km, double n, double flow, out double p, out double y)
    {
        PowerLawPipeGradient(r, km, n, flow, out double hgrad, out double hloss);
        p = 1.0 / hgrad;
        y = hloss / hgrad;
    }

    /// <summary>
    /// The same coefficients as the head-loss gradient g = 1/p and the head loss h = y·g signed with the flow, which
    /// the loop-flow form of the Newton step (<see cref="LoopLaneSolver"/>) assembles directly.
    /// </summary>
    public static void PowerLawPipeGradient(double r, double km, double n, double flow, out double hgrad, out double hloss)
    {
        double q = Math.Abs(flow);
        PowerLaw(n * r * default(TMath).Pow(q, n - 1.0), q, n, out hgrad, out hloss);
        hloss += km * q * q;
        hgrad += 2.0 * km * q;
        if (flow < 0) hloss = -hloss;
        else if (!(flow > 0)) hloss = 0;
    }

    /// <summary>
    /// DWpipecoeff: h = (f·r + m)·|Q|·Q with f from <c>LinkFormulas.DarcyWeisbachFrictionFactor</c>,
    /// gradient 2(f·r + m)|Q| + (df/dQ)·r·Q²; the laminar range (Re ≤ 2000, f = 64/Re) is linear: h = 16π·ν·D·r·Q.
    /// <paramref name="nuD"/> is ν·D, so that Re = 4|Q|/(π·ν·D).
    /// </summary>
    public static void DarcyWeisbach(double r, double relativeRoughness, double nuD, double km, double flow, out double p, out double y)
    {
        DarcyWeisbachGradient(r, relativeRoughness, nuD, km, flow, out double hgrad, out double hloss);
        p = 1.0 / hgrad;
        y = hloss / hgrad;
    }

    /// <summary>
    /// The same coefficients as the head-loss gradient g = 1/p and the head loss h = y·g signed with the flow, for the
    /// loop-flow form of the Newton step (<see cref="LoopLaneSolver"/>).
    /// </summary>
    public static void DarcyWeisbachGradient(double r, double relativeRoughness, double nuD, double km, double flow, out double hgrad, out double hloss)
    {
        double q = Math.Abs(flow);
        if (q <= 500.0 * Math.PI * nuD) // Re = 4q/(π·ν·D) ≤ 2000
        {
            double rl = 16.0 * Math.PI * nuD * r;
            hloss = flow * (rl + km * q);
            hgrad = rl + 2.0 * km * q;
        }
        else
        {
            double re = 4.0 * q / (Math.PI * nuD);
            double f = LinkFormulas.DarcyWeisbachFrictionFactor<TMath>(re, relativeRoughness, out double dfdRe);
            double dfdq = dfdRe * re / q;
            double r1 = f * r + km;
            hloss = r1 * q * flow;
            hgrad = 2.0 * r1 * q + dfdq * r * q * q;
        }
    }

    /// <summary>pumpcoeff for a power curve: head loss −h0·s² + r·s^(2−n)·|Q|^(n−1)·Q.</summary>
    public static void PowerCurvePump(double h0, double r, double n, double speed, double flow, out double p, out double y)
    {
        double h0s = speed * speed * h0;
        double rs = r * default(TMath).Pow(speed, 2.0 - n);
        double q = Math.Abs(flow);
        PowerLaw(n * rs * default(TMath).Pow(q, n - 1.0), flow, n, out double hgrad, out double friction);
        double hloss = -h0s + friction;
        p = 1.0 / hgrad;
        y = hloss / hgrad;
    }

    /// <summary>
    /// pumpcoeff for a custom (multi-point) curve: the curve segment holding the speed-adjusted flow |Q|/s
    /// (<see cref="CurveSegment"/>: head h0 + r·x, r &lt; 0) as head loss −h0·s² − r·s·Q, gradient −r·s.
    /// </summary>
    public static void CustomCurvePump(double h0, double r, double speed, double flow, out double p, out double y)
    {
        double hgrad = -r * speed;
        double hloss = -h0 * speed * speed + hgrad * flow;
        p = 1.0 / hgrad;
        y = hloss / hgrad;
    }

    /// <summary>
    /// pumpcoeff for a constant-power pump: head loss r/Q with r = −R·s³, gradient R·s³/Q²; EPANET 2.2's hydcoeffs.c
    /// bounds the gradient to [RQtol, CBIG] and then takes the head loss as −g·Q (2.3 instead treats those ends as a
    /// closed link and an open valve).
    /// </summary>
    public static void ConstantPowerPump(double r, double speed, double flow, out double p, out double y)
    {
        double rs = r * speed * speed * speed;
        double q = Math.Abs(flow);
        double hgrad = rs / (q * q);
        if (hgrad > GgaConstants.CBig) { p = 1.0 / GgaConstants.CBig; y = -flow; return; }
        if (hgrad < GgaConstants.RQtol) { p = 1.0 / GgaConstants.RQtol; y = -flow; return; }
        p = 1.0 / hgrad;
        y = -rs / flow / hgrad;
    }

    /// <summary>
    /// EPANET 2.2 hydcoeffs.c emitterheadloss: the head loss h = ke·|q|^qexp of an emitter's outflow q (a fictitious pipe
    /// to a reservoir at the junction's elevation), qexp = 1/EMITTER EXPONENT, ke from <see cref="LinkFormulas.EmitterResistance"/>;
    /// linear below RQtol as every power law (<see cref="PowerLaw"/>).
    /// </summary>
    public static void Emitter(double ke, double qexp, double q, out double hgrad, out double hloss) =>
        PowerLaw(qexp * ke * default(TMath).Pow(Math.Abs(q), qexp - 1.0), q, qexp, out hgrad, out hloss);

    /// <summary>
    /// EPANET 2.2 hydcoeffs.c demandheadloss: the inverted pressure–demand relation of a pressure-driven demand d of full
    /// demand <paramref name="dfull"/> &gt; 0 over the pressure range <paramref name="dp"/> (required − minimum), exponent
    /// n = 1/PRESSURE EXPONENT: barriers (gradient CBIG) at zero and full demand, between them the power law, linear where
    /// its gradient falls below RQtol (<see cref="PowerLaw"/>).
    /// </summary>
    public static void PressureDrivenDemand(double d, double dfull, double dp, double n, out double hgrad, out double hloss)
    {
        double r = d / dfull;
        if (r <= 0)
        {
            hgrad = GgaConstants.CBig;
            hloss = GgaConstants.CBig * d;
        }
        else if (r < 1.0) PowerLaw(n * dp * default(TMath).Pow(r, n - 1.0) / dfull, d, n, out hgrad, out hloss);
        else
        {
            hgrad = GgaConstants.CBig;
            hloss = dp + GgaConstants.CBig * (d - dfull);
        }
    }

    /// <summary>A closed link: h = CBIG·Q (EPANET's closed-link gradient), so p = 1/CBIG and y = Q.</summary>
    public static void Closed(double flow, out double p, out double y)
    {
        p = 1.0 / GgaConstants.CBig;
        y = flow;
    }

    /// <summary>
    /// valvecoeff: an open valve is its minor loss h = km·Q² (gradient by <see cref="PowerLaw"/>), or without one a
    /// tiny linear resistance CSMALL.
    /// </summary>
    public static void OpenValve(double km, double flow, out double p, out double y)
    {
        if (km > 0)
        {
            PowerLaw(2.0 * km * Math.Abs(flow), flow, 2.0, out double hgrad, out double hloss);
            p = 1.0 / hgrad;
            y = hloss / hgrad;
        }
        else
        {
            p = 1.0 / GgaConstants.CSmall;
            y = flow;
        }
    }

    /// <summary>pbvcoeff while the PBV holds its setting: the head loss is the setting (m), through a conductance CBIG.</summary>
    public static void BreakPressure(double setting, out double p, out double y)
    {
        p = GgaConstants.CBigConductance;
        y = setting * GgaConstants.CBigConductance;
    }

    /// <summary>The flow at which gpvcoeff reads a GPV's curve: |Q|, at least TINY (1e-6 cfs).</summary>
    public static double GeneralPurposeValveFlow(double flow) => Math.Max(Math.Abs(flow), GgaConstants.TinyFlow);

    /// <summary>
    /// gpvcoeff: the head loss h0 + r·|Q| of the curve segment (<paramref name="h0"/>, <paramref name="r"/>) read at
    /// <see cref="GeneralPurposeValveFlow"/>, its slope at least TINY, signed with the flow.
    /// </summary>
    public static void GeneralPurposeValve(double h0, double r, double flow, out double p, out double y)
    {
        double q = GeneralPurposeValveFlow(flow);
        r = Math.Max(r, GgaConstants.TinyGradient);
        p = 1.0 / r;
        y = (h0 / r + q) * (flow > 0 ? 1.0 : flow < 0 ? -1.0 : 0.0);
    }
}
