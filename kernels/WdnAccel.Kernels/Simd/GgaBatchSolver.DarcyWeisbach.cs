using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Simd;

/// <summary>
/// Darcy–Weisbach pipes in the lane blocks: EPANET 2.2's hydcoeffs.c DWpipecoeff and frictionfactor as
/// <see cref="LinkCoefficients{TMath}.DarcyWeisbach"/> and <see cref="LinkFormulas.DarcyWeisbachFrictionFactor"/> write
/// them for one lane, vectorized branch-free: every lane's regime (laminar, Dunlop's transitional cubic, Swamee–Jain)
/// becomes a mask, the regimes present in the block are computed and the lane's own one is selected. The operations keep
/// the scalar order where that costs nothing, so lanes differ from the oracle only through the vector exp/log.
/// </summary>
public static partial class GgaBatchSolver
{
    /// <summary>−2/ln 10: Swamee–Jain's −2·log10(y) as a9·ln(y) (the constant of <see cref="LinkFormulas.DarcyWeisbachFrictionFactor"/>).</summary>
    private const double SwameeJainA9 = -2.0 / 2.302585092994046;

    /// <summary>frictionfactor's Dunlop cubic: Swamee–Jain's 5.74/Re^0.9 at Re = 4000.</summary>
    private static readonly double DunlopSwameeJainAt4000 = 5.74 / Math.Pow(LinkFormulas.TurbulentLimit, 0.9);

    /// <summary>
    /// A pipe's per-solve Darcy–Weisbach terms for one block: r = L/(2g·D·A²) (<see cref="LinkFormulas.DarcyWeisbachResistance"/>),
    /// ν·D (Re = 4|Q|/(π·ν·D)) and ε/(3.7·D), Swamee–Jain's roughness term. <paramref name="safeD"/> is 1 in closed lanes,
    /// so their terms stay finite (they are never selected).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void DarcyWeisbachPipe<TV>(Workspace<TV> ws, int i, TV safeD, TV roughness, double length, double viscosity) where TV : struct, ILaneVector<TV>
    {
        var area = safeD * Math.PI * safeD * 0.25;
        ws.R[i] = TV.Create(length) / (safeD * (2.0 * LinkFormulas.Gravity) * area * area);
        ws.NuD[i] = safeD * viscosity;
        ws.RoughTerm[i] = roughness / safeD / TV.Create(3.7);
    }

    /// <summary>
    /// One trial's P and Y of every pipe (hydcoeffs.c DWpipecoeff, <see cref="DarcyWeisbachGradient{TV}"/>); a closed
    /// lane takes CBIG as the other pipe formulas do. Called once per trial and kept out of line, so that SolveBlock's
    /// code for the power laws stays as it was.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void DarcyWeisbachCoefficients<TV>(Workspace<TV> ws, int np, TV cbigInv) where TV : struct, ILaneVector<TV>
    {
        ref TV q0 = ref MemoryMarshal.GetArrayDataReference(ws.Q);
        ref TV p0 = ref MemoryMarshal.GetArrayDataReference(ws.P);
        ref TV y0 = ref MemoryMarshal.GetArrayDataReference(ws.Y);
        ref TV fc0 = ref MemoryMarshal.GetArrayDataReference(ws.FixedClosed);
        ref TV sc0 = ref MemoryMarshal.GetArrayDataReference(ws.StatusClosed);
        for (int i = 0; i < np; i++)
        {
            var qi = Unsafe.Add(ref q0, i);
            var closed = Unsafe.Add(ref fc0, i) | Unsafe.Add(ref sc0, i);
            DarcyWeisbachGradient(ws, i, qi, closed, out var hgrad, out var hloss);
            var inv = TV.One / hgrad;
            Unsafe.Add(ref p0, i) = TV.Select(closed, cbigInv, inv);
            Unsafe.Add(ref y0, i) = TV.Select(closed, qi, hloss * inv);
        }
    }

