using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// Double-precision ln and x^y = exp(y·ln x) for the GPU kernels, in a handful of multiply-adds. Without NVIDIA's
/// libdevice (a CUDA SDK file, absent on machines with only a driver) ILGPU computes double exp by CORDIC iterations,
/// which made pow the bulk of a GGA trial. Written from the textbook reductions (Muller, "Elementary Functions:
/// Algorithms and Implementation", 3rd ed., 2016, chapters 11–12; Cody &amp; Waite, "Software Manual for the Elementary
/// Functions", 1980, for the two-part ln 2):
/// <list type="bullet">
/// <item>ln x: x = 2^e·m with m in [√½, √2), s = (m−1)/(m+1), ln m = 2·atanh s = 2s·Σ s^(2i)/(2i+1), i ≤ 10
/// (|s| ≤ 0.1716, so the first omitted term is below 1e-17 relative);</item>
/// <item>exp z: z = k·ln 2 + r with |r| ≤ ln2/2 (ln 2 split in a part exact in k·hi and a remainder), e^r by its
/// Taylor series to r^13/13! (error below 5e-18), scaled by 2^k through the exponent bits.</item>
/// </list>
/// Accuracy against .NET's Math on random arguments (DeviceMathTests): ln within 2 ulp; x^y within 64 ulp (≤ 1.4e-14
/// relative), since ln x's last-bit rounding is multiplied by |y·ln x| (up to ~50 for flows of 1e-12 m³/s) —
/// ten orders below what the GGA's stopping rule resolves. The device check states the GGA tolerances.
/// </summary>
public readonly struct DeviceMath : IHydraulicMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01; // ln 2 with its low 32 bits zero: k·Ln2Hi is exact for |k| < 2^20
    private const double Ln2Lo = 1.90821492927058770002e-10; // ln 2 − Ln2Hi
    private const double InvLn2 = 1.44269504088896338700e+00;
    private const double Sqrt2 = 1.41421356237309504880;
    private const ulong MantissaMask = 0x000F_FFFF_FFFF_FFFFUL;
    private const ulong ExponentOne = 0x3FF0_0000_0000_0000UL;

    public double Pow(double x, double y)
    {
        if (y == 0 || x == 1) return 1;
        if (x == 0) return y > 0 ? 0 : double.PositiveInfinity;
        return Exp(y * Log(x));
    }

    public double Log(double x)
    {
        if (!(x > 0)) return x == 0 ? double.NegativeInfinity : double.NaN;
        if (double.IsPositiveInfinity(x)) return x;
        int e = 0;
        if (x < 2.2250738585072014e-308) // subnormal: scale into the normal range first
        {
            x *= 18014398509481984.0; // 2^54
            e = -54;
        }
        ulong bits = ILGPU.Interop.FloatAsInt(x);
        e += (int)((bits >> 52) & 0x7FF) - 1023;
        double m = ILGPU.Interop.IntAsFloat((bits & MantissaMask) | ExponentOne); // [1, 2)
        if (m > Sqrt2)
        {
            m *= 0.5;
            e++;
        }
        double s = (m - 1.0) / (m + 1.0);
        double z = s * s;
        // Σ z^i/(2i+1), i = 0..10, by Horner.
        double p = 1.0 / 21;
        p = p * z + 1.0 / 19;
        p = p * z + 1.0 / 17;
        p = p * z + 1.0 / 15;
        p = p * z + 1.0 / 13;
        p = p * z + 1.0 / 11;
        p = p * z + 1.0 / 9;
        p = p * z + 1.0 / 7;
        p = p * z + 1.0 / 5;
        p = p * z + 1.0 / 3;
        double lnM = 2.0 * s + 2.0 * s * z * p;
        return e * Ln2Hi + (e * Ln2Lo + lnM);
    }

    public static double Exp(double z)
    {
        if (double.IsNaN(z)) return z;
        if (z > 709.782712893384) return double.PositiveInfinity;
        if (z < -745.1332191019412) return 0;
        double k = Math.Floor(z * InvLn2 + 0.5);
        double r = (z - k * Ln2Hi) - k * Ln2Lo;
        // e^r = Σ r^i/i!, i = 0..13, by Horner.
        double p = 1.0 / 6227020800; // 1/13!
        p = p * r + 1.0 / 479001600;
        p = p * r + 1.0 / 39916800;
        p = p * r + 1.0 / 3628800;
        p = p * r + 1.0 / 362880;
        p = p * r + 1.0 / 40320;
        p = p * r + 1.0 / 5040;
        p = p * r + 1.0 / 720;
        p = p * r + 1.0 / 120;
        p = p * r + 1.0 / 24;
        p = p * r + 1.0 / 6;
        p = p * r + 0.5;
        p = p * r + 1.0;
        p = p * r + 1.0;
        int n = (int)k;
        // 2^n in two halves, so that results in the subnormal range (n down to −1075) scale without underflowing early.
        int half = n / 2;
        return p * PowerOfTwo(half) * PowerOfTwo(n - half);
    }

    /// <summary>2^n for −1022 ≤ n ≤ 1023 from its exponent bits.</summary>
    private static double PowerOfTwo(int n) => ILGPU.Interop.IntAsFloat((ulong)(n + 1023) << 52);
}
