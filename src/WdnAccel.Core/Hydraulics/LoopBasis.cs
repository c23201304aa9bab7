namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// A fundamental loop basis of a pipes-only network: a spanning forest grown from the fixed-head nodes, and for each
/// link outside it (a chord) the loop that the chord closes: through the forest back to the same fixed-head node
/// (a real loop) or to another one (a pseudo-loop between two fixed heads; Todini &amp; Pilati 1988, Wood &amp;
/// Rayes 1981). With flows split as Q = Q_T + Bᵀ·l, where Q_T carries the demands along the forest and l are the loop
/// flows, continuity holds for every l, and the GGA's Newton step reduces to the L × L system
/// (B·G·Bᵀ)·l = e − B·w with G the head-loss gradients (see the SIMD solver that uses it). Networks with few loops
/// (Hanoi and the two-loop network: 3 and 2 loops) then solve a 3 × 3 system per trial instead of a
/// junction-sized factorization, with the same iterates.
/// </summary>
public sealed class LoopBasis
{
    /// <summary>Number of loops L = links − junctions (each fixed-head node roots its own tree).</summary>
    public int LoopCount { get; }

    /// <summary>Junctions in breadth-first order from the fixed-head nodes: each one's parent comes before it.</summary>
    public int[] TreeOrder { get; }

    /// <summary>Per junction: the forest link to its parent, the parent node, and whether the link runs parent → junction (Node1 = parent).</summary>
    public int[] ParentLink { get; }
    public int[] ParentNode { get; }
    public bool[] LinkFromParent { get; }

    /// <summary>
    /// Loop → link incidence (CSR over loops): loop c runs through links <c>LoopLink[u]</c> for u in
    /// <c>LoopStart[c]..LoopStart[c+1]</c>, in their Node1 → Node2 direction before <c>LoopSplit[c]</c> and against it from there.
    /// </summary>
    public int[] LoopStart { get; }
    public int[] LoopSplit { get; }
    public int[] LoopLink { get; }

    /// <summary>
    /// The off-diagonal entries of B·G·Bᵀ, in packed lower-triangular order without the diagonal ((1,0), (2,0), (2,1), …):
    /// entry p sums g over links <c>PairLink[u]</c>, u in <c>PairStart[p]..PairStart[p+1]</c>, added before
    /// <c>PairSplit[p]</c> (both loops run the link the same way) and subtracted from there. A diagonal entry sums g over its loop.
    /// </summary>
    public int[] PairStart { get; }
    public int[] PairSplit { get; }
    public int[] PairLink { get; }

    /// <summary>Per loop: the fixed-head nodes (indices among the fixed nodes) where it starts and ends, equal for a real loop; e = H(start) − H(end).</summary>
    public int[] StartFixed { get; }
    public int[] EndFixed { get; }

    /// <summary>
    /// The links on at least one loop, ascending. The others (branches) carry their forest flow from the first trial
    /// on, so from the third trial their coefficients repeat the second's exactly and need not be recomputed.
    /// </summary>
    public int[] LinksOnLoops { get; }

    /// <summary>
    /// Link → loop incidence (CSR over links): link i lies on the loops <c>LinkLoop[a]</c> for a in
    /// <c>LinkLoopStart[i]..LinkLoopStart[i+1]</c>, stored as r + 1 where loop r runs it Node1 → Node2 and −(r + 1) where
    /// it runs against, highest loop first: the order in which Q = Q_T + Bᵀ·l adds a link's loop flows, so a solver that
    /// sums them per link rounds as one that spreads them loop by loop, last loop first. Branches have none.
    /// </summary>
    public int[] LinkLoopStart { get; }
    public int[] LinkLoop { get; }

    /// <summary>Additions per trial to assemble the loop system, solve it and spread the loop flows (dense Cholesky included).</summary>
    public long WorkPerTrial { get; }