    /// <summary>
    /// Pipe <paramref name="i"/>'s head-loss gradient and head loss at the flows <paramref name="qi"/>, from the terms
    /// <see cref="DarcyWeisbachPipe"/> stored: h = (f·r + m)·|Q|·Q with gradient 2(f·r + m)|Q| + r·|Q|·Re·df/dRe, or,
    /// laminar (Re ≤ 2000, f = 64/Re), the linear h = 16π·ν·D·r·Q (+ m·Q|Q|). The transitional and turbulent friction
    /// factors are computed only where some lane not in <paramref name="skip"/> is in that regime.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void DarcyWeisbachGradient<TV>(Workspace<TV> ws, int i, TV qi, TV skip, out TV hgrad, out TV hloss) where TV : struct, ILaneVector<TV>
    {
        double ab = DunlopSwameeJainAt4000;
        var turbulentLimit = TV.Create(LinkFormulas.TurbulentLimit);
        var q = TV.Abs(qi);
        var r = ws.R[i];
        var km = ws.Km[i];
        var nuD = ws.NuD[i];

        // Laminar, q ≤ 500π·ν·D (Re ≤ 2000): h = 16π·ν·D·r·Q + m·Q|Q|, linear in the friction.
        var laminar = TV.LessThanOrEqual(q, nuD * (500.0 * Math.PI));
        var rl = nuD * (16.0 * Math.PI) * r;
        hloss = qi * (rl + km * q);
        hgrad = rl + km * 2.0 * q;

        var rough = TV.AndNot(TV.AllBitsSet, skip | laminar);
        if (TV.MaskBits(rough) == 0) return;
        var re = q * 4.0 / (nuD * Math.PI);
        var turbulent = TV.AndNot(rough, TV.LessThan(re, turbulentLimit));
        var transitional = TV.AndNot(rough, turbulent);
        // f and Re·df/dRe (so that df/dQ·r·Q² = Re·df/dRe·r·|Q|).
        var f = TV.Zero;
        var reDf = TV.Zero;
        if (TV.MaskBits(turbulent) != 0)
        {
            // Swamee–Jain: f = 1/y3², y3 = −2·log10(ε/3.7D + 5.74/Re^0.9), Re·df/dRe = 1.8·f·y1·a9/(y2·y3).
            // Other lanes evaluate it at Re = 4000, which keeps every lane finite. One division for both: with
            // s = 1/(y2·y3³), f = s·y2·y3 and Re·df/dRe = 1.8·a9·y1·s (Re^−0.9 as a power needs none either).
            var y1 = Pow(TV.Select(turbulent, re, turbulentLimit), -0.9) * 5.74;
            var y2 = ws.RoughTerm[i] + y1;
            var y3 = TV.Log(y2) * SwameeJainA9;
            var y2y3 = y2 * y3;
            var s = TV.One / (y2y3 * y3 * y3);
            f = s * y2y3;
            reDf = s * y1 * (1.8 * SwameeJainA9);
        }
        if (TV.MaskBits(transitional) != 0)
        {
            // Dunlop's cubic in Re/2000 between 64/Re at 2000 and Swamee–Jain (fa, slope fb) at 4000.
            var z2 = ws.RoughTerm[i] + TV.Create(ab);
            var z3 = TV.Log(z2) * SwameeJainA9;
            var fa = TV.One / (z3 * z3);
            var fb = (TV.Create(2.0) + TV.Create(0.9 * 2.0 * SwameeJainA9 * ab) / (z2 * z3)) * fa;
            var rr = re * (1.0 / LinkFormulas.LaminarLimit);
            var x1 = fa * 7.0 - fb;
            var x2 = TV.Create(0.128) - fa * 17.0 + fb * 2.5;
            var x3 = TV.Create(-0.128) + fa * 13.0 - fb * 2.0;
            var x4 = TV.Create(0.032) - fa * 3.0 + fb * 0.5;
            f = TV.Select(transitional, x1 + rr * (x2 + rr * (x3 + rr * x4)), f);
            reDf = TV.Select(transitional, (x2 + rr * (x3 * 2.0 + rr * 3.0 * x4)) * rr, reDf);
        }
        var r1 = f * r + km;
        hloss = TV.Select(laminar, hloss, r1 * q * qi);
        hgrad = TV.Select(laminar, hgrad, r1 * 2.0 * q + reDf * r * q);
    }
}
