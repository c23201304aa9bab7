using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Tests.Hydraulics;

/// <summary>Input checks before any solve, and the topology arrays of <see cref="CompiledNetwork"/>.</summary>
public class CompiledNetworkTests
{
    /// <summary>R — J1 — J2 — J3 with a loop J1–J3.</summary>
    private static Network Small() => new()
    {
        Junctions =
        [
            new Junction("J1", 10, [new DemandComponent(0.01)]),
            new Junction("J2", 12, [new DemandComponent(0.02)]),
            new Junction("J3", 8, [new DemandComponent(0.015)]),
        ],
        Reservoirs = [new Reservoir("R", 60)],
        Pipes =
        [
            new Pipe("P1", "R", "J1", 500, 0.4, 130),
            new Pipe("P2", "J1", "J2", 400, 0.3, 130),
            new Pipe("P3", "J2", "J3", 300, 0.25, 130),
            new Pipe("P4", "J1", "J3", 600, 0.2, 130),
        ],
    };

    [Fact]
    public void SplitsJunctionsAndFixedHeadsAndMapsLinksToFactorEntries()
    {
        var net = CompiledNetwork.Compile(Small());
        Assert.Equal(3, net.JunctionCount);
        Assert.Equal(1, net.FixedCount);
        Assert.Equal(3, net.NodeIndex("R"));
        Assert.Equal(60, net.BaseFixedHead[0]);
        Assert.Equal(-1, net.LinkEntry[0]); // reservoir link goes to the right-hand side
        // Three junctions in a triangle: L has 3 off-diagonal entries, and each internal link owns one of them.
        Assert.Equal(3, net.FactorSize - net.JunctionCount);
        Assert.Equal(3, new[] { net.LinkEntry[1], net.LinkEntry[2], net.LinkEntry[3] }.Distinct().Count());
        Assert.Equal(-1, net.NodeIndex("nope"));
    }

    [Fact]
    public void MinimumDegreeAvoidsFillOnATree()
    {
        // A star (hub with 6 leaves): eliminating the hub first would fill a 6-clique; minimum degree takes leaves first.
        var leaves = Enumerable.Range(1, 6).Select(i => new Junction($"L{i}", 0, [new DemandComponent(0.001)])).ToList();
        var network = new Network
        {
            Junctions = [new Junction("H", 0, []), .. leaves],
            Reservoirs = [new Reservoir("R", 50)],
            Pipes = [new Pipe("PR", "R", "H", 100, 0.3, 120), .. leaves.Select(l => new Pipe("P" + l.Id, "H", l.Id, 100, 0.1, 120))],
        };
        var net = CompiledNetwork.Compile(network);
        Assert.Equal(6, net.FactorSize - net.JunctionCount); // no fill: one entry per leaf link
        Assert.True(net.Position[0] >= 5); // the hub is eliminated after (at least) five of its leaves
    }

    [Fact]
    public void NoFixedHeadNodeIsRejected()
    {
        var e = Assert.Throws<InvalidInputException>(() => CompiledNetwork.Compile(Small() with { Reservoirs = [] , Pipes = Small().Pipes.Skip(1).ToList() }));
        Assert.Contains("fixed-head", e.Message);
    }

    [Fact]
    public void DisconnectedJunctionIsNamed()
    {
        var n = Small();
        n = n with { Junctions = [.. n.Junctions, new Junction("J9", 0, []), new Junction("J10", 0, [])], Pipes = [.. n.Pipes, new Pipe("P9", "J9", "J10", 10, 0.1, 100)] };
        var e = Assert.Throws<InvalidInputException>(() => CompiledNetwork.Compile(n));
        Assert.Contains("J9", e.Message);
        Assert.Contains("not connected", e.Message);
    }

    [Fact]
    public void JunctionReachableOnlyThroughAClosedPipeIsDisconnected()
    {
        var n = Small();
        n = n with { Pipes = [n.Pipes[0], n.Pipes[1] with { Status = LinkStatus.Closed }, n.Pipes[2] with { Status = LinkStatus.Closed }, n.Pipes[3]] };
        var e = Assert.Throws<InvalidInputException>(() => CompiledNetwork.Compile(n));
        Assert.Contains("J2", e.Message);
    }

