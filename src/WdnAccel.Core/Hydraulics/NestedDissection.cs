namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// Nested dissection ordering (George 1973, "Nested dissection of a regular finite element mesh", SIAM J. Numer.
/// Anal. 10(2)) with separators found as in George &amp; Liu's automatic nested dissection (1978, "An automatic nested
/// dissection algorithm for irregular finite element problems", SIAM J. Numer. Anal. 15(5); also George &amp; Liu
/// 1981, ch. 8): a rooted level structure from a pseudo-peripheral node, the middle level cut down to the nodes that
/// touch the next level as separator, separators numbered after both halves, recursively. Parts of at most
/// <c>leafSize</c> nodes are ordered by <see cref="ApproximateMinimumDegree"/>. On 2-D grids this reaches the
/// O(n log n) fill and O(n^1.5) work that minimum degree only approaches.
/// </summary>
internal static class NestedDissection
{
    /// <summary><c>order[position] = node</c>.</summary>
    public static int[] Order(JunctionGraph g, int leafSize = 96)
    {
        int n = g.NodeCount;
        var order = new int[n];
        var nodes = new int[n];
        var part = new int[n];
        for (int v = 0; v < n; v++) nodes[v] = v;
        var level = new int[n];
        var queue = new int[n];
        var local = new int[n];
        Array.Fill(local, -1);
        Array.Fill(level, -1);
        Array.Fill(part, 0);
        int nextPart = 1;
        var componentSize = new List<int>();
        // A part is nodes[lo..hi), numbered order[lo..hi); part[v] is its id while it waits, −1 once numbered.
        var pending = new Stack<(int Lo, int Hi, int Id)>();
        pending.Push((0, n, 0));
        while (pending.Count > 0)
        {
            var (lo, hi, id) = pending.Pop();
            // Connected components first, each a part of its own.
            int firstId = nextPart;
            int components = LabelComponents(lo, hi, id);
            if (components > 1)
            {
                for (int c = 0, at = lo; c < components; c++)
                {
                    pending.Push((at, at + componentSize[c], firstId + c));
                    at += componentSize[c];
                }
                continue;
            }
            id = firstId;
            int count = hi - lo;
            if (count <= leafSize)
            {
                Leaf(lo, hi);
                continue;
            }
            // Level structure from a pseudo-peripheral node (queue[lo..hi) in breadth-first order), the level to cut.
            int depth = Levels(PseudoPeripheral(nodes[lo], id, lo), id, lo, out _);
            if (depth < 2)
            {
                for (int t = lo; t < hi; t++) level[queue[t]] = -1;
                Leaf(lo, hi);
                continue;
            }
            var sizes = new int[depth + 1];
            for (int t = lo; t < hi; t++) sizes[level[queue[t]]]++;
            int cut = ChooseLevel(sizes, count);
            // Separator: nodes of the cut level with a neighbour one level further; the rest of the part follows.
            int sepCount = 0;
            for (int t = lo; t < hi; t++)
            {
                int v = queue[t];
                if (level[v] != cut) continue;
                foreach (int u in g.Neighbours(v))
                {
                    if (part[u] == id && level[u] == cut + 1)
                    {
                        sepCount++;
                        level[v] = -2;
                        break;
                    }
                }
            }
            int s = hi - sepCount, r = lo;
            int child = nextPart++;
            for (int t = lo; t < hi; t++)
            {
                int v = queue[t];
                if (level[v] == -2)
                {
                    order[s++] = v;
                    part[v] = -1;
                }
                else
                {
                    nodes[r++] = v;
                    part[v] = child;
                }
                level[v] = -1;
            }
            pending.Push((lo, hi - sepCount, child));
        }
        return order;

        // Numbers nodes[lo..hi) by approximate minimum degree on their induced subgraph.
        void Leaf(int lo, int hi)
        {
            var span = nodes.AsSpan(lo, hi - lo);
            var sub = g.Induced(span, local);
            var o = ApproximateMinimumDegree.Order(sub);
            for (int t = 0; t < o.Length; t++)
            {
                order[lo + t] = span[o[t]];
                part[span[o[t]]] = -1;
            }
        }

        // Gives each connected component of part id in nodes[lo..hi) a new id (nextPart on) and groups nodes[lo..hi)
        // by component; componentSize holds the sizes. Returns the number of components.
        int LabelComponents(int lo, int hi, int id)
        {
            componentSize.Clear();
            int qt = lo;
            for (int t = lo; t < hi; t++)
            {
                int v = nodes[t];
                if (part[v] != id) continue;
                int label = nextPart++, qh = qt, begin = qt;
                part[v] = label;
                queue[qt++] = v;
                while (qh < qt)
                {
                    int x = queue[qh++];
                    foreach (int u in g.Neighbours(x))
                    {
                        if (part[u] != id) continue;
                        part[u] = label;
                        queue[qt++] = u;
                    }
                }
                componentSize.Add(qt - begin);
            }
            // queue[lo..hi) lists the components one after another.
            Array.Copy(queue, lo, nodes, lo, hi - lo);
            return componentSize.Count;
        }

        // Level structure rooted at v within part id: level[] set, queue[lo..end) in breadth-first order; returns the depth.
        int Levels(int v, int id, int lo, out int end)
        {
            int qh = lo, qt = lo;
            queue[qt++] = v;
            level[v] = 0;
            int depth = 0;
            while (qh < qt)
            {
                int x = queue[qh++];
                depth = level[x];
                foreach (int u in g.Neighbours(x))
                {
                    if (part[u] != id || level[u] >= 0) continue;
                    level[u] = level[x] + 1;
                    queue[qt++] = u;
                }
            }
            end = qt;
            return depth;
        }

        // George & Liu's pseudo-peripheral node: restart from a lowest-degree node of the last level while the
        // eccentricity grows. Leaves level[] cleared.
        int PseudoPeripheral(int start, int id, int lo)
        {
            int root = start, depth = Levels(root, id, lo, out int end);
            for (int round = 0; round < 8; round++)
            {
                int best = -1, bestDeg = int.MaxValue;
                for (int t = end - 1; t >= lo && level[queue[t]] == depth; t--)
                {
                    int x = queue[t], deg = 0;
                    foreach (int u in g.Neighbours(x)) if (part[u] == id) deg++;
                    if (deg < bestDeg) { bestDeg = deg; best = x; }
                }
                for (int t = lo; t < end; t++) level[queue[t]] = -1;
                if (best < 0 || best == root) return root;
                int d = Levels(best, id, lo, out end);
                if (d <= depth)
                {
                    for (int t = lo; t < end; t++) level[queue[t]] = -1;
                    return root;
                }
                root = best;
                depth = d;
            }
            for (int t = lo; t < end; t++) level[queue[t]] = -1;
            return root;
        }
    }

    /// <summary>
    /// The level to cut: among levels 1..h−1 that leave at least a third of the part on each side, the smallest;
    /// ties to the one nearest the middle; the middle level if none qualifies.
    /// </summary>
    private static int ChooseLevel(int[] sizes, int count)
    {
        int h = sizes.Length - 1;
        int middle = 1, below = sizes[0];
        while (middle < h - 1 && below + sizes[middle] < count / 2) below += sizes[middle++];
        int best = middle, bestSize = sizes[middle];
        below = sizes[0];
        for (int j = 1; j < h; j++)
        {
            int above = count - below - sizes[j];
            if (3 * below >= count && 3 * above >= count)
            {
                if (sizes[j] < bestSize || sizes[j] == bestSize && Math.Abs(j - middle) < Math.Abs(best - middle))
                {
                    best = j;
                    bestSize = sizes[j];
                }
            }
            below += sizes[j];
        }
        return best;
    }
}
