using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Tests.OpenCl;

/// <summary>
/// dw_head_loss_batch (head_loss.cl) against <see cref="LinkFormulas.DarcyWeisbachHeadLoss"/>, with flows chosen so every
/// batch covers laminar, transitional and turbulent pipes. Tolerance 1e-12 relative in double (device log/pow round
/// differently by a few ulp).
/// </summary>
public sealed class DarcyWeisbachKernelTests
{
    [OpenClTheory]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(7, 33)]
    [InlineData(11, 67)]
    public void Double_kernel_matches_the_scalar_formula_in_every_regime(int links, int candidates)
    {
        var rng = new Random(links * 100 + candidates);
        var length = Enumerable.Range(0, links).Select(_ => 50 + 950 * rng.NextDouble()).ToArray();
        var roughness = Enumerable.Range(0, links).Select(_ => 1e-5 + 2e-3 * rng.NextDouble()).ToArray();
        var minor = Enumerable.Range(0, links).Select(_ => rng.Next(3) * 0.5).ToArray();
        int total = links * candidates;
        var diameter = Enumerable.Range(0, total).Select(_ => 0.05 + 0.45 * rng.NextDouble()).ToArray();
        // Reynolds numbers spread over 10..1e6 (log-uniform), signs mixed: all three regimes appear.
        var flow = diameter.Select(d => (rng.Next(2) == 0 ? -1 : 1) * Math.Pow(10, 1 + 5 * rng.NextDouble()) * Math.PI * d * LinkFormulas.EpanetViscosity / 4).ToArray();
        var h = new double[total];
        var v = new double[total];
        var re = new double[total];
        OpenClTestDevice.Backend.DarcyWeisbachBatch(links, candidates, length, roughness, minor, diameter, flow, h, v, re);
        for (int i = 0; i < total; i++)
        {
            int link = i / candidates;
            double expected = LinkFormulas.DarcyWeisbachHeadLoss(length[link], diameter[i], roughness[link], flow[i]) + LinkFormulas.MinorHeadLoss(minor[link], diameter[i], flow[i]);
            Assert.Equal(expected, h[i], Math.Abs(expected) * 1e-12);
            Assert.Equal(LinkFormulas.Reynolds(flow[i], diameter[i], LinkFormulas.EpanetViscosity), re[i], re[i] * 1e-12);
        }
        if (total >= 33)
        {
            Assert.Contains(re, r => r < 2000);
            Assert.Contains(re, r => r > 2000 && r < 4000);
            Assert.Contains(re, r => r > 4000);
        }
    }
}
