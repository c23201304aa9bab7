using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Kernels.Tests.Hydraulics;

/// <summary>
/// <see cref="GgaBatchSolver.WorkspaceBytes"/> against what a thread's workspace really allocates (its arrays, and the
/// update lists and loop scratch where they exist), so the memory budget that callers size batches by keeps up with
/// the arrays the workspace gains.
/// </summary>
public class WorkspaceBytesTests
{
    public static TheoryData<string, LoopFlowMode> Cases() => new()
    {
        { "HAN", LoopFlowMode.Auto }, { "HAN", LoopFlowMode.Never }, // loop scratch or not
        { "MESH", LoopFlowMode.Auto }, { "MESH", LoopFlowMode.Always }, // two reservoirs and a tank; auto stays on the junctions
        { "GOY", LoopFlowMode.Auto }, // pumps
        { "GRID", LoopFlowMode.Always }, // 361 loops: no basis in any mode
        { "TREE", LoopFlowMode.Auto }, { "TREE", LoopFlowMode.Never }, // 500 links: a missing per-link array shows
        { "TREE-DW", LoopFlowMode.Auto }, // the same tree Darcy–Weisbach: its two per-pipe arrays show
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void WorkspaceBytesCountsTheArraysAWorkspaceAllocates(string name, LoopFlowMode mode)
    {
        var net = name switch
        {
            "MESH" => LoopFlowParityTests.ThreeSourceMesh(),
            "GRID" => CompiledNetwork.Compile(NetworkGenerator.Grid(400)),
            "TREE" => CompiledNetwork.Compile(NetworkGenerator.Tree(500)),
            "TREE-DW" => CompiledNetwork.Compile(DarcyWeisbach(NetworkGenerator.Tree(500))),
            _ => HydraulicsTestData.Compile(name),
        };
        long predicted = GgaBatchSolver.WorkspaceBytes(net, mode);
        long allocated = GgaBatchSolver.LaneWidth == LanesT.Count ? Allocated<LanesT>(net, mode) : Allocated<Lanes512>(net, mode);
        // Beyond the counted data: object and array headers, LINQ iterators, and the update lists' build temporaries
        // (a copy of their starts, a row of junction indices).
        long slack = 8192 + (net.FactorSize + net.JunctionCount) * sizeof(int);
        Assert.InRange(allocated, predicted, predicted + slack);
    }

    [Fact]
    public void OnlyTheModeThatTakesTheLoopFormCountsItsScratch()
    {
        var net = HydraulicsTestData.Compile("HAN");
        Assert.Equal(GgaBatchSolver.WorkspaceBytes(net), GgaBatchSolver.WorkspaceBytes(net, LoopFlowMode.Always));
        Assert.True(GgaBatchSolver.WorkspaceBytes(net, LoopFlowMode.Never) < GgaBatchSolver.WorkspaceBytes(net));
    }

    private static Network DarcyWeisbach(Network net) => net with { Options = net.Options with { HeadLoss = HeadLossModel.DarcyWeisbach } };

    /// <summary>Bytes allocated by a fresh pool (its shared update lists) and the first workspace it rents.</summary>
    private static long Allocated<TV>(CompiledNetwork net, LoopFlowMode mode) where TV : struct, ILaneVector<TV>
    {
        _ = LoopBasis.WherePaying(net, mode); // the network builds and keeps its basis once: not the workspace's
        // A first pool, unmeasured: whichever test first builds one in the process also pays the one-time static
        // initialization of the types it touches (in a full run about 16 kB once, counted against HAN at random).
        GC.KeepAlive(new GgaBatchSolver.WorkspacePool<TV>(net, mode).Rent());
        long before = GC.GetAllocatedBytesForCurrentThread();
        var pool = new GgaBatchSolver.WorkspacePool<TV>(net, mode);
        var ws = pool.Rent();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(ws);
        return allocated;
    }
}
