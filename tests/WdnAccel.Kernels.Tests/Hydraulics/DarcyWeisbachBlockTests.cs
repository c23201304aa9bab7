using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Kernels.Tests.Hydraulics;

/// <summary>
/// The SIMD blocks' Darcy–Weisbach pipe coefficients (GgaBatchSolver.DarcyWeisbachGradient, which both forms of the
/// Newton step use) against the scalar LinkCoefficients.DarcyWeisbachGradient, lane by lane, over flows that span the
/// laminar, transitional and turbulent ranges on smooth to rough pipes with and without minor loss: gradient and loss
/// within 1e-12 relative, where a solved network's heads and flows hide an error in the gradient once the Newton
/// iterate has converged.
/// </summary>
public class DarcyWeisbachBlockTests
{
    [Fact]
    public void Every_lane_gets_the_scalar_coefficients_in_every_friction_regime()
    {
        var net = LoopFlowParityTests.ThreeSourceMesh(HeadLossModel.DarcyWeisbach);
        if (GgaBatchSolver.LaneWidth == LanesT.Count) Check<LanesT>(net);
        else Check<Lanes512>(net);
    }

    private static void Check<TV>(CompiledNetwork net) where TV : struct, ILaneVector<TV>
    {
        var ws = new GgaBatchSolver.WorkspacePool<TV>(net, LoopFlowMode.Never).Rent();
        int w = TV.Count;
        var rng = new Random(17);
        var regimes = new HashSet<FlowRegime>();
        double[] d = new double[w], eps = new double[w], q = new double[w], km = new double[w], g = new double[w], h = new double[w];
        for (int round = 0; round < 400; round++)
        {
            const int pipe = 0;
            for (int l = 0; l < w; l++)
            {
                d[l] = 0.02 + 0.6 * rng.NextDouble();
                eps[l] = rng.Next(5) == 0 ? 0 : 3e-3 * rng.NextDouble() * rng.NextDouble();
                // Re from 10 to 10^7, log-uniform: Q = Re·π·ν·D/4, either sign.
                double re = Math.Pow(10, 1 + 6 * rng.NextDouble());
                q[l] = (rng.Next(2) == 0 ? -1 : 1) * re * Math.PI * net.Viscosity * d[l] / 4;
                km[l] = rng.Next(2) == 0 ? 0 : LinkFormulas.MinorLossCoefficient(10 * rng.NextDouble(), d[l]);
                regimes.Add(LinkFormulas.Regime(LinkFormulas.Reynolds(q[l], d[l], net.Viscosity)));
            }
            GgaBatchSolver.DarcyWeisbachPipe(ws, pipe, TV.Load(ref d[0]), TV.Load(ref eps[0]), net.Length[pipe], net.Viscosity);
            ws.Km[pipe] = TV.Load(ref km[0]);
            GgaBatchSolver.DarcyWeisbachGradient(ws, pipe, TV.Load(ref q[0]), TV.Zero, out var hgrad, out var hloss);
            TV.Store(hgrad, ref g[0]);
            TV.Store(hloss, ref h[0]);
            for (int l = 0; l < w; l++)
            {
                double r = LinkFormulas.DarcyWeisbachResistance(net.Length[pipe], d[l]);
                LinkCoefficients<HostMath>.DarcyWeisbachGradient(r, eps[l] / d[l], net.Viscosity * d[l], km[l], q[l], out double g1, out double h1);
                string at = $"round {round} lane {l}: D {d[l]:R}, ε {eps[l]:R}, Q {q[l]:R}, m {km[l]:R}";
                Assert.True(Math.Abs(g[l] - g1) <= 1e-12 * Math.Abs(g1), $"{at}: gradient {g[l]:R} vs {g1:R}");
                Assert.True(Math.Abs(h[l] - h1) <= 1e-12 * Math.Abs(h1), $"{at}: loss {h[l]:R} vs {h1:R}");
            }
        }
        Assert.Equal([FlowRegime.Laminar, FlowRegime.Transitional, FlowRegime.Turbulent], regimes.Order());
    }
}
