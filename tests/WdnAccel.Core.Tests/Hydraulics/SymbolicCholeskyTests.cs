using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Tests.Hydraulics;

public class SymbolicCholeskyTests
{
    /// <summary>A side × side grid of junctions, 4-neighbour pipes, as (from, to) arrays.</summary>
    private static (int[] From, int[] To) Grid(int side)
    {
        var from = new List<int>();
        var to = new List<int>();
        for (int r = 0; r < side; r++)
        {
            for (int c = 0; c < side; c++)
            {
                int v = r * side + c;
                if (c + 1 < side) { from.Add(v); to.Add(v + 1); }
                if (r + 1 < side) { from.Add(v); to.Add(v + side); }
            }
        }
        return ([.. from], [.. to]);
    }

    /// <summary>n nodes, a random spanning tree plus <paramref name="extra"/> random links, some parallel, some isolated nodes left out of the tree.</summary>
    private static (int[] From, int[] To) RandomGraph(int n, int extra, int seed, int isolated = 0)
    {
        var rng = new Random(seed);
        var from = new List<int>();
        var to = new List<int>();
        for (int v = 1; v < n - isolated; v++) { from.Add(rng.Next(v)); to.Add(v); }
        for (int k = 0; k < extra; k++) { from.Add(rng.Next(n - isolated)); to.Add(rng.Next(n - isolated)); }
        return ([.. from], [.. to]);
    }

    private static bool IsPermutation(int[] order) => order.Order().SequenceEqual(Enumerable.Range(0, order.Length));

    [Fact]
    public void A_path_has_no_fill_and_one_update_per_column()
    {
        // Minimum degree eliminates a path from its ends: each column keeps one neighbour, so one update each.
        int n = 50;
        var from = Enumerable.Range(0, n - 1).ToArray();
        var to = Enumerable.Range(1, n - 1).ToArray();
        var sym = SymbolicCholesky.Analyze(n, from, to);
        Assert.Equal(n - 1, sym.ColumnStart[n]);
        Assert.Equal(n - 1, sym.UpdateCount);
        Assert.Equal(n - 1, sym.UpdateTarget.Length);
        Assert.Equal(Enumerable.Range(0, n).ToArray(), sym.Order.Select(v => sym.Position[v]).Order().ToArray());
    }

    [Fact]
    public void A_factor_larger_than_the_memory_budget_is_refused_up_front_with_its_numbers()
    {
        var (from, to) = Grid(60);
        var fits = SymbolicCholesky.Analyze(3600, from, to, "grid.inp", memoryBudget: 1L << 30);
        long entries = fits.RowOfEntry.Length;
        Assert.True(entries > 20_000, $"{entries} entries");

        var e = Assert.Throws<InvalidInputException>(() => SymbolicCholesky.Analyze(3600, from, to, "grid.inp", memoryBudget: 1 << 18));
        Assert.Contains("3,600 junctions", e.Message);
        Assert.Contains($"{entries:N0} entries", e.Message);
        Assert.Contains("grid.inp", e.Message);
    }

