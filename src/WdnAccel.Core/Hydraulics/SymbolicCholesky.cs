using System.Globalization;
using WdnAccel.Core.Io;
namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// Fill-reducing ordering and symbolic Cholesky factorization of the junction graph, computed once per topology.
/// <para>
/// Ordering: exact minimum degree (<see cref="MinimumDegreeOrdering"/>, what EPANET's smatrix.c also prepares) for
/// networks of up to <see cref="ExactMinimumDegreeLimit"/> junctions, so their factors stay as they always were;
/// above that, approximate minimum degree and nested dissection both, keeping the one with fewer factorization
/// operations (nested dissection wins on grids, minimum degree on trees and thin networks), then the elimination
/// tree's postorder (an equivalent ordering: same fill, contiguous subtrees).
/// </para>
/// <para>
/// Symbolic factorization from the elimination tree (Liu 1986, "A compact row storage scheme for Cholesky factors
/// using elimination trees"; Davis 2006, "Direct Methods for Sparse Linear Systems", §4.1–4.4): the tree by Liu's
/// path-compressed ancestor walk, then each row's pattern as the row subtree reached from A's entries in that row.
/// Storage is O(nnz(L)): the columns of L (<see cref="ColumnStart"/>, <see cref="RowOfEntry"/>) and its rows
/// (<see cref="RowStart"/>, <see cref="RowColumn"/>, <see cref="RowEntry"/>), which drive the up-looking numeric
/// factorization in <see cref="GgaLaneSolver.CholeskySolve"/>.
/// </para>
/// </summary>
internal sealed class SymbolicCholesky
{
    /// <summary>Networks up to this many junctions are ordered by exact minimum degree alone.</summary>
    public const int ExactMinimumDegreeLimit = 2000;

    /// <summary>Elimination order: <c>Order[position] = junction</c>.</summary>
    public required int[] Order { get; init; }
    /// <summary><c>Position[junction] = position</c>.</summary>
    public required int[] Position { get; init; }
    /// <summary>Strictly-lower entries of L column by column: column c holds entries ColumnStart[c]..ColumnStart[c+1], rows ascending.</summary>
    public required int[] ColumnStart { get; init; }
    public required int[] RowOfEntry { get; init; }
    /// <summary>Row k of L (strictly lower) holds the columns RowColumn[t], ascending, whose entries are RowEntry[t], t in RowStart[k]..RowStart[k+1].</summary>
    public required int[] RowStart { get; init; }
    public required int[] RowColumn { get; init; }
    public required int[] RowEntry { get; init; }
    /// <summary>Which ordering was used: "minimum degree", "approximate minimum degree" or "nested dissection".</summary>
    public required string Ordering { get; init; }

    /// <summary>Multiply–subtract pairs of the numeric factorization, Σ over columns of k(k+1)/2 for k entries.</summary>
    public long UpdateCount
    {
        get
        {
            long u = 0;
            for (int c = 0; c + 1 < ColumnStart.Length; c++)
            {
                long k = ColumnStart[c + 1] - ColumnStart[c];
                u += k * (k + 1) / 2;
            }
            return u;
        }
    }

    private long _memoryBudget;
    private string? _file;
    private RightLookingUpdates? _updates;

    /// <summary>
    /// Right-looking updates after column c (built on first use, one triple of ints per update, so O(operations)
    /// memory; the solvers no longer need them): <c>v[UpdateTarget[u]] −= v[UpdateA[u]]·v[UpdateB[u]]</c>, u in
    /// UpdateStart[c]..UpdateStart[c+1].
    /// </summary>
    public int[] UpdateStart => Updates.Start;
    public int[] UpdateTarget => Updates.Target;
    public int[] UpdateA => Updates.A;
    public int[] UpdateB => Updates.B;

    private RightLookingUpdates Updates => _updates ??= BuildUpdates();

    private sealed record RightLookingUpdates(int[] Start, int[] Target, int[] A, int[] B);

    /// <summary>Value index of L(row, col) for two positions (either order); the diagonal is the position itself.</summary>
    public int EntryOf(int a, int b)
    {
        if (a == b) return a;
        int row = Math.Max(a, b), col = Math.Min(a, b);
        int e = Array.BinarySearch(RowOfEntry, ColumnStart[col], ColumnStart[col + 1] - ColumnStart[col], row);
        if (e < 0) throw new KeyNotFoundException($"L({row}, {col}) is not in the factor's pattern");
        return Order.Length + e;
    }

