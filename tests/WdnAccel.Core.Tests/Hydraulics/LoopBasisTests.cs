using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Tests.Shared;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Tests.Hydraulics;

/// <summary>
/// The loop basis behind the loop-flow solver: every loop conserves flow at every junction (so Q_T + Bᵀ·l meets
/// continuity for any loop flows l), the loops are independent and as many as links − junctions, pseudo-loops end at
/// two different fixed heads, and the forest lists each parent before its children.
/// </summary>
public class LoopBasisTests
{
    [Theory]
    [InlineData("HAN.inp", 3, 0)]
    [InlineData("TLN.inp", 2, 0)]
    [InlineData("NYT.inp", 23, 0)]
    public void LoopsConserveFlowAndSpanTheLoopSpace(string file, int expectedLoops, int expectedPseudo)
    {
        var net = CompiledNetwork.Compile(InpReader.ReadFile(RepoPaths.Data("networks", file)).Scenario.Network);
        var basis = LoopBasis.TryBuild(net);
        Assert.NotNull(basis);
        int loops = net.LinkCount - net.JunctionCount;
        Assert.Equal(loops, basis.LoopCount);
        Assert.Equal(expectedLoops, loops);
        var b = Matrix(net, basis);
        for (int c = 0; c < loops; c++)
        {
            // Junction balance of loop c: flow in minus flow out, with the loop's orientation as flow.
            var balance = new double[net.JunctionCount];
            for (int i = 0; i < net.LinkCount; i++)
            {
                if (net.From[i] < net.JunctionCount) balance[net.From[i]] -= b[c, i];
                if (net.To[i] < net.JunctionCount) balance[net.To[i]] += b[c, i];
            }
            Assert.All(balance, x => Assert.Equal(0.0, x));
        }
        // Independence: each loop has a link (its chord) that no other loop runs through.
        for (int c = 0; c < loops; c++)
            Assert.Contains(Enumerable.Range(0, net.LinkCount), i => b[c, i] != 0 && Enumerable.Range(0, loops).Count(d => b[d, i] != 0) == 1);
        // The links on loops, and only those, are recomputed after the second trial.
        Assert.Equal(Enumerable.Range(0, net.LinkCount).Where(i => Enumerable.Range(0, loops).Any(c => b[c, i] != 0)), basis.LinksOnLoops);
        Assert.Equal(expectedPseudo, Enumerable.Range(0, loops).Count(c => basis.StartFixed[c] != basis.EndFixed[c]));
        // Per link, its loops with their directions, highest loop first: B turned over.
        for (int i = 0; i < net.LinkCount; i++)
        {
            var expected = Enumerable.Range(0, loops).Reverse().Where(c => b[c, i] != 0).Select(c => (int)b[c, i] * (c + 1));
            Assert.Equal(expected, basis.LinkLoop[basis.LinkLoopStart[i]..basis.LinkLoopStart[i + 1]]);
        }
        AssertForestOrder(net, basis);
    }

    [Fact]
    public void NoBasisForANetworkWithAPump()
    {
        var net = CompiledNetwork.Compile(InpReader.ReadFile(RepoPaths.Data("networks", "GOY.inp")).Scenario.Network);
        Assert.True(net.PumpCount > 0);
        Assert.Null(LoopBasis.TryBuild(net));
        Assert.Null(net.LoopBasis);
        Assert.Null(LoopBasis.WherePaying(net, LoopFlowMode.Always));
    }

    [Fact]
    public void PseudoLoopsJoinDifferentFixedHeadsAndTheirPathsHeadThere()
    {
        // Two reservoirs feeding a 3-junction loop, plus a pipe straight between the reservoirs.
        var net = CompiledNetwork.Compile(new Network
        {
            Junctions = [new Junction("J1", 0, [new DemandComponent(0.01)]), new Junction("J2", 0, [new DemandComponent(0.01)]), new Junction("J3", 0, [new DemandComponent(0.01)])],
            Reservoirs = [new Reservoir("R1", 50), new Reservoir("R2", 45)],
            Pipes =
            [
                new Pipe("A", "R1", "J1", 100, 0.2, 120), new Pipe("B", "J1", "J2", 100, 0.2, 120), new Pipe("C", "J3", "J2", 100, 0.2, 120),
                new Pipe("D", "J1", "J3", 100, 0.2, 120), new Pipe("E", "J3", "R2", 100, 0.2, 120), new Pipe("F", "R2", "R1", 100, 0.2, 120),
            ],
        });
        var basis = LoopBasis.TryBuild(net)!;
        Assert.Equal(3, basis.LoopCount);
        var b = Matrix(net, basis);
        int pseudo = 0;
        for (int c = 0; c < 3; c++)
        {
            if (basis.StartFixed[c] == basis.EndFixed[c]) continue;
            pseudo++;
            // Walking the loop as a path, the head drops sum to H(start) − H(end): with heads equal to each node's
            // index, the drops of the loop's links telescope to exactly that difference.
            double sum = 0;
            for (int i = 0; i < net.LinkCount; i++) sum += b[c, i] * (Potential(net.From[i]) - Potential(net.To[i]));
            Assert.Equal(Potential(net.JunctionCount + basis.StartFixed[c]) - Potential(net.JunctionCount + basis.EndFixed[c]), sum, 12);
        }
        Assert.Equal(3, pseudo); // chords J3–J2 and J1–J3 join R2's tree to R1's, and F joins the reservoirs
        AssertForestOrder(net, basis);

        static double Potential(int node) => 1.0 + node * node;
    }

    [Fact]
    public void NoBasisPastMaxLoopsAndTheNetworkKeepsTheOneItBuilt()
    {
        var grid = CompiledNetwork.Compile(NetworkGenerator.Grid(100)); // 10 × 10: 180 links, 81 loops
        Assert.True(grid.LinkCount - grid.JunctionCount > LoopBasis.MaxLoops);
        Assert.Null(LoopBasis.TryBuild(grid));
        Assert.Null(grid.LoopBasis);

        var hanoi = CompiledNetwork.Compile(InpReader.ReadFile(RepoPaths.Data("networks", "HAN.inp")).Scenario.Network);
        Assert.NotNull(hanoi.LoopBasis);
        Assert.Same(hanoi.LoopBasis, hanoi.LoopBasis);
    }

    private static double[,] Matrix(CompiledNetwork net, LoopBasis basis)
    {
        var b = new double[basis.LoopCount, net.LinkCount];
        for (int c = 0; c < basis.LoopCount; c++)
        {
            for (int u = basis.LoopStart[c]; u < basis.LoopStart[c + 1]; u++)
                b[c, basis.LoopLink[u]] = u < basis.LoopSplit[c] ? 1 : -1;
        }
        return b;
    }

    private static void AssertForestOrder(CompiledNetwork net, LoopBasis basis)
    {
        var seen = new bool[net.NodeCount];
        for (int f = 0; f < net.FixedCount; f++) seen[net.JunctionCount + f] = true;
        Assert.Equal(net.JunctionCount, basis.TreeOrder.Distinct().Count());
        foreach (int j in basis.TreeOrder)
        {
            Assert.True(seen[basis.ParentNode[j]], $"junction {net.NodeIds[j]} listed before its parent");
            int link = basis.ParentLink[j];
            Assert.Equal(basis.LinkFromParent[j] ? (basis.ParentNode[j], j) : (j, basis.ParentNode[j]), (net.From[link], net.To[link]));
            seen[j] = true;
        }
    }
}