    [Theory]
    [InlineData(30, false, 1.0)]
    [InlineData(60, true, 0.9)]
    [InlineData(120, true, 0.75)]
    public void Grids_above_the_exact_limit_are_dissected_with_fewer_operations_than_exact_minimum_degree(int side, bool large, double ratio)
    {
        var (from, to) = Grid(side);
        int n = side * side;
        var sym = SymbolicCholesky.Analyze(n, from, to);
        Assert.Equal(large ? "nested dissection" : "minimum degree", sym.Ordering);
        var graph = JunctionGraph.FromLinks(n, from, to);
        var exact = SymbolicCholesky.Counts(graph, MinimumDegreeOrdering.Order(graph));
        // The operations shrink with the grid: nested dissection's n^1.5 against minimum degree's faster growth.
        Assert.True(sym.UpdateCount <= ratio * exact.Updates, $"{sym.UpdateCount:N0} vs {exact.Updates:N0}");
    }

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(2, 0, 0)]
    [InlineData(300, 0, 5)]
    [InlineData(500, 200, 0)]
    [InlineData(3000, 1500, 40)]
    [InlineData(5000, 0, 0)]
    public void Every_ordering_is_a_permutation_also_on_trees_forests_and_isolated_nodes(int n, int extra, int isolated)
    {
        var (from, to) = RandomGraph(n, extra, seed: n + extra, isolated);
        var graph = JunctionGraph.FromLinks(n, from, to);
        var amd = ApproximateMinimumDegree.Order(graph);
        var nd = NestedDissection.Order(graph);
        Assert.True(IsPermutation(amd));
        Assert.True(IsPermutation(nd));
        Assert.True(IsPermutation(SymbolicCholesky.Analyze(n, from, to).Order));
        if (extra == 0)
        {
            // A forest: approximate minimum degree, like exact minimum degree, eliminates leaves first and fills nothing.
            Assert.Equal(n - isolated - 1, SymbolicCholesky.Counts(graph, amd).Entries);
            Assert.Equal(n - isolated - 1, SymbolicCholesky.Analyze(n, from, to).RowOfEntry.Length);
        }
    }

    [Fact]
    public void Approximate_minimum_degree_fills_about_as_little_as_exact_minimum_degree()
    {
        foreach (var (from, to, n) in new[] { Tuple(Grid(40), 1600), Tuple(RandomGraph(1500, 600, 3), 1500) })
        {
            var graph = JunctionGraph.FromLinks(n, from, to);
            var exact = SymbolicCholesky.Counts(graph, MinimumDegreeOrdering.Order(graph));
            var approx = SymbolicCholesky.Counts(graph, ApproximateMinimumDegree.Order(graph));
            Assert.True(approx.Entries <= 1.1 * exact.Entries, $"n={n}: {approx.Entries:N0} vs {exact.Entries:N0}");
        }

        static (int[], int[], int) Tuple((int[] From, int[] To) g, int n) => (g.From, g.To, n);
    }

    [Fact]
    public void The_pattern_is_closed_under_elimination_and_its_rows_are_its_columns_transposed()
    {
        var (from, to) = RandomGraph(2500, 1200, 11);
        var sym = SymbolicCholesky.Analyze(2500, from, to);
        int n = 2500;
        var pattern = new HashSet<(int, int)>();
        for (int c = 0; c < n; c++)
        {
            for (int e = sym.ColumnStart[c]; e < sym.ColumnStart[c + 1]; e++)
            {
                Assert.True(sym.RowOfEntry[e] > c);
                if (e > sym.ColumnStart[c]) Assert.True(sym.RowOfEntry[e] > sym.RowOfEntry[e - 1]);
                pattern.Add((sym.RowOfEntry[e], c));
            }
        }
        // A's entries are in the pattern, and eliminating column c joins its rows: L(i,c), L(k,c) ⇒ L(k,i).
        for (int k = 0; k < from.Length; k++)
        {
            if (from[k] == to[k]) continue;
            int a = sym.Position[from[k]], b = sym.Position[to[k]];
            Assert.Contains((Math.Max(a, b), Math.Min(a, b)), pattern);
            Assert.Equal(sym.EntryOf(a, b), sym.EntryOf(b, a));
        }
        for (int c = 0; c < n; c++)
        {
            for (int x = sym.ColumnStart[c]; x < sym.ColumnStart[c + 1]; x++)
                for (int y = sym.ColumnStart[c]; y < x; y++)
                    Assert.Contains((sym.RowOfEntry[x], sym.RowOfEntry[y]), pattern);
        }
        int count = 0;
        for (int k = 0; k < n; k++)
        {
            for (int t = sym.RowStart[k]; t < sym.RowStart[k + 1]; t++, count++)
            {
                Assert.Equal(k, sym.RowOfEntry[sym.RowEntry[t]]);
                Assert.Contains((k, sym.RowColumn[t]), pattern);
            }
        }
        Assert.Equal(pattern.Count, count);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(70)]
    public void Up_looking_factorization_equals_the_right_looking_update_lists_bit_for_bit(int side)
    {
        // The numeric factorization went from replaying right-looking update lists to up-looking over the rows of L;
        // each entry takes the same products in the same order, so the factors agree to the last bit.
        var network = NetworkGenerator.Grid(side * side, seed: 5);
        var net = CompiledNetwork.Compile(network);
        var sym = SymbolicCholesky.Analyze(net.JunctionCount, net.From, net.To);
        Assert.Equal(net.RowOfEntry, sym.RowOfEntry);
        int nj = net.JunctionCount;
        var rng = new Random(side);
        var batch = new HydraulicBatch(net, 1);
        var scratch = new HostGgaScratch(net);
        RandomSpdSystem.Fill(net, rng, scratch.Factor, scratch.Rhs, scratch.Grounding);
        var excess = (double[])scratch.Grounding.Clone();
        var v = (double[])scratch.Factor.Clone();
        var f = (double[])scratch.Rhs.Clone();

        Assert.True(GgaLaneSolver.CholeskySolve(new HostGgaNetwork(net), new HostGgaLane(batch, 0, scratch)));

        for (int c = 0; c < nj; c++)
        {
            // A column with nothing below takes its row's excess as the pivot; each column passes |L(i,c)|·e(c)/L(c,c) down.
            double d = Math.Sqrt(sym.ColumnStart[c + 1] == sym.ColumnStart[c] ? excess[c] : v[c]);
            v[c] = d;
            double gc = excess[c] / d;
            for (int e = sym.ColumnStart[c]; e < sym.ColumnStart[c + 1]; e++)
            {
                v[nj + e] /= d;
                excess[sym.RowOfEntry[e]] += Math.Abs(v[nj + e]) * gc;
            }
            for (int u = sym.UpdateStart[c]; u < sym.UpdateStart[c + 1]; u++) v[sym.UpdateTarget[u]] -= v[sym.UpdateA[u]] * v[sym.UpdateB[u]];
        }
        for (int c = 0; c < nj; c++)
        {
            double fc = f[c] / v[c];
            f[c] = fc;
            for (int e = sym.ColumnStart[c]; e < sym.ColumnStart[c + 1]; e++) f[sym.RowOfEntry[e]] -= v[nj + e] * fc;
        }
        for (int c = nj - 1; c >= 0; c--)
        {
            double s = f[c];
            for (int e = sym.ColumnStart[c]; e < sym.ColumnStart[c + 1]; e++) s -= v[nj + e] * f[sym.RowOfEntry[e]];
            f[c] = s / v[c];
        }
        Assert.Equal(v, scratch.Factor);
        Assert.Equal(f, scratch.Rhs);
        Assert.All(scratch.Work, w => Assert.Equal(0.0, w));
    }

    [Fact]
    public void A_non_positive_pivot_fails_and_leaves_the_dense_row_clean()
    {
        var net = CompiledNetwork.Compile(NetworkGenerator.Grid(400, seed: 2));
        var batch = new HydraulicBatch(net, 1);
        var scratch = new HostGgaScratch(net);
        for (int k = 0; k < net.LinkCount; k++)
        {
            if (net.LinkEntry[k] >= 0) scratch.Factor[net.LinkEntry[k]] = -1;
        }
        for (int j = 0; j < net.JunctionCount; j++) scratch.Factor[j] = 1; // not diagonally dominant: fails part-way
        Assert.False(GgaLaneSolver.CholeskySolve(new HostGgaNetwork(net), new HostGgaLane(batch, 0, scratch)));
        Assert.All(scratch.Work, w => Assert.Equal(0.0, w));
    }
}
