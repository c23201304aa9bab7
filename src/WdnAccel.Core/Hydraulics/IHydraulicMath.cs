namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// The transcendental functions the hydraulic formulas need (x^y for x ≥ 0, ln x), as an instance member of a struct
/// type parameter so that one formula source takes the host's libm (<see cref="HostMath"/>) on CPUs and a
/// polynomial exp/log on GPUs, where double-precision pow would otherwise be iterative (CORDIC) and dominate a solve.
/// </summary>
public interface IHydraulicMath
{
    /// <summary>x^y for x ≥ 0 (0^y = 0 for y &gt; 0).</summary>
    double Pow(double x, double y);

    /// <summary>Natural logarithm.</summary>
    double Log(double x);
}

/// <summary>.NET's Math: the oracle's functions and the SIMD and scalar paths'.</summary>
public readonly struct HostMath : IHydraulicMath
{
    public double Pow(double x, double y) => Math.Pow(x, y);
    public double Log(double x) => Math.Log(x);
}