    private LoopBasis(int loops, int[] order, int[] parentLink, int[] parentNode, bool[] fromParent, List<(int Loop, double Sign)>?[] incidence, int[] startFixed, int[] endFixed)
    {
        LoopCount = loops;
        TreeOrder = order;
        ParentLink = parentLink;
        ParentNode = parentNode;
        LinkFromParent = fromParent;
        StartFixed = startFixed;
        EndFixed = endFixed;
        int m = incidence.Length;
        var loopLists = new List<int>[2 * loops];
        int pairs = loops * (loops - 1) / 2;
        var pairLists = new List<int>[2 * pairs];
        for (int t = 0; t < loopLists.Length; t++) loopLists[t] = [];
        for (int t = 0; t < pairLists.Length; t++) pairLists[t] = [];
        for (int i = 0; i < m; i++)
        {
            if (incidence[i] is not { } list) continue;
            for (int a = 0; a < list.Count; a++)
            {
                loopLists[2 * list[a].Loop + (list[a].Sign > 0 ? 0 : 1)].Add(i);
                for (int b = 0; b < list.Count; b++)
                {
                    int r = list[a].Loop, c = list[b].Loop;
                    if (c >= r) continue;
                    int p = r * (r - 1) / 2 + c;
                    pairLists[2 * p + (list[a].Sign == list[b].Sign ? 0 : 1)].Add(i);
                }
            }
        }
        (LoopStart, LoopSplit, LoopLink) = Flatten(loopLists);
        (PairStart, PairSplit, PairLink) = Flatten(pairLists);
        LinksOnLoops = LoopLink.Distinct().Order().ToArray();
        (LinkLoopStart, LinkLoop) = ByLink(m, LoopStart, LoopSplit, LoopLink);
        WorkPerTrial = 3L * LoopLink.Length + PairLink.Length + (long)loops * loops * (loops + 6) / 6;
    }

    /// <summary>The loop CSR turned over to links: per link its loops as signed r + 1, highest loop first.</summary>
    private static (int[] Start, int[] Loops) ByLink(int m, int[] loopStart, int[] loopSplit, int[] loopLink)
    {
        var lists = new List<int>[m];
        for (int i = 0; i < m; i++) lists[i] = [];
        for (int r = loopSplit.Length - 1; r >= 0; r--)
        {
            for (int u = loopStart[r]; u < loopSplit[r]; u++) lists[loopLink[u]].Add(r + 1);
            for (int u = loopSplit[r]; u < loopStart[r + 1]; u++) lists[loopLink[u]].Add(-(r + 1));
        }
        var start = new int[m + 1];
        for (int i = 0; i < m; i++) start[i + 1] = start[i] + lists[i].Count;
        return (start, lists.SelectMany(list => list).ToArray());
    }

    /// <summary>CSR of list pairs (plus, minus): starts, the split between them, and the concatenation.</summary>
    private static (int[] Start, int[] Split, int[] Items) Flatten(List<int>[] lists)
    {
        int n = lists.Length / 2;
        var start = new int[n + 1];
        var split = new int[n];
        var items = new List<int>();
        for (int t = 0; t < n; t++)
        {
            start[t] = items.Count;
            items.AddRange(lists[2 * t]);
            split[t] = items.Count;
            items.AddRange(lists[2 * t + 1]);
        }
        start[n] = items.Count;
        return (start, split, items.ToArray());
    }

    /// <summary>
    /// The basis that a solver in <paramref name="mode"/> steps with on <paramref name="net"/>: where the loop-flow form
    /// applies (pipes only, none closed from the start, no check valve, no tank full or empty at time zero, no DAMPLIMIT,
    /// HEADERROR or FLOWCHANGE; any head-loss formula) and, under
    /// <see cref="LoopFlowMode.Auto"/>, its per-trial work is below the junction factorization's; else null.
    /// </summary>
    public static LoopBasis? WherePaying(CompiledNetwork net, LoopFlowMode mode = LoopFlowMode.Auto)
    {
        // DAMPLIMIT, HEADERROR and FLOWCHANGE act on the junction form's flow updates and balance, pressure controls on its
        // statuses, emitters and PDA on its junction balances (outflows that depend on the head); the loop form has none of these.
        if (mode == LoopFlowMode.Never || net.PumpCount > 0 || net.DampLimit > 0 || net.HeadError > 0 || net.FlowChange > 0 || net.NeedsGgaExtras) return null;
        for (int i = 0; i < net.LinkCount; i++)
        {
            // A tank full or empty at time zero gives every lane a state bit, which the loop form hands to the junctions.
            if (net.LinkCodes[i] != GgaLinkCode.Pipe || net.InitiallyClosed[i] || net.StartsAtZeroFlow[i] || net.TimeZeroLinkState[i] != 0) return null;
        }
        var basis = net.LoopBasis;
        // The GGA's trial: assembly (about 3 per link), factorization and both substitutions.
        long gga = 3L * net.LinkCount + net.FactorUpdates + 2L * net.FactorSize;
        return basis is not null && (mode == LoopFlowMode.Always || basis.WorkPerTrial < gga) ? basis : null;
    }

