using WdnAccel.Core.Io.Inp;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Tests.Model;

public class HeadLossModelTests
{
    [Theory]
    [InlineData(HeadLossModel.HazenWilliams, "H-W")]
    [InlineData(HeadLossModel.DarcyWeisbach, "D-W")]
    [InlineData(HeadLossModel.ChezyManning, "C-M")]
    public void The_keyword_each_formula_writes_reads_back_as_that_formula(HeadLossModel model, string keyword)
    {
        Assert.Equal(keyword, model.InpKeyword());
        string text = $"[JUNCTIONS]\n J1 10 1\n[RESERVOIRS]\n R1 50\n[PIPES]\n P1 R1 J1 100 100 0.5\n[OPTIONS]\n Units LPS\n Headloss {model.InpKeyword()}\n[END]\n";
        Assert.Equal(model, InpReader.ReadText(text, "h.inp").Scenario.Network.Options.HeadLoss);
    }

    [Fact]
    public void Reports_state_omega_only_where_it_plays_a_part()
    {
        Assert.Equal("ω = 4.727", new HydraulicOptions { Omega = 4.727 }.Setting());
        Assert.Equal("Chezy–Manning head loss", new HydraulicOptions { HeadLoss = HeadLossModel.ChezyManning, Omega = 4.727 }.Setting());
        Assert.Equal("Darcy–Weisbach head loss", new HydraulicOptions { HeadLoss = HeadLossModel.DarcyWeisbach }.Setting());
    }
}