    [Theory]
    [InlineData(0.0, "diameter")]
    [InlineData(-0.3, "diameter")]
    [InlineData(double.NaN, "diameter")]
    public void NonPositiveDiameterIsRejected(double d, string word)
    {
        var n = Small();
        n = n with { Pipes = [n.Pipes[0], n.Pipes[1] with { Diameter = d }, n.Pipes[2], n.Pipes[3]] };
        var e = Assert.Throws<InvalidInputException>(() => CompiledNetwork.Compile(n));
        Assert.Contains("P2", e.Message);
        Assert.Contains(word, e.Message);
        Assert.Equal("Diameter", e.Field);
    }

    [Fact]
    public void NegativeLengthIsRejected()
    {
        var n = Small();
        n = n with { Pipes = [n.Pipes[0] with { Length = -5 }, n.Pipes[1], n.Pipes[2], n.Pipes[3]] };
        Assert.Equal("Length", Assert.Throws<InvalidInputException>(() => CompiledNetwork.Compile(n)).Field);
    }

    [Fact]
    public void NaNDemandIsRejected()
    {
        var n = Small();
        n = n with { Junctions = [n.Junctions[0], n.Junctions[1] with { Demands = [new DemandComponent(double.NaN)] }, n.Junctions[2]] };
        var e = Assert.Throws<InvalidInputException>(() => CompiledNetwork.Compile(n));
        Assert.Contains("J2", e.Message);
        Assert.Contains("not a number", e.Message);
    }

    [Fact]
    public void UnknownNodeIdIsRejected()
    {
        var n = Small();
        n = n with { Pipes = [.. n.Pipes, new Pipe("P5", "J3", "J7", 10, 0.1, 100)] };
        var e = Assert.Throws<InvalidInputException>(() => CompiledNetwork.Compile(n));
        Assert.Contains("unknown node 'J7'", e.Message);
    }

    [Fact]
    public void UnknownDecisionPipeAndCaseJunctionAreRejected()
    {
        var design = new DesignSpec { Catalog = [new CatalogEntry(0.3, 10)], DecisionPipes = ["P2", "P77"] };
        Assert.Contains("P77", Assert.Throws<InvalidInputException>(() => CompiledNetwork.Compile(Small(), design)).Message);
        var n = Small() with { DemandCases = [new DemandCase("peak", 1.5, new Dictionary<string, double> { ["J99"] = 0.1 })] };
        Assert.Contains("J99", Assert.Throws<InvalidInputException>(() => CompiledNetwork.Compile(n)).Message);
    }

    [Fact]
    public void DemandCasesAreResolved()
    {
        var n = Small() with { DemandCases = [new DemandCase("base"), new DemandCase("peak", 2.0, new Dictionary<string, double> { ["J3"] = 0.5 })] };
        var net = CompiledNetwork.Compile(n);
        Assert.Equal(["base", "peak"], net.CaseNames);
        Assert.Equal(0.02, net.CaseDemand[0][1], 12);
        Assert.Equal(0.04, net.CaseDemand[1][1], 12);
        Assert.Equal(0.5, net.CaseDemand[1][2], 12);
    }

    [Fact]
    public void PumpCurvesAreFittedAsEpanetDoes()
    {
        // One point (q1, h1): h0 = 1.33334·h1, zero head at 2·q1, hence n = log(1.33334/0.33334)/log 2 ≈ 2.
        var one = PumpCurveFit.Fit(new Curve("C", CurveKind.PumpHead, [new Point2(0.06, 70)]))!.Value;
        Assert.Equal(1.33334 * 70, one.H0, 9);
        Assert.Equal(Math.Log(1.33334 / 0.33334) / Math.Log(2), one.N, 9);
        Assert.Equal(one.H0 - 70, one.R * Math.Pow(0.06, one.N), 9);
        // Three points through (0, 100), (0.1, 80), (0.2, 20): n = log(80/20)/log 2 = 2, r = 20/0.01.
        var three = PumpCurveFit.Fit(new Curve("C", CurveKind.PumpHead, [new Point2(0, 100), new Point2(0.1, 80), new Point2(0.2, 20)]))!.Value;
        Assert.Equal(2.0, three.N, 12);
        Assert.Equal(2000.0, three.R, 9);
        // Rising curve: not a pump curve.
        Assert.Null(PumpCurveFit.Fit(new Curve("C", CurveKind.PumpHead, [new Point2(0, 10), new Point2(0.1, 20), new Point2(0.2, 30)])));
    }
}