    /// <param name="n">Junction count; nodes ≥ n (fixed heads) are ignored.</param>
    /// <param name="file">Named in the error when the factorization would not fit in memory.</param>
    /// <param name="memoryBudget">Bytes the factorization may use; null = all this process may use.</param>
    public static SymbolicCholesky Analyze(int n, int[] from, int[] to, string? file = null, long? memoryBudget = null)
    {
        var graph = JunctionGraph.FromLinks(n, from, to);
        long budget = memoryBudget ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        string name;
        int[] order;
        if (n <= ExactMinimumDegreeLimit)
        {
            order = MinimumDegreeOrdering.Order(graph);
            name = "minimum degree";
        }
        else
        {
            var amd = Postordered(graph, ApproximateMinimumDegree.Order(graph));
            var nd = Postordered(graph, NestedDissection.Order(graph));
            bool dissect = Counts(graph, nd).Updates < Counts(graph, amd).Updates;
            order = dissect ? nd : amd;
            name = dissect ? "nested dissection" : "approximate minimum degree";
        }
        var result = Build(graph, order, name, file, budget);
        result._memoryBudget = budget;
        result._file = file;
        return result;
    }

    /// <summary>The pattern of L for <paramref name="order"/> (exposed for tests and benchmarks of orderings).</summary>
    internal static SymbolicCholesky Build(JunctionGraph graph, int[] order, string name, string? file = null, long? memoryBudget = null)
    {
        int n = graph.NodeCount;
        var position = Positions(order);
        var (parent, colCount, _, rowCount) = Counts(graph, order, position);
        long entries = 0;
        foreach (int c in colCount) entries += c;
        CheckFactorFits(n, entries, file, memoryBudget ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

        var colStart = new int[n + 1];
        for (int c = 0; c < n; c++) colStart[c + 1] = colStart[c] + colCount[c];
        var rows = new int[entries];
        // Rows come in ascending order, so every column's rows end up sorted.
        var place = new PlaceRows(rows, colStart.AsSpan(0, n).ToArray());
        RowSubtrees(graph, order, position, parent, new int[n], ref place);
        var rowStart = new int[n + 1];
        for (int k = 0; k < n; k++) rowStart[k + 1] = rowStart[k] + rowCount[k];
        var rowColumn = new int[entries];
        var rowEntry = new int[entries];
        var next = rowStart.AsSpan(0, n).ToArray();
        for (int c = 0; c < n; c++)
        {
            for (int e = colStart[c]; e < colStart[c + 1]; e++)
            {
                int slot = next[rows[e]]++;
                rowColumn[slot] = c;
                rowEntry[slot] = e;
            }
        }
        return new SymbolicCholesky
        {
            Order = order,
            Position = position,
            ColumnStart = colStart,
            RowOfEntry = rows,
            RowStart = rowStart,
            RowColumn = rowColumn,
            RowEntry = rowEntry,
            Ordering = name,
        };
    }

    /// <summary>Entries of L and multiply–subtract pairs of its factorization for <paramref name="order"/>.</summary>
    internal static (long Entries, long Updates) Counts(JunctionGraph graph, int[] order)
    {
        var (_, colCount, _, _) = Counts(graph, order, Positions(order));
        long entries = 0, updates = 0;
        foreach (long c in colCount)
        {
            entries += c;
            updates += c * (c + 1) / 2;
        }
        return (entries, updates);
    }

    private static int[] Positions(int[] order)
    {
        var position = new int[order.Length];
        for (int p = 0; p < order.Length; p++) position[order[p]] = p;
        return position;
    }

    /// <summary>Elimination tree (parent of each position, −1 at roots), its postorder, and the column and row counts of L.</summary>
    private static (int[] Parent, int[] ColCount, int[] Post, int[] RowCount) Counts(JunctionGraph graph, int[] order, int[] position)
    {
        int n = order.Length;
        var parent = new int[n];
        var ancestor = new int[n];
        for (int k = 0; k < n; k++)
        {
            parent[k] = -1;
            ancestor[k] = -1;
            foreach (int u in graph.Neighbours(order[k]))
            {
                // Liu's algorithm: climb from each earlier neighbour to its current root, compressing the path to k.
                int i = position[u];
                while (i != -1 && i < k)
                {
                    int up = ancestor[i];
                    ancestor[i] = k;
                    if (up == -1) parent[i] = k;
                    i = up;
                }
            }
        }
        var count = new CountEntries(new int[n], new int[n]);
        RowSubtrees(graph, order, position, parent, ancestor, ref count);
        return (parent, count.ColCount, Postorder(parent), count.RowCount);
    }

    /// <summary>Receives the entries L(row, column) of the factor, row by row (rows ascending).</summary>
    private interface IEntryVisitor
    {
        void Visit(int row, int column);
    }

    private readonly struct CountEntries(int[] colCount, int[] rowCount) : IEntryVisitor
    {
        public int[] ColCount { get; } = colCount;
        public int[] RowCount { get; } = rowCount;
        public void Visit(int row, int column)
        {
            ColCount[column]++;
            RowCount[row]++;
        }
    }

    private readonly struct PlaceRows(int[] rows, int[] next) : IEntryVisitor
    {
        public void Visit(int row, int column) => rows[next[column]++] = row;
    }

    /// <summary>
    /// Every strictly-lower entry of L: row k's pattern is the row subtree of the elimination tree reached from A's
    /// entries left of the diagonal in row k, climbing until a node already seen for this row (<paramref name="mark"/>,
    /// any n ints, is overwritten).
    /// </summary>
    private static void RowSubtrees<TVisitor>(JunctionGraph graph, int[] order, int[] position, int[] parent, int[] mark, ref TVisitor visitor)
        where TVisitor : struct, IEntryVisitor
    {
        Array.Fill(mark, -1);
        for (int k = 0; k < order.Length; k++)
        {
            mark[k] = k;
            foreach (int u in graph.Neighbours(order[k]))
            {
                for (int t = position[u]; t < k && mark[t] != k; t = parent[t])
                {
                    mark[t] = k;
                    visitor.Visit(k, t);
                }
            }
        }
    }

    /// <summary>Positions in a depth-first postorder of the elimination forest (children in ascending order).</summary>
    private static int[] Postorder(int[] parent)
    {
        int n = parent.Length;
        var head = new int[n];
        var next = new int[n];
        Array.Fill(head, -1);
        for (int j = n - 1; j >= 0; j--)
        {
            if (parent[j] < 0) continue;
            next[j] = head[parent[j]];
            head[parent[j]] = j;
        }
        var post = new int[n];
        var stack = new int[n];
        int k = 0;
        for (int root = 0; root < n; root++)
        {
            if (parent[root] >= 0) continue;
            int top = 0;
            stack[0] = root;
            while (top >= 0)
            {
                int p = stack[top];
                int child = head[p];
                if (child < 0)
                {
                    post[k++] = p;
                    top--;
                }
                else
                {
                    head[p] = next[child];
                    stack[++top] = child;
                }
            }
        }
        return post;
    }

    /// <summary><paramref name="order"/> renumbered in its elimination tree's postorder (the same fill).</summary>
    private static int[] Postordered(JunctionGraph graph, int[] order)
    {
        var (_, _, post, _) = Counts(graph, order, Positions(order));
        var result = new int[order.Length];
        for (int k = 0; k < post.Length; k++) result[k] = order[post[k]];
        return result;
    }

    /// <summary>
    /// L's pattern costs 12 bytes per entry (column and row indices) and each lane another 8 for its value; a network
    /// whose factor would not fit in a .NET array or in this process's memory is refused here, with the numbers,
    /// instead of failing midway.
    /// </summary>
    private static void CheckFactorFits(int n, long entries, string? file, long available)
    {
        const double GiB = 1 << 30;
        long bytes = entries * (3 * sizeof(int) + sizeof(double)) + (long)n * 64;
        if (entries > Array.MaxLength || bytes > available)
        {
            throw new InvalidInputException(string.Format(CultureInfo.InvariantCulture,
                "{0:N0} junctions: the sparse factor has {1:N0} entries (about {2:F1} GiB with one lane's values); {3}",
                n, entries, bytes / GiB, entries > Array.MaxLength
                    ? $"at most {Array.MaxLength:N0} fit a .NET array"
                    : string.Format(CultureInfo.InvariantCulture, "{0:F1} GiB is all this process may use", available / GiB)),
                file, field: "network");
        }
    }

    /// <summary>The right-looking update lists of <see cref="UpdateStart"/>, refused with the numbers when they would not fit.</summary>
    private RightLookingUpdates BuildUpdates()
    {
        int n = Order.Length;
        long updates = UpdateCount;
        const double GiB = 1 << 30;
        long bytes = updates * 3 * sizeof(int);
        long available = _memoryBudget > 0 ? _memoryBudget : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (updates > Array.MaxLength || bytes > available)
        {
            throw new InvalidInputException(string.Format(CultureInfo.InvariantCulture,
                "{0:N0} junctions: the right-looking update lists need {1:N0} updates (about {2:F1} GiB)", n, updates, bytes / GiB),
                _file, field: "network");
        }
        var start = new int[n + 1];
        var target = new int[updates];
        var ua = new int[updates];
        var ub = new int[updates];
        var colStart = ColumnStart;
        var rows = RowOfEntry;
        // Scatter map: slot[row] = value index of L(row, j) for the column j being updated.
        var slot = new int[n];
        int u = 0;
        for (int c = 0; c < n; c++)
        {
            start[c] = u;
            for (int y = colStart[c]; y < colStart[c + 1]; y++)
            {
                int j = rows[y];
                slot[j] = j;
                for (int e = colStart[j]; e < colStart[j + 1]; e++) slot[rows[e]] = n + e;
                for (int x = y; x < colStart[c + 1]; x++)
                {
                    target[u] = slot[rows[x]];
                    ua[u] = n + x;
                    ub[u] = n + y;
                    u++;
                }
            }
        }
        start[n] = u;
        return new RightLookingUpdates(start, target, ua, ub);
    }
}