    /// <summary>
    /// Networks with more loops than this get no basis: the loop system is dense, and the pair lists grow as the square
    /// of the loops through a link, so past a few dozen loops the junctions' sparse system is the smaller one.
    /// </summary>
    public const int MaxLoops = 32;

    /// <summary>
    /// The basis of <paramref name="net"/> (<see cref="CompiledNetwork.LoopBasis"/> keeps it), or null where none can be
    /// built: pumps, no fixed-head node, more than <see cref="MaxLoops"/> loops, or a junction with no path to a fixed
    /// head (which <see cref="CompiledNetwork"/> already refuses). Only the topology is checked: whether the loop form
    /// applies to the links (head-loss model, check valves, initially closed links) is <see cref="WherePaying"/>'s test.
    /// </summary>
    public static LoopBasis? TryBuild(CompiledNetwork net)
    {
        int nj = net.JunctionCount, nn = net.NodeCount, m = net.LinkCount;
        if (net.PumpCount > 0 || net.FixedCount == 0 || m - nj > MaxLoops) return null;
        var incidenceAt = LinkIncidence.Of(nn, net.From, net.To);
        // Breadth-first from every fixed-head node at once: each tree of the forest hangs from one fixed head.
        var parentLink = new int[nj];
        var parentNode = new int[nj];
        var fromParent = new bool[nj];
        var root = new int[nn];
        var treeLink = new bool[m];
        Array.Fill(root, -1);
        var queue = new Queue<int>();
        for (int f = 0; f < net.FixedCount; f++)
        {
            root[nj + f] = f;
            queue.Enqueue(nj + f);
        }
        var order = new List<int>(nj);
        while (queue.Count > 0)
        {
            int u = queue.Dequeue();
            foreach (int i in incidenceAt.At(u))
            {
                int v = net.From[i] == u ? net.To[i] : net.From[i];
                if (v >= nj || root[v] >= 0) continue;
                root[v] = root[u];
                parentLink[v] = i;
                parentNode[v] = u;
                fromParent[v] = net.From[i] == u;
                treeLink[i] = true;
                order.Add(v);
                queue.Enqueue(v);
            }
        }
        if (order.Count < nj) return null;

        // Per link, the loops through it: only links on loops get a list (a large tree has none).
        var incidence = new List<(int Loop, double Sign)>?[m];
        var startFixed = new List<int>();
        var endFixed = new List<int>();
        var walk = new Dictionary<int, double>();
        for (int chord = 0; chord < m; chord++)
        {
            if (treeLink[chord]) continue;
            int loop = startFixed.Count;
            int a = net.From[chord], b = net.To[chord];
            // The loop runs a → b along the chord, b up to its fixed head, then down from a's fixed head to a; a link
            // on both climbs is walked up and down and drops out.
            walk.Clear();
            walk[chord] = 1;
            Climb(b, 1);
            Climb(a, -1);
            foreach (var (link, sign) in walk)
            {
                if (sign != 0) (incidence[link] ??= []).Add((loop, sign));
            }
            startFixed.Add(root[a]);
            endFixed.Add(root[b]);
        }
        return new LoopBasis(startFixed.Count, order.ToArray(), parentLink, parentNode, fromParent, incidence, startFixed.ToArray(), endFixed.ToArray());

        // Adds the links from node u up to its fixed head, +orientation of the upward walk times `direction`.
        void Climb(int u, double direction)
        {
            while (u < nj)
            {
                int link = parentLink[u];
                // Walking up from u to its parent runs Node1 → Node2 exactly when u is the link's Node1.
                double up = fromParent[u] ? -1 : 1;
                walk[link] = walk.GetValueOrDefault(link) + direction * up;
                u = parentNode[u];
            }
        }
    }
}
