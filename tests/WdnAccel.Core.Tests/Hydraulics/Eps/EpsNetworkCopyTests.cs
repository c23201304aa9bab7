using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Tests.Shared;
using Xunit;

namespace WdnAccel.Core.Tests.Hydraulics.Eps;

/// <summary>A design's copy of a compiled network (pipes of its own, the rest shared) runs as the network compiled with that design.</summary>
public sealed class EpsNetworkCopyTests
{
    [Fact]
    public void A_copy_with_its_own_pipes_runs_as_the_recompiled_design_and_leaves_the_original_alone()
    {
        var network = InpReader.ReadFile(RepoPaths.Data("networks", "Net1.inp")).Scenario.Network;
        var compiled = EpsNetwork.Compile(network);
        double[] before = [.. compiled.Diameter];
        double[] resistanceBefore = [.. compiled.Resistance];

        var copy = compiled.WithOwnPipes();
        var recompiled = EpsNetwork.Compile(network);
        foreach (var net in new[] { copy, recompiled })
        {
            net.SetPipe(0, 0.2, net.Roughness[0]);
            net.SetPipe(3, 0.15, 90);
        }

        Assert.Equal(before, compiled.Diameter);
        Assert.Equal(resistanceBefore, compiled.Resistance);
        Assert.NotEqual(compiled.Resistance[3], copy.Resistance[3]);

        var a = ExtendedPeriodSimulation.Run(copy, new EpsSolver(copy), keepPeriods: false);
        var b = ExtendedPeriodSimulation.Run(recompiled, new EpsSolver(recompiled), keepPeriods: false);
        Assert.Equal(b.Steps.Count, a.Steps.Count);
        for (int s = 0; s < a.Steps.Count; s++)
        {
            Assert.Equal(b.Steps[s].Time, a.Steps[s].Time);
            Assert.Equal(b.Steps[s].Head, a.Steps[s].Head);
        }
        // And the design matters: the original network's heads differ.
        var original = ExtendedPeriodSimulation.Run(compiled, new EpsSolver(compiled), keepPeriods: false);
        Assert.NotEqual(original.Steps[^1].Head, a.Steps[^1].Head);
    }
}
