using ILGPU;
using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// <see cref="ILoopTables"/> over device views of a <see cref="LoopBasis"/>: the loop-flow kernel's second parameter.
/// Built by <see cref="IlgpuHydraulicSession"/>, which owns the buffers behind the views.
/// </summary>
public struct DeviceLoopTables : ILoopTables
{
    public int Loops, LinksOnLoops;
    public ArrayView<int> TreeOrderView, ParentLinkView, ParentNodeView, LinkFromParentView;
    public ArrayView<int> LoopStartView, LoopSplitView, LoopLinkView, PairStartView, PairSplitView, PairLinkView;
    public ArrayView<int> StartFixedView, EndFixedView, LinksOnLoopsView, LinkLoopStartView, LinkLoopView;

    public readonly int LoopCount => Loops;
    public readonly int TreeOrder(int index) => TreeOrderView[index];
    public readonly int ParentLink(int junction) => ParentLinkView[junction];
    public readonly int ParentNode(int junction) => ParentNodeView[junction];
    public readonly bool LinkFromParent(int junction) => LinkFromParentView[junction] != 0;
    public readonly int LoopStart(int loop) => LoopStartView[loop];
    public readonly int LoopSplit(int loop) => LoopSplitView[loop];
    public readonly int LoopLink(int index) => LoopLinkView[index];
    public readonly int PairStart(int pair) => PairStartView[pair];
    public readonly int PairSplit(int pair) => PairSplitView[pair];
    public readonly int PairLink(int index) => PairLinkView[index];
    public readonly int StartFixed(int loop) => StartFixedView[loop];
    public readonly int EndFixed(int loop) => EndFixedView[loop];
    public readonly int LinksOnLoopsCount => LinksOnLoops;
    public readonly int LinkOnLoops(int index) => LinksOnLoopsView[index];
    public readonly int LinkLoopStart(int link) => LinkLoopStartView[link];
    public readonly int LinkLoop(int index) => LinkLoopView[index];
}
