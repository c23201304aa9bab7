using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Tests.Hydraulics;

public class LinkFormulasTests
{
    [Fact]
    public void Hazen_Williams_matches_a_hand_evaluated_value()
    {
        // 10.667·1000·0.1^1.852 / (130^1.852·0.3^4.871), evaluated separately in Python: 6.426308566801253 m.
        Assert.Equal(6.426308566801253, LinkFormulas.HazenWilliamsHeadLoss(10.667, 1000, 0.3, 130, 0.1), 12);
        Assert.Equal(-6.426308566801253, LinkFormulas.HazenWilliamsHeadLoss(10.667, 1000, 0.3, 130, -0.1), 12);
    }

    [Fact]
    public void Minor_loss_is_EPANETs_0_02517_K_Q2_over_D4()
    {
        double v = LinkFormulas.Velocity(0.05, 0.2);
        Assert.Equal(4 * 0.05 / (Math.PI * 0.04), v, 14);
        // EPANET (input1.c): h = 0.02517·K·Q²/D⁴ in ft, cfs and ft; 0.02517 rounds 8/(π²·32.2), so K·v²/2g is 1.2e-4 more.
        double ft = 0.3048, qCfs = 0.05 / (ft * ft * ft), dFt = 0.2 / ft;
        double epanet = 0.02517 * 2.5 * qCfs * qCfs / Math.Pow(dFt, 4) * ft;
        Assert.Equal(epanet, LinkFormulas.MinorHeadLoss(2.5, 0.2, 0.05), 12);
        Assert.Equal(1.0001177, 2.5 * v * v / (2 * 32.2 * ft) / epanet, 6);
    }

    [Fact]
    public void Chezy_Manning_is_EPANETs_formula_in_feet_and_within_1_percent_of_Mannings_in_SI()
    {
        // EPANET 2.2 resistcoeff in ft and cfs, evaluated separately in Python for L = 1000 m, D = 0.3 m, n = 0.013,
        // Q = 0.1 m³/s: (4n/(1.49·π·d²))²·(d/4)^−1.333·L·Q² ft = 10.630525705472955 m.
        Assert.Equal(10.630525705472955, LinkFormulas.PipeHeadLoss(HeadLossModel.ChezyManning, 0, 1000, 0.3, 0.013, 0.1, 0), 11);
        Assert.Equal(-10.630525705472955, LinkFormulas.PipeHeadLoss(HeadLossModel.ChezyManning, 0, 1000, 0.3, 0.013, -0.1, 0), 11);
        // Manning's formula in SI, h = 4^(10/3)/π²·n²·L·Q²/D^(16/3): EPANET's 1.49 (for 1.486) and 1.333 put it 0.6 % lower.
        double si = Math.Pow(4, 10.0 / 3) / (Math.PI * Math.PI) * 0.013 * 0.013 * 1000 * 0.01 / Math.Pow(0.3, 16.0 / 3);
        Assert.InRange(LinkFormulas.ChezyManningResistance<HostMath>(1000, 0.3, 0.013) * 0.01 / si, 0.99, 0.995);
        Assert.Equal(2.0, LinkFormulas.PipeFlowExponent(HeadLossModel.ChezyManning));
    }

    [Fact]
    public void Darcy_Weisbach_turbulent_is_Swamee_Jain()
    {
        // D = 0.3 m, ε = 0.26 mm, Q = 0.1 m³/s, EPANET's ν: Re ≈ 415,304, f ≈ 0.019885 (Python, Swamee–Jain directly).
        Assert.Equal(0.019885237769328327, LinkFormulas.DarcyWeisbachFrictionFactor(0.1, 0.3, 0.00026), 12);
        Assert.Equal(6.758400462280067, LinkFormulas.DarcyWeisbachHeadLoss(1000, 0.3, 0.00026, 0.1), 9);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-4)]
    [InlineData(0.01)]
    public void Darcy_Weisbach_transition_meets_both_neighbours(double roughness)
    {
        const double d = 0.1, nu = LinkFormulas.EpanetViscosity;
        double QAt(double re) => re * Math.PI * d * nu / 4; // Re = 4Q/(πDν)
        // Re = 2000: the cubic equals Hagen–Poiseuille's 64/Re = 0.032.
        double justAbove2000 = LinkFormulas.DarcyWeisbachFrictionFactor(QAt(2000 * (1 + 1e-12)), d, roughness);
        Assert.Equal(0.032, justAbove2000, 9);
        Assert.Equal(64.0 / 1500, LinkFormulas.DarcyWeisbachFrictionFactor(QAt(1500), d, roughness), 12);
        // Re = 4000: the cubic equals Swamee–Jain.
        double below = LinkFormulas.DarcyWeisbachFrictionFactor(QAt(4000 * (1 - 1e-12)), d, roughness);
        double at = LinkFormulas.DarcyWeisbachFrictionFactor(QAt(4000), d, roughness);
        Assert.Equal(at, below, 9);
        double l = Math.Log10(roughness / (3.7 * d) + 5.74 / Math.Pow(4000, 0.9));
        Assert.Equal(0.25 / (l * l), at, 12);
    }

    [Theory]
    [InlineData(800)]
    [InlineData(2600)]
    [InlineData(3900)]
    [InlineData(25_000)]
    [InlineData(2_000_000)]
    public void Darcy_Weisbach_derivative_matches_finite_differences(double re)
    {
        const double eps = 2e-4;
        double h = re * 1e-6;
        LinkFormulas.DarcyWeisbachFrictionFactor(re, eps, out double analytic);
        double up = LinkFormulas.DarcyWeisbachFrictionFactor(re + h, eps, out _);
        double down = LinkFormulas.DarcyWeisbachFrictionFactor(re - h, eps, out _);
        Assert.Equal((up - down) / (2 * h), analytic, Math.Abs(analytic) * 1e-5);
    }

    [Fact]
    public void Darcy_Weisbach_resistance_gives_h_equal_f_r_Q_squared()
    {
        double f = LinkFormulas.DarcyWeisbachFrictionFactor(0.1, 0.3, 0.00026);
        Assert.Equal(LinkFormulas.DarcyWeisbachHeadLoss(1000, 0.3, 0.00026, 0.1), f * LinkFormulas.DarcyWeisbachResistance(1000, 0.3) * 0.01, 12);
    }

    [Theory]
    [InlineData(1999.9, FlowRegime.Laminar)]
    [InlineData(2000, FlowRegime.Transitional)]
    [InlineData(3999.9, FlowRegime.Transitional)]
    [InlineData(4000, FlowRegime.Turbulent)]
    public void Seed_001_regime_limits(double reynolds, FlowRegime expected) =>
        Assert.Equal(expected, LinkFormulas.Regime(reynolds));
}
