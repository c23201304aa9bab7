namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// Approximate minimum degree ordering (Amestoy, Davis &amp; Duff 1996, "An approximate minimum degree ordering
/// algorithm", SIAM J. Matrix Anal. Appl. 17(4); Davis 2006, "Direct Methods for Sparse Linear Systems", §7.1),
/// written from the paper's description. The elimination graph is kept as a quotient graph: an eliminated node
/// becomes an element standing for the clique of its remaining neighbours, so storage stays O(|A|) however much fill
/// there is. Per pivot p: L_p = the variables of p's elements and of p's own list; elements of p are absorbed into p;
/// each variable i of L_p gets the degree bound min(d_i + |L_p∖i|, |A_i∖i| + |L_p∖i| + Σ_e |L_e∖L_p|), with
/// |L_e∖L_p| counted once per element (the w(e) pass); elements with L_e ⊆ L_p are absorbed (aggressive absorption),
/// variables adjacent to p only are eliminated with it (mass elimination), and variables with the same lists are
/// merged into supervariables (found by a hash of their lists, then compared).
/// </summary>
internal static class ApproximateMinimumDegree
{
    private const byte Variable = 0, Element = 1, Dead = 2;

    /// <summary><c>order[position] = node</c>.</summary>
    public static int[] Order(JunctionGraph g)
    {
        int n = g.NodeCount;
        var order = new int[n];
        if (n == 0) return order;
        var list = new int[n][];      // variable: [elements (elen) | variables]; element: its variables L_e
        var len = new int[n];
        var elen = new int[n];
        var nv = new int[n];          // supervariable weight (principal variables), element weight unused
        var degree = new int[n];      // variable: approximate external degree; element: Σ nv over L_e
        var kind = new byte[n];
        var w = new long[n];          // w(e) − wflg = |L_e ∖ L_p| during a pivot step
        long wflg = 1;
        var mark = new int[n];
        int tag = 0;
        var head = new int[n + 1];
        var next = new int[n];
        var prev = new int[n];
        var chainNext = new int[n];   // members of a supervariable, ordered together
        var chainTail = new int[n];
        Array.Fill(head, -1);
        for (int i = 0; i < n; i++)
        {
            list[i] = g.Neighbours(i).ToArray();
            len[i] = list[i].Length;
            nv[i] = 1;
            degree[i] = len[i];
            chainNext[i] = -1;
            chainTail[i] = i;
            Insert(i, degree[i]);
        }

        var lp = new int[n];
        var keys = new int[n];
        var tmp = new int[16];
        int minDeg = 0, nel = 0, outPos = 0;
        while (nel < n)
        {
            while (head[minDeg] < 0) minDeg++;
            int p = head[minDeg];
            Remove(p, minDeg);
            for (int v = p; v >= 0; v = chainNext[v]) order[outPos++] = v;
            nel += nv[p];

            // L_p: the variables of p's elements (absorbed into p) and of p's own list.
            mark[p] = ++tag;
            int lpCount = 0, degme = 0;
            var pl = list[p];
            for (int t = 0; t < len[p]; t++)
            {
                int x = pl[t];
                if (t < elen[p])
                {
                    if (kind[x] != Element) continue;
                    var le = list[x];
                    for (int s = 0; s < len[x]; s++) Add(le[s]);
                    kind[x] = Dead;
                    list[x] = [];
                }
                else Add(x);
            }
            for (int a = 0; a < lpCount; a++) Remove(lp[a], degree[lp[a]]);
            kind[p] = Element;

            // |L_e ∖ L_p| for every element next to L_p.
            for (int a = 0; a < lpCount; a++)
            {
                int i = lp[a];
                var li = list[i];
                for (int t = 0; t < elen[i]; t++)
                {
                    int e = li[t];
                    if (kind[e] != Element) continue;
                    if (w[e] < wflg) w[e] = degree[e] + wflg;
                    w[e] -= nv[i];
                }
            }

            // New lists and degree bounds; mass elimination of variables left adjacent to p only.
            int survivors = 0;
            for (int a = 0; a < lpCount; a++)
            {
                int i = lp[a];
                var li = list[i];
                int need = len[i] + 1;
                if (tmp.Length < need) tmp = new int[Math.Max(need, 2 * tmp.Length)];
                int c = 0;
                tmp[c++] = p;
                long ext = 0;
                int hash = p;
                for (int t = 0; t < elen[i]; t++)
                {
                    int e = li[t];
                    if (kind[e] != Element) continue;
                    long outside = w[e] - wflg;
                    if (outside == 0)
                    {
                        kind[e] = Dead; // aggressive absorption: L_e ⊆ L_p
                        list[e] = [];
                        continue;
                    }
                    ext += outside;
                    tmp[c++] = e;
                    hash = unchecked(hash + e);
                }
                int ne = c;
                for (int t = elen[i]; t < len[i]; t++)
                {
                    int j = li[t];
                    if (kind[j] != Variable || mark[j] == tag) continue;
                    ext += nv[j];
                    tmp[c++] = j;
                    hash = unchecked(hash + j);
                }
                if (c == 1)
                {
                    for (int v = i; v >= 0; v = chainNext[v]) order[outPos++] = v;
                    nel += nv[i];
                    degme -= nv[i];
                    kind[i] = Dead;
                    list[i] = [];
                    continue;
                }
                if (li.Length < c) list[i] = li = new int[c];
                Array.Copy(tmp, li, c);
                len[i] = c;
                elen[i] = ne;
                long others = degme - nv[i];
                long bound = Math.Min((long)degree[i] + others, ext + others);
                degree[i] = (int)Math.Max(0, Math.Min(bound, n - nel - nv[i]));
                keys[survivors] = hash;
                lp[survivors++] = i;
            }

            // Supervariables: equal hashes first, then equal lists.
            Array.Sort(keys, lp, 0, survivors);
            for (int a = 0; a < survivors;)
            {
                int b = a + 1;
                while (b < survivors && keys[b] == keys[a]) b++;
                for (int x = a; x < b - 1; x++)
                {
                    int i = lp[x];
                    if (kind[i] != Variable) continue;
                    int stamp = ++tag;
                    var li = list[i];
                    for (int t = 0; t < len[i]; t++) mark[li[t]] = stamp;
                    for (int y = x + 1; y < b; y++)
                    {
                        int j = lp[y];
                        if (kind[j] != Variable || len[j] != len[i] || elen[j] != elen[i]) continue;
                        var lj = list[j];
                        bool same = true;
                        for (int t = 0; t < len[j] && same; t++) same = mark[lj[t]] == stamp;
                        if (!same) continue;
                        nv[i] += nv[j];
                        degree[i] = Math.Max(0, degree[i] - nv[j]);
                        chainNext[chainTail[i]] = j;
                        chainTail[i] = chainTail[j];
                        nv[j] = 0;
                        kind[j] = Dead;
                        list[j] = [];
                    }
                }
                a = b;
            }

            // The new element p and the degree lists.
            int count = 0;
            int weight = 0;
            for (int a = 0; a < survivors; a++)
            {
                int i = lp[a];
                if (kind[i] != Variable) continue;
                lp[count++] = i;
                weight += nv[i];
                Insert(i, degree[i]);
                if (degree[i] < minDeg) minDeg = degree[i];
            }
            list[p] = lp.AsSpan(0, count).ToArray();
            len[p] = count;
            elen[p] = 0;
            degree[p] = weight;
            wflg += n + 1L;
            if (tag > int.MaxValue - 2 * n - 2)
            {
                Array.Clear(mark);
                tag = 0;
            }

            void Add(int i)
            {
                if (kind[i] != Variable || mark[i] == tag) return;
                mark[i] = tag;
                lp[lpCount++] = i;
                degme += nv[i];
            }
        }
        return order;

        void Insert(int i, int d)
        {
            prev[i] = -1;
            next[i] = head[d];
            if (head[d] >= 0) prev[head[d]] = i;
            head[d] = i;
        }

        void Remove(int i, int d)
        {
            if (prev[i] >= 0) next[prev[i]] = next[i];
            else head[d] = next[i];
            if (next[i] >= 0) prev[next[i]] = prev[i];
        }
    }
}
