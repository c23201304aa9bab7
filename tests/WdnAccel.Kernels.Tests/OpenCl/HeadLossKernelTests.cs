using WdnAccel.Core.Hydraulics;
using WdnAccel.Kernels.OpenCl;

namespace WdnAccel.Kernels.Tests.OpenCl;

/// <summary>
/// head_loss.cl against the scalar oracle <see cref="LinkFormulas"/>, value by value, over random links and
/// odd batch sizes. Tolerances: double 1e-12 relative (device pow/division round differently from .NET's by a
/// few ulp); float 1e-4 relative (float has 24 bits, and pow with exponent 4.871 magnifies input rounding ~5x).
/// </summary>
public sealed class HeadLossKernelTests
{
    private const double Omega = 10.667;

    [OpenClTheory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(7, 7)]
    [InlineData(13, 16)]
    [InlineData(5, 31)]
    [InlineData(9, 33)]
    [InlineData(4, 64)]
    [InlineData(11, 67)]
    public void Double_kernel_matches_the_scalar_formulas(int links, int candidates) =>
        Check(OpenClTestDevice.Backend, links, candidates, seed: links * 1000 + candidates, tolerance: 1e-12);

    [OpenClTheory]
    [InlineData(1, 1)]
    [InlineData(6, 17)]
    [InlineData(3, 67)]
    public void Float_kernel_matches_the_scalar_formulas_within_single_precision(int links, int candidates)
    {
        var backend = OpenClTestDevice.SingleBackend;
        Assert.False(backend.UsesFp64);
        Check(backend, links, candidates, seed: 7 + links * candidates, tolerance: 1e-4);
    }

    [OpenClFact]
    public void Zero_flow_gives_zero_loss_velocity_and_reynolds()
    {
        var h = new double[2];
        var v = new double[2];
        var re = new double[2];
        OpenClTestDevice.Backend.HazenWilliamsBatch(Omega, 1, 2, [100.0], [120.0], [2.0], [0.2, 0.3], [0.0, -0.0], h, v, re);
        Assert.All(h, x => Assert.Equal(0.0, x));
        Assert.All(v, x => Assert.Equal(0.0, x));
        Assert.All(re, x => Assert.Equal(0.0, x));
    }

    [OpenClFact]
    public void Too_short_inputs_are_rejected()
    {
        var output = new double[4];
        Assert.Throws<ArgumentException>(() => OpenClTestDevice.Backend.HazenWilliamsBatch(Omega, 2, 2,
            [1.0, 1.0], [100.0, 100.0], [0.0, 0.0], [0.1, 0.1, 0.1], [0.01, 0.01, 0.01, 0.01], output, output, output));
    }

    private static void Check(OpenClBackend backend, int links, int candidates, int seed, double tolerance)
    {
        var random = new Random(seed);
        int total = links * candidates;
        var length = new double[links];
        var c = new double[links];
        var minorK = new double[links];
        for (int i = 0; i < links; i++)
        {
            length[i] = 10 + 990 * random.NextDouble();
            c[i] = 80 + 70 * random.NextDouble();
            minorK[i] = random.Next(3) == 0 ? 0 : 10 * random.NextDouble();
        }
        var diameter = new double[total];
        var flow = new double[total];
        for (int i = 0; i < total; i++)
        {
            diameter[i] = 0.05 + 0.95 * random.NextDouble();
            flow[i] = (random.NextDouble() - 0.3) * 0.5; // both directions, m³/s
        }
        var h = new double[total];
        var v = new double[total];
        var re = new double[total];
        backend.HazenWilliamsBatch(Omega, links, candidates, length, c, minorK, diameter, flow, h, v, re);

        for (int link = 0; link < links; link++)
        {
            for (int k = 0; k < candidates; k++)
            {
                int i = link * candidates + k;
                double expectedH = LinkFormulas.HazenWilliamsHeadLoss(Omega, length[link], diameter[i], c[link], flow[i])
                    + LinkFormulas.MinorHeadLoss(minorK[link], diameter[i], flow[i]);
                AssertClose(expectedH, h[i], tolerance, $"head loss link {link} candidate {k}");
                AssertClose(LinkFormulas.Velocity(flow[i], diameter[i]), v[i], tolerance, $"velocity link {link} candidate {k}");
                AssertClose(LinkFormulas.Reynolds(flow[i], diameter[i]), re[i], tolerance, $"Reynolds link {link} candidate {k}");
            }
        }
    }

    private static void AssertClose(double expected, double actual, double relative, string what)
    {
        double error = Math.Abs(actual - expected);
        Assert.True(error <= relative * Math.Abs(expected) + 1e-300,
            $"{what}: expected {expected:R}, got {actual:R} (relative error {error / Math.Abs(expected):E2} > {relative:E0})");
    }
}
