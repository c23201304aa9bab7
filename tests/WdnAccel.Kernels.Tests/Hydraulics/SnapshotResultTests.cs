using WdnAccel.Core.Hydraulics;
using WdnAccel.Kernels.Scalar;

namespace WdnAccel.Kernels.Tests.Hydraulics;

/// <summary>Report rows of a solved lane: Reynolds numbers use the viscosity the network's head-loss formula uses.</summary>
public class SnapshotResultTests
{
    [Theory]
    [InlineData("DWLOOP", true)] // Darcy–Weisbach: EPANET's 1.1e-5 ft²/s, as in its friction factors
    [InlineData("HAN", false)]   // Hazen–Williams: the layouts study's water at 20 °C
    public void Reynolds_uses_the_head_loss_formulas_viscosity(string name, bool darcyWeisbach)
    {
        var net = HydraulicsTestData.Compile(name);
        var batch = new HydraulicBatch(net, 1);
        new ScalarBackend().SolveHydraulics(batch);
        var r = SnapshotResult.FromLane(batch, 0);
        Assert.True(r.Converged);

        double expected = darcyWeisbach ? 1.1e-5 * 0.3048 * 0.3048 : 1.004e-6;
        Assert.Equal(expected * net.Source.Options.RelativeViscosity, r.ReynoldsViscosity, 1e-15);
        int checkedPipes = 0;
        for (int i = 0; i < net.PipeCount; i++)
        {
            var row = r.Links[i];
            if (row.Closed) { Assert.Null(row.Reynolds); continue; }
            double d = batch.Diameter[i];
            double re = Math.Abs(row.Flow) / (Math.PI * d * d / 4) * d / r.ReynoldsViscosity;
            Assert.Equal(re, row.Reynolds!.Value, 1e-9 * re + 1e-12);
            Assert.Equal(LinkFormulas.Regime(re), row.Regime);
            checkedPipes++;
        }
        Assert.True(checkedPipes > 0);
    }
}
