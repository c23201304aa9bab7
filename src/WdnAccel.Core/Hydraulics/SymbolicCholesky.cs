using WdnAccel.Core.Io;
namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// Minimum-degree ordering and symbolic Cholesky factorization of the junction graph (George &amp; Liu 1981,
/// "Computer Solution of Large Sparse Positive Definite Systems"; EPANET's smatrix.c prepares the same pattern).
/// The elimination graph is simulated directly: eliminating a node joins its remaining neighbours into a
/// clique, and those neighbours are exactly the rows of its column in L. Ties go to the lowest index, so
/// the ordering is deterministic.
/// </summary>
internal sealed class SymbolicCholesky
{
    public required int[] Order { get; init; }
    public required int[] Position { get; init; }
    public required int[] ColumnStart { get; init; }
    public required int[] RowOfEntry { get; init; }
    public required int[] UpdateStart { get; init; }
    public required int[] UpdateTarget { get; init; }
    public required int[] UpdateA { get; init; }
    public required int[] UpdateB { get; init; }
    private readonly Dictionary<long, int> _entry = [];

    /// <summary>Value index of L(row, col) for two positions (either order); the diagonal is the position itself.</summary>
    public int EntryOf(int a, int b)
    {
        if (a == b) return a;
        int row = Math.Max(a, b), col = Math.Min(a, b);
        return _entry[((long)row << 32) | (uint)col];
    }

    /// <param name="n">Junction count; nodes ≥ n (fixed heads) are ignored.</param>
    /// <param name="file">Named in the error when the factorization would not fit in memory.</param>
    /// <param name="memoryBudget">Bytes the factorization may use; null = all this process may use.</param>
    public static SymbolicCholesky Analyze(int n, int[] from, int[] to, string? file = null, long? memoryBudget = null)
    {
        var adj = new HashSet<int>[n];
        for (int i = 0; i < n; i++) adj[i] = [];
        for (int k = 0; k < from.Length; k++)
        {
            int a = from[k], b = to[k];
            if (a < n && b < n && a != b) { adj[a].Add(b); adj[b].Add(a); }
        }

        var order = new int[n];
        var position = new int[n];
        var eliminated = new bool[n];
        var columns = new int[n][];
        var queue = new PriorityQueue<int, (int Degree, int Node)>();
        for (int i = 0; i < n; i++) queue.Enqueue(i, (adj[i].Count, i));
        for (int pos = 0; pos < n; pos++)
        {
            int v;
            while (true)
            {
                queue.TryDequeue(out v, out var pri);
                if (!eliminated[v] && pri.Degree == adj[v].Count) break;
            }
            eliminated[v] = true;
            order[pos] = v;
            position[v] = pos;
            var nb = adj[v].ToArray();
            columns[pos] = nb;
            foreach (var a in nb)
            {
                adj[a].Remove(v);
                foreach (var b in nb)
                {
                    if (a != b) adj[a].Add(b);
                }
            }
            foreach (var a in nb) queue.Enqueue(a, (adj[a].Count, a));
            adj[v].Clear();
        }

        var colStart = new int[n + 1];
        for (int c = 0; c < n; c++) colStart[c + 1] = colStart[c] + columns[c].Length;
        CheckUpdatesFit(n, columns, file, memoryBudget ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        var rows = new int[colStart[n]];
        var result = new SymbolicCholesky
        {
            Order = order,
            Position = position,
            ColumnStart = colStart,
            RowOfEntry = rows,
            UpdateStart = new int[n + 1],
            UpdateTarget = [],
            UpdateA = [],
            UpdateB = [],
        };
        for (int c = 0; c < n; c++)
        {
            var r = columns[c].Select(x => position[x]).ToArray();
            Array.Sort(r);
            for (int i = 0; i < r.Length; i++)
            {
                rows[colStart[c] + i] = r[i];
                result._entry[((long)r[i] << 32) | (uint)c] = n + colStart[c] + i;
            }
        }

        // Right-looking updates: after column c is scaled, L(i,j) −= L(i,c)·L(j,c) for rows i ≥ j of column c.
        var target = new List<int>();
        var ua = new List<int>();
        var ub = new List<int>();
        var updStart = result.UpdateStart;
        // Scatter map: slot[row] = value index of L(row, j) for the column j being updated (dense, reset per use).
        var slot = new int[n];
        for (int c = 0; c < n; c++)
        {
            updStart[c] = target.Count;
            for (int y = colStart[c]; y < colStart[c + 1]; y++)
            {
                int j = rows[y];
                slot[j] = j;
                for (int e = colStart[j]; e < colStart[j + 1]; e++) slot[rows[e]] = n + e;
                for (int x = y; x < colStart[c + 1]; x++)
                {
                    target.Add(slot[rows[x]]);
                    ua.Add(n + x);
                    ub.Add(n + y);
                }
            }
        }
        updStart[n] = target.Count;
        return new SymbolicCholesky
        {
            Order = order,
            Position = position,
            ColumnStart = colStart,
            RowOfEntry = rows,
            UpdateStart = updStart,
            UpdateTarget = [.. target],
            UpdateA = [.. ua],
            UpdateB = [.. ub],
        }.WithEntries(result._entry);
    }

    /// <summary>
    /// Column c of the factor holds k entries and brings k(k+1)/2 right-looking updates of 3 ints each; a network
    /// whose fill needs more than a .NET array or this process's memory is refused here, with the numbers, instead of
    /// failing with an overflow or out-of-memory midway (large 2-D grids fill as n^1.5).
    /// </summary>
    private static void CheckUpdatesFit(int n, int[][] columns, string? file, long available)
    {
        long updates = 0;
        foreach (var column in columns) updates += (long)column.Length * (column.Length + 1) / 2;
        const double GiB = 1 << 30;
        // Lists grow by doubling and are then copied into arrays: up to about 3 × 12 bytes per update at the peak.
        long bytes = updates * 3 * 3 * sizeof(int);
        if (updates > Array.MaxLength || bytes > available)
        {
            throw new InvalidInputException(string.Format(System.Globalization.CultureInfo.InvariantCulture,
                "{0:N0} junctions: the sparse factorization needs {1:N0} updates (about {2:F1} GiB while it is built); {3}",
                n, updates, bytes / GiB, updates > Array.MaxLength
                    ? $"at most {Array.MaxLength:N0} fit a .NET array"
                    : string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0:F1} GiB is all this process may use", available / GiB)),
                file, field: "network");
        }
    }

    private SymbolicCholesky WithEntries(Dictionary<long, int> entries)
    {
        foreach (var (key, value) in entries) _entry[key] = value;
        return this;
    }
}
