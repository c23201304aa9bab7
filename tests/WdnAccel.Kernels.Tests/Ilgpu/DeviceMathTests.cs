using WdnAccel.Kernels.Ilgpu;

namespace WdnAccel.Kernels.Tests.Ilgpu;

/// <summary>
/// The GPU kernels' ln and pow (<see cref="DeviceMath"/>) against .NET's Math over the ranges the hydraulics use:
/// flows 1e-12..1e3 m³/s to the Hazen–Williams exponents, diameters, roughness, Reynolds numbers to 0.9, and the
/// edges (0, 1, subnormals, overflow, NaN).
/// </summary>
public class DeviceMathTests
{
    private static readonly DeviceMath M = default;

    private static double Ulps(double actual, double expected) =>
        expected == actual ? 0 : Math.Abs(actual - expected) / Math.Max(Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected), double.Epsilon);

    [Fact]
    public void Log_is_within_2_ulp_of_the_host()
    {
        var rng = new Random(1);
        double worst = 0;
        for (int i = 0; i < 200_000; i++)
        {
            double x = Math.Exp((rng.NextDouble() - 0.5) * 1400); // e^-700 .. e^700
            worst = Math.Max(worst, Ulps(M.Log(x), Math.Log(x)));
        }
        Assert.True(worst <= 2, $"worst {worst} ulp");
        Assert.Equal(0.0, M.Log(1.0));
        Assert.Equal(double.NegativeInfinity, M.Log(0.0));
        Assert.True(double.IsNaN(M.Log(-1.0)));
        Assert.True(double.IsNaN(M.Log(double.NaN)));
        Assert.Equal(Math.Log(5e-320), M.Log(5e-320), 1e-12);
        Assert.Equal(double.PositiveInfinity, M.Log(double.PositiveInfinity));
    }

    [Theory]
    [InlineData(0.852, -12, 3)]   // |Q|^0.852, Hazen–Williams gradient
    [InlineData(1.852, -12, 3)]   // C^1.852 / |Q|^1.852
    [InlineData(4.871, -3, 1)]    // D^4.871
    [InlineData(4.0, -3, 1)]      // D^4, minor loss
    [InlineData(0.9, 0, 9)]       // Re^0.9, Swamee–Jain
    [InlineData(0.148, -2, 1)]    // pump speed^(2 − n)
    [InlineData(-0.33, -12, 3)]   // pump curve exponents below 1
    public void Pow_is_within_64_ulp_of_the_host(double y, int lowDecade, int highDecade)
    {
        var rng = new Random(7);
        double worst = 0;
        for (int i = 0; i < 100_000; i++)
        {
            double x = Math.Pow(10, lowDecade + (highDecade - lowDecade) * rng.NextDouble());
            worst = Math.Max(worst, Ulps(M.Pow(x, y), Math.Pow(x, y)));
        }
        // exp(y·ln x) carries ln x's rounding (≤ 1 ulp) times |y·ln x| (up to 51 here) into the result: measured
        // 13–59 ulp, i.e. ≤ 1.3e-14 relative, ten orders below what the GGA's 0.001 stopping rule resolves.
        Assert.True(worst <= 64, $"x^{y}: worst {worst} ulp");
    }

    [Fact]
    public void Pow_edges_follow_the_host()
    {
        Assert.Equal(0.0, M.Pow(0, 0.852));
        Assert.Equal(1.0, M.Pow(0, 0));
        Assert.Equal(double.PositiveInfinity, M.Pow(0, -1));
        Assert.Equal(1.0, M.Pow(1, 123.4));
        Assert.Equal(1.0, M.Pow(7.5, 0));
        Assert.Equal(double.PositiveInfinity, M.Pow(1e300, 4.871));
        Assert.Equal(0.0, M.Pow(1e-300, 4.871));
        Assert.True(double.IsNaN(M.Pow(double.NaN, 2)));
        double tiny = M.Pow(1e-100, 3.1); // 1e-310: a subnormal result
        Assert.Equal(Math.Pow(1e-100, 3.1), tiny, Math.Pow(1e-100, 3.1) * 1e-9);
        Assert.Equal(Math.Exp(-0.5), DeviceMath.Exp(-0.5), 1e-16);
    }
}
