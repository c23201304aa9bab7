namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// A <see cref="LoopBasis"/>'s tables as <see cref="LoopLaneSolver"/> reads them: over host arrays
/// (<see cref="HostLoopTables"/>) or device views (the GPU kernel's), so one generic solve compiles for both.
/// Members are plain reads; see <see cref="LoopBasis"/> for what each table holds.
/// </summary>
public interface ILoopTables
{
    int LoopCount { get; }
    int TreeOrder(int index);
    int ParentLink(int junction);
    int ParentNode(int junction);
    bool LinkFromParent(int junction);
    int LoopStart(int loop);
    int LoopSplit(int loop);
    int LoopLink(int index);
    int PairStart(int pair);
    int PairSplit(int pair);
    int PairLink(int index);
    int StartFixed(int loop);
    int EndFixed(int loop);
    int LinksOnLoopsCount { get; }
    int LinkOnLoops(int index);
    int LinkLoopStart(int link);
    int LinkLoop(int index);
}

/// <summary><see cref="ILoopTables"/> over a <see cref="LoopBasis"/>'s host arrays.</summary>
public readonly struct HostLoopTables(LoopBasis basis) : ILoopTables
{
    private readonly LoopBasis _b = basis;

    public int LoopCount => _b.LoopCount;
    public int TreeOrder(int index) => _b.TreeOrder[index];
    public int ParentLink(int junction) => _b.ParentLink[junction];
    public int ParentNode(int junction) => _b.ParentNode[junction];
    public bool LinkFromParent(int junction) => _b.LinkFromParent[junction];
    public int LoopStart(int loop) => _b.LoopStart[loop];
    public int LoopSplit(int loop) => _b.LoopSplit[loop];
    public int LoopLink(int index) => _b.LoopLink[index];
    public int PairStart(int pair) => _b.PairStart[pair];
    public int PairSplit(int pair) => _b.PairSplit[pair];
    public int PairLink(int index) => _b.PairLink[index];
    public int StartFixed(int loop) => _b.StartFixed[loop];
    public int EndFixed(int loop) => _b.EndFixed[loop];
    public int LinksOnLoopsCount => _b.LinksOnLoops.Length;
    public int LinkOnLoops(int index) => _b.LinksOnLoops[index];
    public int LinkLoopStart(int link) => _b.LinkLoopStart[link];
    public int LinkLoop(int index) => _b.LinkLoop[index];
}
